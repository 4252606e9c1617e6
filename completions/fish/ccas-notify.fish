function __ccas-notify_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __ccas-notify_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __ccas-notify_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __ccas-notify_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __ccas-notify_parse_tokens -S
    set -l unparsed_tokens (__ccas-notify_tokens -pc)
    switch $unparsed_tokens[1]
    case 'ccas-notify'
        __ccas-notify_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'run'
            __ccas-notify_parse_subcommand -r 1 'db=' 'operator=' 'q/quiet' 'exercise' 'rejects=' 'strict' 'max-line-bytes=' 'rules=' 'lang=' 'channel=' 'url=' 'target=' 'spool=' 'secret-file=' 'timeout=' 'deadline=' 'retry-after=' 'retry-max=' 'max-attempts=' 'no-deliver' 'version' 'h/help'
        case 'deliver'
            __ccas-notify_parse_subcommand 0 'db=' 'operator=' 'q/quiet' 'exercise' 'rules=' 'lang=' 'channel=' 'url=' 'target=' 'spool=' 'secret-file=' 'timeout=' 'deadline=' 'retry-after=' 'retry-max=' 'max-attempts=' 'watch' 'interval=' 'version' 'h/help'
        case 'ack'
            __ccas-notify_parse_subcommand 1 'db=' 'operator=' 'q/quiet' 'exercise' 'by=' 'version' 'h/help'
        case 'pending'
            __ccas-notify_parse_subcommand 0 'db=' 'operator=' 'q/quiet' 'exercise' 'format=' 'version' 'h/help'
        case 'escalate'
            __ccas-notify_parse_subcommand 0 'db=' 'operator=' 'q/quiet' 'exercise' 'rules=' 'lang=' 'channel=' 'url=' 'target=' 'spool=' 'secret-file=' 'timeout=' 'deadline=' 'retry-after=' 'retry-max=' 'max-attempts=' 'no-deliver' 'watch' 'interval=' 'version' 'h/help'
        case 'send'
            __ccas-notify_parse_subcommand 0 'db=' 'operator=' 'q/quiet' 'exercise' 'rules=' 'lang=' 'channel=' 'url=' 'target=' 'spool=' 'secret-file=' 'timeout=' 'deadline=' 'retry-after=' 'retry-max=' 'max-attempts=' 'to=' 'event=' 'text=' 'no-deliver' 'version' 'h/help'
        case 'help'
            __ccas-notify_parse_subcommand -r 1 'version'
        end
    end
end

function __ccas-notify_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __ccas-notify_parse_subcommand -S -a positional_count
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

function __ccas-notify_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __ccas-notify_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__ccas-notify_tokens -p)
    if test -z "$(__ccas-notify_tokens -t)"
        set -l index (count (__ccas-notify_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'ccas-notify' -f
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_positional "ccas-notify" -eq 1' -fa 'run' -d 'Read dispatch/event records, decide and queue their notifications, deliver them (the default command).'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_positional "ccas-notify" -eq 1' -fa 'deliver' -d 'Deliver what is due in the outbox (retries included), once or continuously.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_positional "ccas-notify" -eq 1' -fa 'ack' -d 'Record that a notification was acknowledged (a unit\'s alert moves the unit to ACKNOWLEDGED).'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_positional "ccas-notify" -eq 1' -fa 'pending' -d 'List the notifications nobody acknowledged, with their age and deadline.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_positional "ccas-notify" -eq 1' -fa 'escalate' -d 'Tell the escalation recipient of every notification not acknowledged by its deadline (from cron, or --watch).'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_positional "ccas-notify" -eq 1' -fa 'send' -d 'Send an operator\'s own message to a recipient, with the same guarantees (outbox, retries, acknowledgement).'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_positional "ccas-notify" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify run" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify run" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify run" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify run" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify run" rejects' -l 'rejects' -d 'Append each rejected input line to this file.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify run" strict' -l 'strict' -d 'Stop at the first bad line (exit 65).'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify run" max-line-bytes' -l 'max-line-bytes' -d 'Longest accepted input line, in bytes.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify run" rules' -l 'rules' -d 'Directory with recipients.yaml, notification-rules.yaml, templates.yaml (the built-in ones for files not there).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify run" lang' -l 'lang' -d 'Language of the messages (fr or en).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify run" channel' -l 'channel' -d 'Send every notification of this run on this channel, whatever the recipients\' own (stdout, file, webhook, exec, cap).' -rfka 'stdout webhook exec cap file'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify run" url' -l 'url' -d 'URL for --channel webhook (or cap).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify run" target' -l 'target' -d 'Target for --channel exec (a command), file or cap (a directory).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify run" spool' -l 'spool' -d 'Spool directory for file and cap channels whose target is `spool`.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify run" secret-file' -l 'secret-file' -d 'File holding the webhook signing secret.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify run" timeout' -l 'timeout' -d 'Seconds to wait for a webhook or command.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify run" deadline' -l 'deadline' -d 'Acknowledgement deadline, in seconds, for every notification of this run (default: by priority, P0 60 s).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify run" retry-after' -l 'retry-after' -d 'First retry delay in seconds; doubled at each attempt, with jitter.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify run" retry-max' -l 'retry-max' -d 'Longest retry delay in seconds.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify run" max-attempts' -l 'max-attempts' -d 'Attempts before a notification is given up as failed.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify run" no-deliver' -l 'no-deliver' -d 'Queue only; `ccas-notify deliver` delivers later.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify run" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify deliver" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify deliver" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify deliver" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify deliver" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify deliver" rules' -l 'rules' -d 'Directory with recipients.yaml, notification-rules.yaml, templates.yaml (the built-in ones for files not there).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify deliver" lang' -l 'lang' -d 'Language of the messages (fr or en).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify deliver" channel' -l 'channel' -d 'Send every notification of this run on this channel, whatever the recipients\' own (stdout, file, webhook, exec, cap).' -rfka 'stdout webhook exec cap file'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify deliver" url' -l 'url' -d 'URL for --channel webhook (or cap).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify deliver" target' -l 'target' -d 'Target for --channel exec (a command), file or cap (a directory).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify deliver" spool' -l 'spool' -d 'Spool directory for file and cap channels whose target is `spool`.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify deliver" secret-file' -l 'secret-file' -d 'File holding the webhook signing secret.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify deliver" timeout' -l 'timeout' -d 'Seconds to wait for a webhook or command.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify deliver" deadline' -l 'deadline' -d 'Acknowledgement deadline, in seconds, for every notification of this run (default: by priority, P0 60 s).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify deliver" retry-after' -l 'retry-after' -d 'First retry delay in seconds; doubled at each attempt, with jitter.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify deliver" retry-max' -l 'retry-max' -d 'Longest retry delay in seconds.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify deliver" max-attempts' -l 'max-attempts' -d 'Attempts before a notification is given up as failed.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify deliver" watch' -l 'watch' -d 'Keep delivering as notifications fall due, until interrupted.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify deliver" interval' -l 'interval' -d 'Seconds between rounds with --watch.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify deliver" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify deliver" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify ack" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify ack" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify ack" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify ack" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify ack" by' -l 'by' -d 'Who acknowledged (default: the operator).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify ack" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify ack" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify pending" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify pending" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify pending" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify pending" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify pending" format' -l 'format' -d 'Output format (default: a table on a terminal, NDJSON in a pipe).' -rfka 'table ndjson'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify pending" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify pending" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify escalate" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify escalate" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify escalate" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify escalate" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify escalate" rules' -l 'rules' -d 'Directory with recipients.yaml, notification-rules.yaml, templates.yaml (the built-in ones for files not there).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify escalate" lang' -l 'lang' -d 'Language of the messages (fr or en).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify escalate" channel' -l 'channel' -d 'Send every notification of this run on this channel, whatever the recipients\' own (stdout, file, webhook, exec, cap).' -rfka 'stdout webhook exec cap file'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify escalate" url' -l 'url' -d 'URL for --channel webhook (or cap).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify escalate" target' -l 'target' -d 'Target for --channel exec (a command), file or cap (a directory).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify escalate" spool' -l 'spool' -d 'Spool directory for file and cap channels whose target is `spool`.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify escalate" secret-file' -l 'secret-file' -d 'File holding the webhook signing secret.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify escalate" timeout' -l 'timeout' -d 'Seconds to wait for a webhook or command.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify escalate" deadline' -l 'deadline' -d 'Acknowledgement deadline, in seconds, for every notification of this run (default: by priority, P0 60 s).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify escalate" retry-after' -l 'retry-after' -d 'First retry delay in seconds; doubled at each attempt, with jitter.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify escalate" retry-max' -l 'retry-max' -d 'Longest retry delay in seconds.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify escalate" max-attempts' -l 'max-attempts' -d 'Attempts before a notification is given up as failed.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify escalate" no-deliver' -l 'no-deliver' -d 'Queue the escalations only; do not deliver them now.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify escalate" watch' -l 'watch' -d 'Keep escalating and delivering, until interrupted.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify escalate" interval' -l 'interval' -d 'Seconds between rounds with --watch.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify escalate" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify escalate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify send" db' -l 'db' -d 'The store (SQLite file).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify send" operator' -l 'operator' -d 'Who is acting, recorded with every change.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify send" q quiet' -l 'quiet' -s 'q' -d 'No summary or progress on standard error.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify send" exercise' -l 'exercise' -d 'Mark every record and stored row as an exercise (also CCAS_MODE=exercise).'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify send" rules' -l 'rules' -d 'Directory with recipients.yaml, notification-rules.yaml, templates.yaml (the built-in ones for files not there).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify send" lang' -l 'lang' -d 'Language of the messages (fr or en).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify send" channel' -l 'channel' -d 'Send every notification of this run on this channel, whatever the recipients\' own (stdout, file, webhook, exec, cap).' -rfka 'stdout webhook exec cap file'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify send" url' -l 'url' -d 'URL for --channel webhook (or cap).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify send" target' -l 'target' -d 'Target for --channel exec (a command), file or cap (a directory).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify send" spool' -l 'spool' -d 'Spool directory for file and cap channels whose target is `spool`.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify send" secret-file' -l 'secret-file' -d 'File holding the webhook signing secret.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify send" timeout' -l 'timeout' -d 'Seconds to wait for a webhook or command.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify send" deadline' -l 'deadline' -d 'Acknowledgement deadline, in seconds, for every notification of this run (default: by priority, P0 60 s).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify send" retry-after' -l 'retry-after' -d 'First retry delay in seconds; doubled at each attempt, with jitter.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify send" retry-max' -l 'retry-max' -d 'Longest retry delay in seconds.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify send" max-attempts' -l 'max-attempts' -d 'Attempts before a notification is given up as failed.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify send" to' -l 'to' -d 'Recipient id (supervisor, duty_officer, prefect, sncf, station:NAME…).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify send" event' -l 'event' -d 'The event it concerns (YYYY-NNNNNN).' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify send" text' -l 'text' -d 'The message.' -rfka ''
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify send" no-deliver' -l 'no-deliver' -d 'Queue only; `ccas-notify deliver` delivers later.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify send" version' -l 'version' -d 'Show the version.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify send" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'ccas-notify' -n '__ccas-notify_should_offer_completions_for_flags_or_options "ccas-notify help" version' -l 'version' -d 'Show the version.'
