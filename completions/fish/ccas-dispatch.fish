function __ccas-dispatch_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __ccas-dispatch_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __ccas-dispatch_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __ccas-dispatch_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __ccas-dispatch_parse_tokens -S
    set -l unparsed_tokens (__ccas-dispatch_tokens -pc)
    switch $unparsed_tokens[1]
    case 'ccas-dispatch'
        __ccas-dispatch_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'recommend'
            __ccas-dispatch_parse_subcommand -r 1 'db=' 'operator=' 'q/quiet' 'exercise' 'rejects=' 'strict' 'max-line-bytes=' 'zones=' 'rules=' 'commit' 'auto-reflex' 'version' 'h/help'
        case 'units'
            __ccas-dispatch_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'import'
                __ccas-dispatch_parse_subcommand 1 'db=' 'operator=' 'q/quiet' 'exercise' 'rejects=' 'version' 'h/help'
            case 'list'
                __ccas-dispatch_parse_subcommand 0 'db=' 'operator=' 'q/quiet' 'exercise' 'format=' 'status=' 'version' 'h/help'
            end
        case 'stations'
            __ccas-dispatch_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'import'
                __ccas-dispatch_parse_subcommand 1 'db=' 'operator=' 'q/quiet' 'exercise' 'rejects=' 'version' 'h/help'
            case 'list'
                __ccas-dispatch_parse_subcommand 0 'db=' 'operator=' 'q/quiet' 'exercise' 'format=' 'version' 'h/help'
            end
        case 'engage'
            __ccas-dispatch_parse_subcommand -r 2 'db=' 'operator=' 'q/quiet' 'exercise' 'zones=' 'rules=' 'version' 'h/help'
        case 'release'
            __ccas-dispatch_parse_subcommand 2 'db=' 'operator=' 'q/quiet' 'exercise' 'reason=' 'version' 'h/help'
        case 'reinforce'
            __ccas-dispatch_parse_subcommand -r 1 'db=' 'operator=' 'q/quiet' 'exercise' 'zones=' 'rules=' 'event=' 'need=+' 'commit' 'rejects=' 'strict' 'max-line-bytes=' 'version' 'h/help'
        case 'help'
            __ccas-dispatch_parse_subcommand -r 1 'version'
        end
    end
end

function __ccas-dispatch_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __ccas-dispatch_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __ccas-dispatch_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __ccas-dispatch_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__ccas-dispatch_tokens -p)
    if test -z "$(__ccas-dispatch_tokens -t)"
        set -l index (count (__ccas-dispatch_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'ccas-dispatch' -f
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_positional "ccas-dispatch" -eq 1' -fa 'recommend' -d 'Recommend (and with --commit engage) units for classified records (the default command).'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_positional "ccas-dispatch" -eq 1' -fa 'units' -d 'The unit register: import, list.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_positional "ccas-dispatch" -eq 1' -fa 'stations' -d 'The stations: import, list.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_positional "ccas-dispatch" -eq 1' -fa 'engage' -d 'Engage the operator\'s own choice of units on an event.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_positional "ccas-dispatch" -eq 1' -fa 'release' -d 'Release a unit from an event: it becomes AVAILABLE again (RETURNING if already on the road).'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_positional "ccas-dispatch" -eq 1' -fa 'reinforce' -d 'Recommend (and with --commit engage) reinforcements for an event.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_positional "ccas-dispatch" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch recommend" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch recommend" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch recommend" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch recommend" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch recommend" rejects' -l 'rejects' -d 'Append each rejected input line to this file.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch recommend" strict' -l 'strict' -d 'Stop at the first bad line (exit 65).'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch recommend" max-line-bytes' -l 'max-line-bytes' -d 'Longest accepted input line, in bytes.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch recommend" zones' -l 'zones' -d 'Commune-to-zone table (CSV commune,zone,lat,lon; zone POLICE or GEND) for the police/gendarmerie check.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch recommend" rules' -l 'rules' -d 'A référentiel folder to use instead of the built-in one.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch recommend" commit' -l 'commit' -d 'Engage the recommended units in the store.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch recommend" auto-reflex' -l 'auto-reflex' -d 'Engage at once for réflexe events only; only recommend for the others.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch recommend" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch recommend" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch units" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch units" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_positional "ccas-dispatch units" -eq 1' -fa 'import' -d 'Add or update units from a CSV file (header id,type,station,lat,lon[,status,capabilities]) or NDJSON.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_positional "ccas-dispatch units" -eq 1' -fa 'list' -d 'List the units with their status.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch units import" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch units import" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch units import" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch units import" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch units import" rejects' -l 'rejects' -d 'Append each rejected row to this file.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch units import" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch units import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch units list" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch units list" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch units list" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch units list" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch units list" format' -l 'format' -d 'Output format (default: table on a terminal, ndjson otherwise).' -rfka 'table ndjson csv'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch units list" status' -l 'status' -d 'Only units with this status.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch units list" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch units list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch stations" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch stations" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_positional "ccas-dispatch stations" -eq 1' -fa 'import' -d 'Add or update stations from a CSV file (header id,name,lat,lon[,sector]) or NDJSON.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_positional "ccas-dispatch stations" -eq 1' -fa 'list' -d 'List the stations.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch stations import" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch stations import" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch stations import" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch stations import" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch stations import" rejects' -l 'rejects' -d 'Append each rejected row to this file.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch stations import" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch stations import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch stations list" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch stations list" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch stations list" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch stations list" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch stations list" format' -l 'format' -d 'Output format (default: table on a terminal, ndjson otherwise).' -rfka 'table ndjson csv'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch stations list" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch stations list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch engage" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch engage" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch engage" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch engage" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch engage" zones' -l 'zones' -d 'Commune-to-zone table (CSV commune,zone,lat,lon; zone POLICE or GEND) for the police/gendarmerie check.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch engage" rules' -l 'rules' -d 'A référentiel folder to use instead of the built-in one.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch engage" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch engage" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch release" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch release" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch release" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch release" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch release" reason' -l 'reason' -d 'Why, for the log book.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch release" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch release" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch reinforce" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch reinforce" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch reinforce" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch reinforce" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch reinforce" zones' -l 'zones' -d 'Commune-to-zone table (CSV commune,zone,lat,lon; zone POLICE or GEND) for the police/gendarmerie check.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch reinforce" rules' -l 'rules' -d 'A référentiel folder to use instead of the built-in one.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch reinforce" event' -l 'event' -d 'The event number; without it, renfort messages are read from the input.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch reinforce"' -l 'need' -d 'A need, CAPABILITY=N or TYPE=N (repeatable).' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch reinforce" commit' -l 'commit' -d 'Engage the recommended units.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch reinforce" rejects' -l 'rejects' -d 'Append each rejected input line to this file.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch reinforce" strict' -l 'strict' -d 'Stop at the first bad line (exit 65).'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch reinforce" max-line-bytes' -l 'max-line-bytes' -d 'Longest accepted input line, in bytes.' -rfka ''
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch reinforce" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch reinforce" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-dispatch' -n '__ccas-dispatch_should_offer_completions_for_flags_or_options "ccas-dispatch help" version' -l 'version' -d 'Show the version.'
