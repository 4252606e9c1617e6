function __ccas-intake_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __ccas-intake_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __ccas-intake_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __ccas-intake_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __ccas-intake_parse_tokens -S
    set -l unparsed_tokens (__ccas-intake_tokens -pc)
    switch $unparsed_tokens[1]
    case 'ccas-intake'
        __ccas-intake_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'read'
            __ccas-intake_parse_subcommand -r 1 'db=' 'operator=' 'q/quiet' 'exercise' 'rejects=' 'strict' 'max-line-bytes=' 'no-store' 'country=' 'correlate-distance=' 'correlate-window=' 'callback-window=' 'spool=' 'busy-timeout=' 'from=' 'map=' 'version' 'h/help'
        case 'call'
            __ccas-intake_parse_subcommand 0 'db=' 'operator=' 'q/quiet' 'exercise' 'no-store' 'country=' 'correlate-distance=' 'correlate-window=' 'callback-window=' 'spool=' 'busy-timeout=' 'channel=' 'phone=' 'name=' 'address=' 'lat=' 'lon=' 'text=' 'nature-hint=' 'at=' 'id=' 'version' 'h/help'
        case 'guided'
            __ccas-intake_parse_subcommand 0 'db=' 'operator=' 'q/quiet' 'exercise' 'no-store' 'country=' 'correlate-distance=' 'correlate-window=' 'callback-window=' 'spool=' 'busy-timeout=' 'rules=' 'channel=' 'lang=' 'version' 'h/help'
        case 'replay'
            __ccas-intake_parse_subcommand 1 'db=' 'operator=' 'q/quiet' 'exercise' 'no-store' 'country=' 'correlate-distance=' 'correlate-window=' 'callback-window=' 'spool=' 'busy-timeout=' 'version' 'h/help'
        case 'help'
            __ccas-intake_parse_subcommand -r 1 'version'
        end
    end
end

function __ccas-intake_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __ccas-intake_parse_subcommand -S -a positional_count
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

function __ccas-intake_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __ccas-intake_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__ccas-intake_tokens -p)
    if test -z "$(__ccas-intake_tokens -t)"
        set -l index (count (__ccas-intake_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'ccas-intake' -f
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_positional "ccas-intake" -eq 1' -fa 'read' -d 'Read calls from files or standard input (the default command).'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_positional "ccas-intake" -eq 1' -fa 'call' -d 'Take one call typed by an operator.'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_positional "ccas-intake" -eq 1' -fa 'guided' -d 'Take a call by answering questions (on a terminal, or with answers piped in).'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_positional "ccas-intake" -eq 1' -fa 'replay' -d 'Put the calls spooled in degraded mode back into the store (safe to run again).'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_positional "ccas-intake" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake read" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake read" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake read" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake read" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake read" rejects' -l 'rejects' -d 'Append each rejected input line to this file.' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake read" strict' -l 'strict' -d 'Stop at the first bad line (exit 65).'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake read" max-line-bytes' -l 'max-line-bytes' -d 'Longest accepted input line, in bytes.' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake read" no-store' -l 'no-store' -d 'Only normalise and print; store nothing.'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake read" country' -l 'country' -d 'Country for phone numbers without one (ISO 3166 code).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake read" correlate-distance' -l 'correlate-distance' -d 'A call this close to an open event joins it (metres).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake read" correlate-window' -l 'correlate-window' -d '… if the event\'s last call is this recent (seconds).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake read" callback-window' -l 'callback-window' -d 'A call from the same number this recent joins its event (seconds).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake read" spool' -l 'spool' -d 'Where calls go when the store cannot be written (default: $XDG_STATE_HOME/ccas/spool.ndjson).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake read" busy-timeout' -l 'busy-timeout' -d 'How long to wait for a store locked by another program (seconds).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake read" from' -l 'from' -d 'Input format.' -rfka 'ndjson csv aml ecall eido'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake read" map' -l 'map' -d 'Column map for --from csv (JSON).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake read" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake read" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" no-store' -l 'no-store' -d 'Only normalise and print; store nothing.'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" country' -l 'country' -d 'Country for phone numbers without one (ISO 3166 code).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" correlate-distance' -l 'correlate-distance' -d 'A call this close to an open event joins it (metres).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" correlate-window' -l 'correlate-window' -d '… if the event\'s last call is this recent (seconds).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" callback-window' -l 'callback-window' -d 'A call from the same number this recent joins its event (seconds).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" spool' -l 'spool' -d 'Where calls go when the store cannot be written (default: $XDG_STATE_HOME/ccas/spool.ndjson).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" busy-timeout' -l 'busy-timeout' -d 'How long to wait for a store locked by another program (seconds).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" channel' -l 'channel' -d 'Channel: phone, sms, aml, ecall, web, radio, alarm, transfer.' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" phone' -l 'phone' -d 'Callback number (any usual form; stored in E.164).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" name' -l 'name' -d 'Caller\'s name.' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" address' -l 'address' -d 'Where it happens.' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" lat' -l 'lat' -d 'Latitude (WGS84 decimal degrees).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" lon' -l 'lon' -d 'Longitude (WGS84 decimal degrees).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" text' -l 'text' -d 'What the caller says is happening.' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" nature-hint' -l 'nature-hint' -d 'A call type from another system, for the classifier.' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" at' -l 'at' -d 'When the call was received (ISO 8601; default now).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" id' -l 'id' -d 'The call\'s id (default: made from the time and the operator).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake call" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake guided" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake guided" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake guided" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake guided" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake guided" no-store' -l 'no-store' -d 'Only normalise and print; store nothing.'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake guided" country' -l 'country' -d 'Country for phone numbers without one (ISO 3166 code).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake guided" correlate-distance' -l 'correlate-distance' -d 'A call this close to an open event joins it (metres).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake guided" correlate-window' -l 'correlate-window' -d '… if the event\'s last call is this recent (seconds).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake guided" callback-window' -l 'callback-window' -d 'A call from the same number this recent joins its event (seconds).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake guided" spool' -l 'spool' -d 'Where calls go when the store cannot be written (default: $XDG_STATE_HOME/ccas/spool.ndjson).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake guided" busy-timeout' -l 'busy-timeout' -d 'How long to wait for a store locked by another program (seconds).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake guided" rules' -l 'rules' -d 'A référentiel folder to use instead of the built-in one.' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake guided" channel' -l 'channel' -d 'Channel of the call.' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake guided" lang' -l 'lang' -d 'Language of the prompts: fr or en.' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake guided" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake guided" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake replay" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake replay" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake replay" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake replay" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake replay" no-store' -l 'no-store' -d 'Only normalise and print; store nothing.'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake replay" country' -l 'country' -d 'Country for phone numbers without one (ISO 3166 code).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake replay" correlate-distance' -l 'correlate-distance' -d 'A call this close to an open event joins it (metres).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake replay" correlate-window' -l 'correlate-window' -d '… if the event\'s last call is this recent (seconds).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake replay" callback-window' -l 'callback-window' -d 'A call from the same number this recent joins its event (seconds).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake replay" spool' -l 'spool' -d 'Where calls go when the store cannot be written (default: $XDG_STATE_HOME/ccas/spool.ndjson).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake replay" busy-timeout' -l 'busy-timeout' -d 'How long to wait for a store locked by another program (seconds).' -rfka ''
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake replay" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake replay" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-intake' -n '__ccas-intake_should_offer_completions_for_flags_or_options "ccas-intake help" version' -l 'version' -d 'Show the version.'
