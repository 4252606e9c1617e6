function __ccas_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __ccas_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __ccas_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __ccas_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __ccas_parse_tokens -S
    set -l unparsed_tokens (__ccas_tokens -pc)
    switch $unparsed_tokens[1]
    case 'ccas'
        __ccas_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'init'
            __ccas_parse_subcommand 0 'db=' 'operator=' 'q/quiet' 'exercise' 'rules-dir=' 'version' 'h/help'
        case 'doctor'
            __ccas_parse_subcommand 0 'db=' 'operator=' 'q/quiet' 'exercise' 'rules=' 'format=' 'stale-after=' 'open-limit=' 'version' 'h/help'
        case 'backup'
            __ccas_parse_subcommand 1 'db=' 'operator=' 'q/quiet' 'exercise' 'keep=' 'version' 'h/help'
        case 'restore'
            __ccas_parse_subcommand 1 'db=' 'operator=' 'q/quiet' 'exercise' 'version' 'h/help'
        case 'export-journal'
            __ccas_parse_subcommand 0 'db=' 'operator=' 'q/quiet' 'exercise' 'since=' 'after=' 'version' 'h/help'
        case 'purge'
            __ccas_parse_subcommand 0 'db=' 'operator=' 'q/quiet' 'exercise' 'older-than=' 'dry-run' 'version' 'h/help'
        case 'help'
            __ccas_parse_subcommand -r 1 'version'
        end
    end
end

function __ccas_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __ccas_parse_subcommand -S -a positional_count
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

function __ccas_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __ccas_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__ccas_tokens -p)
    if test -z "$(__ccas_tokens -t)"
        set -l index (count (__ccas_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'ccas' -f
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas" version' -l 'version' -d 'Show the version.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_positional "ccas" -eq 1' -fa 'init' -d 'Create the store and write the default référentiel for editing (safe to run again).'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_positional "ccas" -eq 1' -fa 'doctor' -d 'Check the store, the référentiel, units, notifications, events and the clock.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_positional "ccas" -eq 1' -fa 'backup' -d 'Copy the store to FILE while the programs go on writing; verify the copy.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_positional "ccas" -eq 1' -fa 'restore' -d 'Put a backup back as the store, keeping the current store beside it.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_positional "ccas" -eq 1' -fa 'export-journal' -d 'Write the log book (journal) as NDJSON, for archiving.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_positional "ccas" -eq 1' -fa 'purge' -d 'Remove callers\' personal data from old closed events, or remove exercise rows.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_positional "ccas" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas init" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas init" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas init" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas init" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas init" rules-dir' -l 'rules-dir' -d 'Where to write the référentiel (default: $XDG_CONFIG_HOME/ccas/referentiel).' -rfka ''
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas init" version' -l 'version' -d 'Show the version.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas doctor" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas doctor" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas doctor" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas doctor" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas doctor" rules' -l 'rules' -d 'A référentiel folder to use instead of the built-in one.' -rfka ''
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas doctor" format' -l 'format' -d 'Output: table or ndjson (default: a table on a terminal, NDJSON in a pipe).' -rfka 'table ndjson csv'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas doctor" stale-after' -l 'stale-after' -d 'An engaged unit silent longer than this is stale (seconds; default: the référentiel\'s stale_after_s).' -rfka ''
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas doctor" open-limit' -l 'open-limit' -d 'Warn about events open longer than this (seconds).' -rfka ''
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas doctor" version' -l 'version' -d 'Show the version.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas doctor" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas backup" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas backup" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas backup" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas backup" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas backup" keep' -l 'keep' -d 'Keep this many earlier backups as FILE.1 … FILE.N.' -rfka ''
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas backup" version' -l 'version' -d 'Show the version.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas backup" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas restore" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas restore" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas restore" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas restore" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas restore" version' -l 'version' -d 'Show the version.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas restore" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas export-journal" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas export-journal" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas export-journal" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas export-journal" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas export-journal" since' -l 'since' -d 'Rows at or after this time (ISO 8601, or 24h, 7d, 1y ago).' -rfka ''
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas export-journal" after' -l 'after' -d 'Rows after this sequence number.' -rfka ''
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas export-journal" version' -l 'version' -d 'Show the version.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas export-journal" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas purge" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas purge" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas purge" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas purge" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas purge" older-than' -l 'older-than' -d 'Purge events closed longer ago than this: 1y, 180d, 12w …' -rfka ''
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas purge" dry-run' -l 'dry-run' -d 'Say what would be removed; change nothing.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas purge" version' -l 'version' -d 'Show the version.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas purge" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas' -n '__ccas_should_offer_completions_for_flags_or_options "ccas help" version' -l 'version' -d 'Show the version.'
