function __ccas-track_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __ccas-track_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __ccas-track_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __ccas-track_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __ccas-track_parse_tokens -S
    set -l unparsed_tokens (__ccas-track_tokens -pc)
    switch $unparsed_tokens[1]
    case 'ccas-track'
        __ccas-track_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'status'
            __ccas-track_parse_subcommand 2 'db=' 'operator=' 'q/quiet' 'exercise' 'event=' 'at=' 'lat=' 'lon=' 'force' 'reason=' 'version' 'h/help'
        case 'feed'
            __ccas-track_parse_subcommand -r 1 'db=' 'operator=' 'q/quiet' 'exercise' 'rejects=' 'strict' 'max-line-bytes=' 'version' 'h/help'
        case 'close'
            __ccas-track_parse_subcommand 1 'db=' 'operator=' 'q/quiet' 'exercise' 'outcome=' 'at=' 'version' 'h/help'
        case 'cancel'
            __ccas-track_parse_subcommand 1 'db=' 'operator=' 'q/quiet' 'exercise' 'reason=' 'version' 'h/help'
        case 'reopen'
            __ccas-track_parse_subcommand 1 'db=' 'operator=' 'q/quiet' 'exercise' 'reason=' 'version' 'h/help'
        case 'message'
            __ccas-track_parse_subcommand 1 'db=' 'operator=' 'q/quiet' 'exercise' 'type=' 'text=' 'from=' 'victims=' 'need=+' 'version' 'h/help'
        case 'events'
            __ccas-track_parse_subcommand 0 'db=' 'operator=' 'q/quiet' 'exercise' 'open' 'since=' 'format=' 'version' 'h/help'
        case 'show'
            __ccas-track_parse_subcommand 1 'db=' 'operator=' 'q/quiet' 'exercise' 'version' 'h/help'
        case 'units'
            __ccas-track_parse_subcommand 0 'db=' 'operator=' 'q/quiet' 'exercise' 'status=' 'format=' 'version' 'h/help'
        case 'journal'
            __ccas-track_parse_subcommand 0 'db=' 'operator=' 'q/quiet' 'exercise' 'since=' 'follow' 'poll-ms=' 'version' 'h/help'
        case 'report'
            __ccas-track_parse_subcommand 0 'db=' 'operator=' 'q/quiet' 'exercise' 'since=' 'until=' 'format=' 'fail-if=+' 'include-exercise' 'version' 'h/help'
        case 'map'
            __ccas-track_parse_subcommand 1 'db=' 'operator=' 'q/quiet' 'exercise' 'format=' 'nearby-m=' 'version' 'h/help'
        case 'board'
            __ccas-track_parse_subcommand 0 'db=' 'operator=' 'q/quiet' 'exercise' 'once' 'stale-minutes=' 'version' 'h/help'
        case 'export'
            __ccas-track_parse_subcommand 1 'db=' 'operator=' 'q/quiet' 'exercise' 'format=' 'agency=' 'version' 'h/help'
        case 'help'
            __ccas-track_parse_subcommand -r 1 'version'
        end
    end
end

function __ccas-track_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __ccas-track_parse_subcommand -S -a positional_count
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

function __ccas-track_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __ccas-track_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__ccas-track_tokens -p)
    if test -z "$(__ccas-track_tokens -t)"
        set -l index (count (__ccas-track_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'ccas-track' -f
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_positional "ccas-track" -eq 1' -fa 'status' -d 'Change a unit\'s status (exit 1, nothing changed, when the change is illegal).'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_positional "ccas-track" -eq 1' -fa 'feed' -d 'Apply a feed of status records (AVL positions included); an illegal one is rejected, the rest go on.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_positional "ccas-track" -eq 1' -fa 'close' -d 'Close an event: units still engaged are released, its talkgroup freed.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_positional "ccas-track" -eq 1' -fa 'cancel' -d 'Cancel an event (a hoax, a duplicate…), with the reason.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_positional "ccas-track" -eq 1' -fa 'reopen' -d 'Reopen a closed or cancelled event.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_positional "ccas-track" -eq 1' -fa 'message' -d 'Record a message from the field; a bilan updates the victims, a renfort prints a request for ccas-dispatch reinforce.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_positional "ccas-track" -eq 1' -fa 'events' -d 'List events, newest first.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_positional "ccas-track" -eq 1' -fa 'show' -d 'Everything about one event: calls, classification and its reasons, units and their times, messages, notifications, talkgroup.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_positional "ccas-track" -eq 1' -fa 'units' -d 'List units with their status, event and last position.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_positional "ccas-track" -eq 1' -fa 'journal' -d 'The log book as NDJSON; --follow waits for new rows like tail -f.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_positional "ccas-track" -eq 1' -fa 'report' -d 'Volumes and performance indicators with percentiles and compliance, for supervisors and cron.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_positional "ccas-track" -eq 1' -fa 'map' -d 'Map an event (or every open event): each call\'s position with its precision, engaged and nearby units, stations; works offline.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_positional "ccas-track" -eq 1' -fa 'board' -d 'A live full-screen board for the room: open events by priority, units by station, stale units; redraws on every journal change.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_positional "ccas-track" -eq 1' -fa 'export' -d 'One event as a document for another centre: a NENA EIDO (JSON) or a French EMSI message (15-18).'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_positional "ccas-track" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track status" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track status" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track status" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track status" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track status" event' -l 'event' -d 'The event the unit serves.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track status" at' -l 'at' -d 'When (ISO 8601; default now).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track status" lat' -l 'lat' -d 'Latitude of the unit.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track status" lon' -l 'lon' -d 'Longitude of the unit.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track status" force' -l 'force' -d 'Allow a change the status machine refuses (needs --reason).'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track status" reason' -l 'reason' -d 'Why the change is forced; goes in the journal.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track status" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track feed" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track feed" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track feed" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track feed" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track feed" rejects' -l 'rejects' -d 'Append each rejected input line to this file.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track feed" strict' -l 'strict' -d 'Stop at the first bad line (exit 65).'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track feed" max-line-bytes' -l 'max-line-bytes' -d 'Longest accepted input line, in bytes.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track feed" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track feed" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track close" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track close" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track close" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track close" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track close" outcome' -l 'outcome' -d 'What happened, for the record.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track close" at' -l 'at' -d 'When (ISO 8601; default now).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track close" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track close" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track cancel" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track cancel" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track cancel" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track cancel" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track cancel" reason' -l 'reason' -d 'Why it is cancelled.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track cancel" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track cancel" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track reopen" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track reopen" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track reopen" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track reopen" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track reopen" reason' -l 'reason' -d 'Why it is reopened.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track reopen" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track reopen" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track message" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track message" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track message" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track message" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track message" type' -l 'type' -d 'ambiance, renseignement, bilan, renfort or fin.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track message" text' -l 'text' -d 'The message.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track message" from' -l 'from' -d 'The unit it comes from.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track message" victims' -l 'victims' -d 'Victims counted (bilan).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track message"' -l 'need' -d 'A capability and how many are asked (renfort), e.g. ems_als=1.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track message" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track message" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track events" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track events" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track events" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track events" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track events" open' -l 'open' -d 'Only events not closed or cancelled.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track events" since' -l 'since' -d 'Only events opened since (ISO 8601, or 24h, 7d…).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track events" format' -l 'format' -d 'table, ndjson or csv (default: table on a terminal, else ndjson).' -rfka 'table ndjson csv'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track events" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track events" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track show" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track show" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track show" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track show" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track show" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track units" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track units" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track units" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track units" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track units" status' -l 'status' -d 'Only units with this status.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track units" format' -l 'format' -d 'table, ndjson or csv.' -rfka 'table ndjson csv'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track units" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track units" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track journal" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track journal" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track journal" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track journal" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track journal" since' -l 'since' -d 'Start after this sequence number, or at this time (ISO 8601, 24h…).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track journal" follow' -l 'follow' -d 'Keep printing new rows as they are written.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track journal" poll-ms' -l 'poll-ms' -d 'Milliseconds between looks at the store while following.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track journal" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track journal" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track report" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track report" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track report" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track report" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track report" since' -l 'since' -d 'Events opened since (ISO 8601, or 24h, 7d…).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track report" until' -l 'until' -d 'Events opened before (ISO 8601, or relative).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track report" format' -l 'format' -d 'table, ndjson, csv, md or html (default: table on a terminal, else ndjson).' -rfka 'table ndjson csv md html'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track report"' -l 'fail-if' -d 'Exit 1 when a threshold is breached, e.g. response.p90>600 (repeatable, or comma-separated).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track report" include-exercise' -l 'include-exercise' -d 'Count exercise events too.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track report" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track report" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track map" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track map" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track map" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track map" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track map" format' -l 'format' -d 'geojson, svg or html.' -rfka 'geojson svg html'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track map" nearby-m' -l 'nearby-m' -d 'Show available units and stations within this distance of the event (metres).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track map" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track map" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track board" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track board" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track board" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track board" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track board" once' -l 'once' -d 'Print one frame and exit (for scripts and tests).'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track board" stale-minutes' -l 'stale-minutes' -d 'Minutes after which an engaged unit with no status or position is flagged.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track board" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track board" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track export" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track export" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track export" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track export" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track export" format' -l 'format' -d 'eido or emsi.' -rfka 'eido emsi'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track export" agency' -l 'agency' -d 'The sending agency or organisation id (EIDO agency, EMSI ORG_ID).' -rfka ''
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track export" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-track' -n '__ccas-track_should_offer_completions_for_flags_or_options "ccas-track help" version' -l 'version' -d 'Show the version.'
