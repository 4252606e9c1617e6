function __ccas-classify_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __ccas-classify_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __ccas-classify_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __ccas-classify_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __ccas-classify_parse_tokens -S
    set -l unparsed_tokens (__ccas-classify_tokens -pc)
    switch $unparsed_tokens[1]
    case 'ccas-classify'
        __ccas-classify_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'run'
            __ccas-classify_parse_subcommand -r 1 'db=' 'operator=' 'q/quiet' 'exercise' 'rejects=' 'strict' 'max-line-bytes=' 'rules=' 'no-store' 'text=' 'nature-hint=' 'version' 'h/help'
        case 'natures'
            __ccas-classify_parse_subcommand 0 'rules=' 'format=' 'version' 'h/help'
        case 'referentiel'
            __ccas-classify_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'export'
                __ccas-classify_parse_subcommand 1 'version' 'h/help'
            case 'check'
                __ccas-classify_parse_subcommand 1 'version' 'h/help'
            end
        case 'help'
            __ccas-classify_parse_subcommand -r 1 'version'
        end
    end
end

function __ccas-classify_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __ccas-classify_parse_subcommand -S -a positional_count
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

function __ccas-classify_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __ccas-classify_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__ccas-classify_tokens -p)
    if test -z "$(__ccas-classify_tokens -t)"
        set -l index (count (__ccas-classify_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'ccas-classify' -f
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_positional "ccas-classify" -eq 1' -fa 'run' -d 'Classify call records from files or standard input, or one text (the default command).'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_positional "ccas-classify" -eq 1' -fa 'natures' -d 'List the natures of the référentiel with their defaults.'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_positional "ccas-classify" -eq 1' -fa 'referentiel' -d 'Export the built-in référentiel for editing, or check one.'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_positional "ccas-classify" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify run" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify run" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify run" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify run" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify run" rejects' -l 'rejects' -d 'Append each rejected input line to this file.' -rfka ''
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify run" strict' -l 'strict' -d 'Stop at the first bad line (exit 65).'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify run" max-line-bytes' -l 'max-line-bytes' -d 'Longest accepted input line, in bytes.' -rfka ''
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify run" rules' -l 'rules' -d 'A référentiel folder to use instead of the built-in one.' -rfka ''
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify run" no-store' -l 'no-store' -d 'Only classify and print; store nothing.'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify run" text' -l 'text' -d 'Classify this one text (readable on a terminal).' -rfka ''
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify run" nature-hint' -l 'nature-hint' -d 'A call type from another system, with --text.' -rfka ''
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify run" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify natures" rules' -l 'rules' -d 'A référentiel folder to use instead of the built-in one.' -rfka ''
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify natures" format' -l 'format' -d 'table, ndjson or csv (default: table on a terminal, else ndjson).' -rfka 'table ndjson csv'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify natures" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify natures" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify referentiel" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify referentiel" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_positional "ccas-classify referentiel" -eq 1' -fa 'export' -d 'Write the built-in référentiel\'s YAML files to a folder.'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_positional "ccas-classify referentiel" -eq 1' -fa 'check' -d 'Validate a référentiel folder: every problem with its file and line; exit 65 if any.'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify referentiel export" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify referentiel export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify referentiel check" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify referentiel check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-classify' -n '__ccas-classify_should_offer_completions_for_flags_or_options "ccas-classify help" version' -l 'version' -d 'Show the version.'
