# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kforge_global_optspecs
    string join \n root= o/output= v/verbose q/quiet h/help V/version
end

function __fish_kforge_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kforge_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kforge_using_subcommand
    set -l cmd (__fish_kforge_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kforge -n "__fish_kforge_needs_command" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_needs_command" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_needs_command" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_needs_command" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_needs_command" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_needs_command" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_needs_command" -f -a "join" -d 'Join worker and control-plane nodes over SSH, many in parallel'
complete -c kforge -n "__fish_kforge_needs_command" -f -a "reset" -d 'Undo init/join on this node or on hosts over SSH: etcd member, pods, data, kforge\'s files'
complete -c kforge -n "__fish_kforge_needs_command" -f -a "token" -d 'Manage bootstrap tokens through the API server (kubeadm token)'
complete -c kforge -n "__fish_kforge_needs_command" -f -a "config" -d 'Print configuration files'
complete -c kforge -n "__fish_kforge_needs_command" -f -a "certs" -d 'Check certificate expiration; renew certificates'
complete -c kforge -n "__fish_kforge_needs_command" -f -a "snapshot" -d 'Save, check (status), list, prune, drill and restore etcd snapshots'
complete -c kforge -n "__fish_kforge_needs_command" -f -a "upgrade" -d 'Upgrade the whole cluster in the correct version order (plan, apply)'
complete -c kforge -n "__fish_kforge_needs_command" -f -a "etcd" -d 'etcd day-2 operations: status, members, defrag, compact, alarms, recover-space'
complete -c kforge -n "__fish_kforge_needs_command" -f -a "version" -d 'Print the version, build and supported Kubernetes and etcd versions'
complete -c kforge -n "__fish_kforge_needs_command" -f -a "completion" -d 'Print a shell completion script'
complete -c kforge -n "__fish_kforge_needs_command" -f -a "init" -d 'Bootstrap a control-plane node (kubeadm init)'
complete -c kforge -n "__fish_kforge_needs_command" -f -a "health" -d 'Check every component of a control-plane node (exit 3 when unhealthy)'
complete -c kforge -n "__fish_kforge_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kforge -n "__fish_kforge_using_subcommand join" -l inventory -d 'Inventory file (YAML; `kforge config print inventory` prints an example)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand join" -l ssh-user -d 'SSH user (default root, or the inventory\'s)' -r
complete -c kforge -n "__fish_kforge_using_subcommand join" -l ssh-key -d 'SSH private key (default ~/.ssh/id_ed25519, or the inventory\'s)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand join" -l ssh-key-passphrase-file -d 'File holding the SSH key\'s passphrase (first line). Without --ssh-key or an inventory key and with SSH_AUTH_SOCK set, the ssh-agent\'s keys are used' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand join" -l ssh-port -d 'SSH port (default 22, or the inventory\'s)' -r
complete -c kforge -n "__fish_kforge_using_subcommand join" -l known-hosts -d 'known_hosts file host keys are checked against (default ~/.ssh/known_hosts)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand join" -l ssh-timeout -d 'SSH connect and command timeout' -r
complete -c kforge -n "__fish_kforge_using_subcommand join" -l cri-socket -d 'CRI socket of the hosts\' kubelets' -r
complete -c kforge -n "__fish_kforge_using_subcommand join" -l concurrency -d 'Hosts joined at the same time' -r
complete -c kforge -n "__fish_kforge_using_subcommand join" -l ignore-preflight-errors -d 'Preflight checks whose errors become warnings (comma-separated; `all` for every one)' -r
complete -c kforge -n "__fish_kforge_using_subcommand join" -l etcd-promote-timeout -d 'How long a new etcd member may take to start and catch up before it is promoted' -r
complete -c kforge -n "__fish_kforge_using_subcommand join" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand join" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand join" -l accept-new-host-keys -d 'Accept and record the host key of a host seen for the first time (a changed key is always refused)'
complete -c kforge -n "__fish_kforge_using_subcommand join" -l ssh-sudo -d 'When the SSH user is not root, work as root through passwordless sudo (`sudo -n`): files through commands instead of SFTP. Per host: the inventory\'s `sudo: true`'
complete -c kforge -n "__fish_kforge_using_subcommand join" -l control-plane -d 'Join every host as a control-plane node with stacked etcd'
complete -c kforge -n "__fish_kforge_using_subcommand join" -l tls-bootstrap -d 'Give workers a kubeadm-format bootstrap kubeconfig (TLS bootstrap) instead of a client certificate'
complete -c kforge -n "__fish_kforge_using_subcommand join" -l dry-run -d 'Connect and check every host, print each host\'s plan, write nothing'
complete -c kforge -n "__fish_kforge_using_subcommand join" -l force -d 'Replace files on the hosts that kforge did not write (or that were edited since), keeping each old file under /etc/kubernetes/tmp/kforge-backup-<UTC time>/ on that host'
complete -c kforge -n "__fish_kforge_using_subcommand join" -l no-update -d 'On hosts joined before, only report files that differ from the inventory (changed labels or taints: result `drifted`, exit 0) instead of rewriting them; missing files are still written'
complete -c kforge -n "__fish_kforge_using_subcommand join" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand join" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand join" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand join" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand reset" -l inventory -d 'Inventory file (YAML; `kforge config print inventory` prints an example)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand reset" -l ssh-user -d 'SSH user (default root, or the inventory\'s)' -r
complete -c kforge -n "__fish_kforge_using_subcommand reset" -l ssh-key -d 'SSH private key (default ~/.ssh/id_ed25519, or the inventory\'s)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand reset" -l ssh-key-passphrase-file -d 'File holding the SSH key\'s passphrase (first line). Without --ssh-key or an inventory key and with SSH_AUTH_SOCK set, the ssh-agent\'s keys are used' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand reset" -l ssh-port -d 'SSH port (default 22, or the inventory\'s)' -r
complete -c kforge -n "__fish_kforge_using_subcommand reset" -l known-hosts -d 'known_hosts file host keys are checked against (default ~/.ssh/known_hosts)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand reset" -l ssh-timeout -d 'SSH connect and command timeout' -r
complete -c kforge -n "__fish_kforge_using_subcommand reset" -l backup-dir -d 'Where final snapshots go, on this machine (under --root)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand reset" -l etcd-timeout -d 'etcd request timeout' -r
complete -c kforge -n "__fish_kforge_using_subcommand reset" -l stop-timeout -d 'How long etcd may take to stop after its manifest is moved away' -r
complete -c kforge -n "__fish_kforge_using_subcommand reset" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand reset" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand reset" -l accept-new-host-keys -d 'Accept and record the host key of a host seen for the first time (a changed key is always refused)'
complete -c kforge -n "__fish_kforge_using_subcommand reset" -l ssh-sudo -d 'When the SSH user is not root, work as root through passwordless sudo (`sudo -n`): files through commands instead of SFTP. Per host: the inventory\'s `sudo: true`'
complete -c kforge -n "__fish_kforge_using_subcommand reset" -s y -s f -l yes -l force -d 'Do not ask for confirmation (required without a terminal). -f/--force is kubeadm\'s spelling'
complete -c kforge -n "__fish_kforge_using_subcommand reset" -l dry-run -d 'Inspect and list every action; change nothing'
complete -c kforge -n "__fish_kforge_using_subcommand reset" -l no-backup -d 'No final snapshot of the node\'s etcd member'
complete -c kforge -n "__fish_kforge_using_subcommand reset" -l allow-quorum-loss -d 'Reset even when removing the node\'s etcd member loses quorum, or no member answers'
complete -c kforge -n "__fish_kforge_using_subcommand reset" -l ignore-ledger -d 'Without a usable ledger (missing, empty, damaged): remove kubeadm\'s well-known files by name'
complete -c kforge -n "__fish_kforge_using_subcommand reset" -l cleanup-tmp-dir -d 'Also remove kforge\'s backups in /etc/kubernetes/tmp (upgrade backups hold a full etcd snapshot)'
complete -c kforge -n "__fish_kforge_using_subcommand reset" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand reset" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand reset" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand reset" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand token; and not __fish_seen_subcommand_from create list delete generate help" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand token; and not __fish_seen_subcommand_from create list delete generate help" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand token; and not __fish_seen_subcommand_from create list delete generate help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand token; and not __fish_seen_subcommand_from create list delete generate help" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand token; and not __fish_seen_subcommand_from create list delete generate help" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand token; and not __fish_seen_subcommand_from create list delete generate help" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand token; and not __fish_seen_subcommand_from create list delete generate help" -f -a "create" -d 'Create a bootstrap token in the cluster (prints it; `--print-join-command` prints kubeadm\'s join line)'
complete -c kforge -n "__fish_kforge_using_subcommand token; and not __fish_seen_subcommand_from create list delete generate help" -f -a "list" -d 'List the cluster\'s bootstrap tokens'
complete -c kforge -n "__fish_kforge_using_subcommand token; and not __fish_seen_subcommand_from create list delete generate help" -f -a "delete" -d 'Delete bootstrap tokens, by ID or whole token'
complete -c kforge -n "__fish_kforge_using_subcommand token; and not __fish_seen_subcommand_from create list delete generate help" -f -a "generate" -d 'Print a new random token (nothing is created)'
complete -c kforge -n "__fish_kforge_using_subcommand token; and not __fish_seen_subcommand_from create list delete generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from create" -l kubeconfig -d 'Kubeconfig to reach the API server with (default /etc/kubernetes/admin.conf, under --root, with kubeadm\'s rule: super-admin.conf creates admin.conf\'s binding when it is missing)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from create" -l ttl -d 'How long the token is valid (default 24h); 0 never expires' -r
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from create" -l usages -d 'What the token may be used for (comma-separated): signing, authentication' -r
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from create" -l groups -d 'Extra groups the token authenticates as (comma-separated; each system:bootstrappers:…)' -r
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from create" -l description -d 'A human description of the token' -r
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from create" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from create" -l print-join-command -d 'Print the full `kubeadm join` line for workers instead of the token'
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from create" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from list" -l kubeconfig -d 'Kubeconfig to reach the API server with (default /etc/kubernetes/admin.conf, under --root, with kubeadm\'s rule: super-admin.conf creates admin.conf\'s binding when it is missing)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from list" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from delete" -l kubeconfig -d 'Kubeconfig to reach the API server with (default /etc/kubernetes/admin.conf, under --root, with kubeadm\'s rule: super-admin.conf creates admin.conf\'s binding when it is missing)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from delete" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from generate" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from generate" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from generate" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from generate" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from generate" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a bootstrap token in the cluster (prints it; `--print-join-command` prints kubeadm\'s join line)'
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the cluster\'s bootstrap tokens'
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete bootstrap tokens, by ID or whole token'
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "generate" -d 'Print a new random token (nothing is created)'
complete -c kforge -n "__fish_kforge_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kforge -n "__fish_kforge_using_subcommand config; and not __fish_seen_subcommand_from print help" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand config; and not __fish_seen_subcommand_from print help" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand config; and not __fish_seen_subcommand_from print help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand config; and not __fish_seen_subcommand_from print help" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand config; and not __fish_seen_subcommand_from print help" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand config; and not __fish_seen_subcommand_from print help" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand config; and not __fish_seen_subcommand_from print help" -f -a "print" -d 'Print a configuration document'
complete -c kforge -n "__fish_kforge_using_subcommand config; and not __fish_seen_subcommand_from print help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kforge -n "__fish_kforge_using_subcommand config; and __fish_seen_subcommand_from print" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand config; and __fish_seen_subcommand_from print" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand config; and __fish_seen_subcommand_from print" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand config; and __fish_seen_subcommand_from print" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand config; and __fish_seen_subcommand_from print" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand config; and __fish_seen_subcommand_from print" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand config; and __fish_seen_subcommand_from print" -f -a "init-defaults" -d 'kubeadm v1beta4 InitConfiguration + ClusterConfiguration with kforge\'s defaults; `kforge init --config` accepts it back'
complete -c kforge -n "__fish_kforge_using_subcommand config; and __fish_seen_subcommand_from print" -f -a "inventory" -d 'An example `kforge join --inventory` file, with every field'
complete -c kforge -n "__fish_kforge_using_subcommand config; and __fish_seen_subcommand_from print" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kforge -n "__fish_kforge_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "print" -d 'Print a configuration document'
complete -c kforge -n "__fish_kforge_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kforge -n "__fish_kforge_using_subcommand certs; and not __fish_seen_subcommand_from check-expiration renew help" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand certs; and not __fish_seen_subcommand_from check-expiration renew help" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand certs; and not __fish_seen_subcommand_from check-expiration renew help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand certs; and not __fish_seen_subcommand_from check-expiration renew help" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand certs; and not __fish_seen_subcommand_from check-expiration renew help" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand certs; and not __fish_seen_subcommand_from check-expiration renew help" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand certs; and not __fish_seen_subcommand_from check-expiration renew help" -f -a "check-expiration" -d 'Show when every certificate and kubeconfig client certificate expires (kubeadm\'s table)'
complete -c kforge -n "__fish_kforge_using_subcommand certs; and not __fish_seen_subcommand_from check-expiration renew help" -f -a "renew" -d 'Re-issue certificates from the same CA (subject and SANs kept), then restart what uses them'
complete -c kforge -n "__fish_kforge_using_subcommand certs; and not __fish_seen_subcommand_from check-expiration renew help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kforge -n "__fish_kforge_using_subcommand certs; and __fish_seen_subcommand_from check-expiration" -l cert-dir -d 'Certificates directory on the node' -r
complete -c kforge -n "__fish_kforge_using_subcommand certs; and __fish_seen_subcommand_from check-expiration" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand certs; and __fish_seen_subcommand_from check-expiration" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand certs; and __fish_seen_subcommand_from check-expiration" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand certs; and __fish_seen_subcommand_from check-expiration" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand certs; and __fish_seen_subcommand_from check-expiration" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand certs; and __fish_seen_subcommand_from check-expiration" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand certs; and __fish_seen_subcommand_from renew" -l if-expiring-within -d 'Renew only certificates expiring within DURATION (e.g. 30d); safe to run from cron' -r
complete -c kforge -n "__fish_kforge_using_subcommand certs; and __fish_seen_subcommand_from renew" -l cert-dir -d 'Certificates directory on the node' -r
complete -c kforge -n "__fish_kforge_using_subcommand certs; and __fish_seen_subcommand_from renew" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand certs; and __fish_seen_subcommand_from renew" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand certs; and __fish_seen_subcommand_from renew" -l no-restart -d 'Do not restart the static pods that use the renewed certificates'
complete -c kforge -n "__fish_kforge_using_subcommand certs; and __fish_seen_subcommand_from renew" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand certs; and __fish_seen_subcommand_from renew" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand certs; and __fish_seen_subcommand_from renew" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand certs; and __fish_seen_subcommand_from renew" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand certs; and __fish_seen_subcommand_from help" -f -a "check-expiration" -d 'Show when every certificate and kubeconfig client certificate expires (kubeadm\'s table)'
complete -c kforge -n "__fish_kforge_using_subcommand certs; and __fish_seen_subcommand_from help" -f -a "renew" -d 'Re-issue certificates from the same CA (subject and SANs kept), then restart what uses them'
complete -c kforge -n "__fish_kforge_using_subcommand certs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and not __fish_seen_subcommand_from save status list prune restore drill help" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and not __fish_seen_subcommand_from save status list prune restore drill help" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and not __fish_seen_subcommand_from save status list prune restore drill help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and not __fish_seen_subcommand_from save status list prune restore drill help" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and not __fish_seen_subcommand_from save status list prune restore drill help" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and not __fish_seen_subcommand_from save status list prune restore drill help" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and not __fish_seen_subcommand_from save status list prune restore drill help" -f -a "save" -d 'Save a verified etcd snapshot (atomically; safe to run from cron)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and not __fish_seen_subcommand_from save status list prune restore drill help" -f -a "status" -d 'Show a snapshot\'s hash, revision, key count and size (same values as etcdutl)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and not __fish_seen_subcommand_from save status list prune restore drill help" -f -a "list" -d 'List the snapshots kforge saved in a directory'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and not __fish_seen_subcommand_from save status list prune restore drill help" -f -a "prune" -d 'Delete old snapshots in a directory by a retention policy'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and not __fish_seen_subcommand_from save status list prune restore drill help" -f -a "restore" -d 'Restore a snapshot into a new data directory (as etcdutl), or, on a kubeadm node, next to etcd\'s'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and not __fish_seen_subcommand_from save status list prune restore drill help" -f -a "drill" -d 'Prove a backup restores: fetch, decrypt, verify, restore into a temporary dir, compare every key'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and not __fish_seen_subcommand_from save status list prune restore drill help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l dir -d 'Cron mode: write DIR/PREFIX-<UTC time>-rev<revision>.db, lock DIR, apply retention' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l name -d 'File name prefix in --dir mode' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l keep -d 'Keep the newest N snapshots (N >= 1: 0 would keep none by count)' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l keep-within -d 'Keep every snapshot taken within DURATION (more than 0, e.g. 7d, 36h)' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l metrics-file -d 'Write Prometheus textfile-collector metrics here (atomically), on success and failure' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l timeout -d 'Bound the whole run (etcd\'s stream, the uploads, retention): past it the run stops, cleans up and exits 1' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l upload -d 'Also upload the verified snapshot to URL (s3://BUCKET/PREFIX, sftp://[USER@]HOST[:PORT]/DIR or a directory); repeatable' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l encrypt-to -d 'Encrypt uploads to this age recipient (age1...); repeatable' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l recipients-file -d 'Encrypt uploads to the age recipients in FILE (one a line); repeatable' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l sign-key -d 'Sign each snapshot\'s record with this OpenSSH ed25519 private key (SSHSIG, namespace kforge-snapshot-record; check with ssh-keygen -Y verify)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l s3-endpoint -d 'S3 endpoint URL, for S3-compatible gateways [default: AWS_ENDPOINT_URL, else AWS]; http:// works with a warning' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l s3-region -d 'S3 region [default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l s3-ca-file -d 'Also trust the CA certificates (PEM) in FILE for the S3 endpoint' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l s3-credentials-file -d 'S3 credentials in the AWS shared credentials format [default: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, then ~/.aws/credentials]' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l s3-profile -d 'Profile in the credentials file [default: AWS_PROFILE, else default]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l s3-retries -d 'Retries of each S3 request (with exponential backoff; `snapshot save --timeout` bounds the whole run)' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l s3-sse -d 'Ask S3 to encrypt uploads at rest: AES256 (SSE-S3) or aws:kms (SSE-KMS with the bucket\'s default key)' -r -f -a "AES256\t''
aws:kms\t''"
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l s3-sse-kms-key-id -d 'SSE-KMS with this KMS key (ID or ARN) instead' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l ssh-key -d 'SSH private key for sftp:// targets [default: the ssh-agent if SSH_AUTH_SOCK is set, else ~/.ssh/id_ed25519]' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l known-hosts -d 'known_hosts file sftp:// host keys are checked against [default: ~/.ssh/known_hosts]' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l node-name -d 'This node\'s name in remote snapshot names [default: the host name]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l endpoints -d 'etcd endpoints, comma-separated. Default on a control-plane node: https://127.0.0.1:2379 with kubeadm\'s healthcheck-client certificate (under --root)' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l cacert -d 'CA certificate that signs etcd\'s serving certificate' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l cert -d 'Client certificate' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l key -d 'Client private key' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l dial-timeout -d 'Connection and request timeout, e.g. 5s' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l force -d 'Replace FILE if it exists'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l no-local-copy -d 'Keep no local copy: the snapshot is only uploaded (needs --upload)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l s3-insecure-skip-verify -d 'Do not verify the S3 endpoint\'s TLS certificate (tests only)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -l accept-new-host-keys -d 'Record an sftp:// host\'s key on first contact (a changed key is always refused)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from save" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -l identity -d 'age identity file to decrypt an encrypted snapshot' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -l s3-endpoint -d 'S3 endpoint URL, for S3-compatible gateways [default: AWS_ENDPOINT_URL, else AWS]; http:// works with a warning' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -l s3-region -d 'S3 region [default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -l s3-ca-file -d 'Also trust the CA certificates (PEM) in FILE for the S3 endpoint' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -l s3-credentials-file -d 'S3 credentials in the AWS shared credentials format [default: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, then ~/.aws/credentials]' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -l s3-profile -d 'Profile in the credentials file [default: AWS_PROFILE, else default]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -l s3-retries -d 'Retries of each S3 request (with exponential backoff; `snapshot save --timeout` bounds the whole run)' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -l s3-sse -d 'Ask S3 to encrypt uploads at rest: AES256 (SSE-S3) or aws:kms (SSE-KMS with the bucket\'s default key)' -r -f -a "AES256\t''
aws:kms\t''"
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -l s3-sse-kms-key-id -d 'SSE-KMS with this KMS key (ID or ARN) instead' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -l ssh-key -d 'SSH private key for sftp:// targets [default: the ssh-agent if SSH_AUTH_SOCK is set, else ~/.ssh/id_ed25519]' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -l known-hosts -d 'known_hosts file sftp:// host keys are checked against [default: ~/.ssh/known_hosts]' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -l node-name -d 'This node\'s name in remote snapshot names [default: the host name]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -l name -d 'File name prefix of kforge\'s snapshot names (what `save --name` set)' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -l cluster-id -d 'Only snapshots of this etcd cluster (hex, as etcdctl prints it) [default: with --root, the node\'s cluster, read from its etcd WAL]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -l verify-key -d 'Only snapshots whose record carries a valid signature by a key in FILE (an OpenSSH public key, or an allowed-signers file)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -l s3-insecure-skip-verify -d 'Do not verify the S3 endpoint\'s TLS certificate (tests only)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -l accept-new-host-keys -d 'Record an sftp:// host\'s key on first contact (a changed key is always refused)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -l no-verify -d 'Do not check the sha256 trailer (faster; also reads a raw member/snap/db, which has none)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -l verify -d 'Check the sha256 trailer (the default; kept for scripts that pass it)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l dir -d 'Directory kforge saves snapshots in' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l name -d 'File name prefix' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l identity -d 'age identity file to decrypt encrypted snapshots for --verify' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l work-dir -d 'Directory for --verify\'s temporary copies [default: TMPDIR or /tmp]' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l cluster-id -d 'Only snapshots of this etcd cluster (hex, as etcdctl prints it) [default: with --root, the node\'s cluster, read from its etcd WAL]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l verify-key -d 'Only snapshots whose record carries a valid signature by a key in FILE (an OpenSSH public key, or an allowed-signers file)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l s3-endpoint -d 'S3 endpoint URL, for S3-compatible gateways [default: AWS_ENDPOINT_URL, else AWS]; http:// works with a warning' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l s3-region -d 'S3 region [default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l s3-ca-file -d 'Also trust the CA certificates (PEM) in FILE for the S3 endpoint' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l s3-credentials-file -d 'S3 credentials in the AWS shared credentials format [default: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, then ~/.aws/credentials]' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l s3-profile -d 'Profile in the credentials file [default: AWS_PROFILE, else default]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l s3-retries -d 'Retries of each S3 request (with exponential backoff; `snapshot save --timeout` bounds the whole run)' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l s3-sse -d 'Ask S3 to encrypt uploads at rest: AES256 (SSE-S3) or aws:kms (SSE-KMS with the bucket\'s default key)' -r -f -a "AES256\t''
aws:kms\t''"
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l s3-sse-kms-key-id -d 'SSE-KMS with this KMS key (ID or ARN) instead' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l ssh-key -d 'SSH private key for sftp:// targets [default: the ssh-agent if SSH_AUTH_SOCK is set, else ~/.ssh/id_ed25519]' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l known-hosts -d 'known_hosts file sftp:// host keys are checked against [default: ~/.ssh/known_hosts]' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l node-name -d 'This node\'s name in remote snapshot names [default: the host name]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l no-verify -d 'Do not check each file\'s trailer and structure (faster)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l verify -d 'Also download each remote snapshot kforge vouches for and check its content against its record'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l s3-insecure-skip-verify -d 'Do not verify the S3 endpoint\'s TLS certificate (tests only)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -l accept-new-host-keys -d 'Record an sftp:// host\'s key on first contact (a changed key is always refused)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l dir -d 'Directory kforge saves snapshots in' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l name -d 'File name prefix' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l keep -d 'Keep the newest N snapshots (N >= 1: 0 would keep none by count)' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l keep-within -d 'Keep every snapshot taken within DURATION (more than 0, e.g. 7d, 36h)' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l metrics-file -d 'Count remote deletions and failed deletions in this Prometheus textfile' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l cluster-id -d 'Only snapshots of this etcd cluster (hex, as etcdctl prints it) [default: with --root, the node\'s cluster, read from its etcd WAL]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l verify-key -d 'Only snapshots whose record carries a valid signature by a key in FILE (an OpenSSH public key, or an allowed-signers file)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l s3-endpoint -d 'S3 endpoint URL, for S3-compatible gateways [default: AWS_ENDPOINT_URL, else AWS]; http:// works with a warning' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l s3-region -d 'S3 region [default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l s3-ca-file -d 'Also trust the CA certificates (PEM) in FILE for the S3 endpoint' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l s3-credentials-file -d 'S3 credentials in the AWS shared credentials format [default: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, then ~/.aws/credentials]' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l s3-profile -d 'Profile in the credentials file [default: AWS_PROFILE, else default]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l s3-retries -d 'Retries of each S3 request (with exponential backoff; `snapshot save --timeout` bounds the whole run)' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l s3-sse -d 'Ask S3 to encrypt uploads at rest: AES256 (SSE-S3) or aws:kms (SSE-KMS with the bucket\'s default key)' -r -f -a "AES256\t''
aws:kms\t''"
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l s3-sse-kms-key-id -d 'SSE-KMS with this KMS key (ID or ARN) instead' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l ssh-key -d 'SSH private key for sftp:// targets [default: the ssh-agent if SSH_AUTH_SOCK is set, else ~/.ssh/id_ed25519]' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l known-hosts -d 'known_hosts file sftp:// host keys are checked against [default: ~/.ssh/known_hosts]' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l node-name -d 'This node\'s name in remote snapshot names [default: the host name]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l dry-run -d 'Show what would be deleted; delete nothing'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l s3-insecure-skip-verify -d 'Do not verify the S3 endpoint\'s TLS certificate (tests only)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -l accept-new-host-keys -d 'Record an sftp:// host\'s key on first contact (a changed key is always refused)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l identity -d 'age identity file to decrypt an encrypted snapshot' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l data-dir -d 'Data directory to create (it must not exist, or be empty)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l wal-dir -d 'WAL directory, outside the data directory [default: DATA_DIR/member/wal]' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l name -d 'Human-readable name of this member [default: default]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l initial-cluster -d 'The members of the new cluster [default: NAME=<initial-advertise-peer-urls>]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l initial-cluster-token -d 'Cluster token: the same on every member [default: etcd-cluster]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l initial-advertise-peer-urls -d 'This member\'s peer URLs, comma-separated [default: http://localhost:2380]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l bump-revision -d 'Add N to the latest revision, so clients never see the revision go back (needs --mark-compacted)' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l stop-timeout -d 'With --apply: how long to wait for the kubelet to stop etcd' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l prefix -d 'File name prefix of kforge\'s snapshot names (what `save --name` set; --name is the member\'s name here)' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l cluster-id -d 'Only snapshots of this etcd cluster (hex, as etcdctl prints it) [default: with --root, the node\'s cluster, read from its etcd WAL]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l verify-key -d 'Only snapshots whose record carries a valid signature by a key in FILE (an OpenSSH public key, or an allowed-signers file)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l s3-endpoint -d 'S3 endpoint URL, for S3-compatible gateways [default: AWS_ENDPOINT_URL, else AWS]; http:// works with a warning' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l s3-region -d 'S3 region [default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l s3-ca-file -d 'Also trust the CA certificates (PEM) in FILE for the S3 endpoint' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l s3-credentials-file -d 'S3 credentials in the AWS shared credentials format [default: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, then ~/.aws/credentials]' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l s3-profile -d 'Profile in the credentials file [default: AWS_PROFILE, else default]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l s3-retries -d 'Retries of each S3 request (with exponential backoff; `snapshot save --timeout` bounds the whole run)' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l s3-sse -d 'Ask S3 to encrypt uploads at rest: AES256 (SSE-S3) or aws:kms (SSE-KMS with the bucket\'s default key)' -r -f -a "AES256\t''
aws:kms\t''"
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l s3-sse-kms-key-id -d 'SSE-KMS with this KMS key (ID or ARN) instead' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l ssh-key -d 'SSH private key for sftp:// targets [default: the ssh-agent if SSH_AUTH_SOCK is set, else ~/.ssh/id_ed25519]' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l known-hosts -d 'known_hosts file sftp:// host keys are checked against [default: ~/.ssh/known_hosts]' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l node-name -d 'This node\'s name in remote snapshot names [default: the host name]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l skip-hash-check -d 'Do not check the sha256 trailer (needed for a copy of member/snap/db, which has none)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l mark-compacted -d 'Mark the bumped revision compacted, so watchers relist (needs --bump-revision)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l apply -d 'Kubernetes-aware mode: also stop etcd (manifest moved out), point its manifest at the restored data, start it'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l s3-insecure-skip-verify -d 'Do not verify the S3 endpoint\'s TLS certificate (tests only)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -l accept-new-host-keys -d 'Record an sftp:// host\'s key on first contact (a changed key is always refused)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from restore" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -l identity -d 'age identity file to decrypt an encrypted snapshot' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -l etcd-binary -d 'Also boot this etcd binary on the restored data (loopback ports) and read every key back' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -l metrics-file -d 'Write Prometheus textfile metrics here (last success time, duration, keys), on success and failure' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -l work-dir -d 'Directory for the temporary copy and data dir [default: TMPDIR or /tmp]' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -l name -d 'File name prefix of kforge\'s remote snapshot names' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -l cluster-id -d 'Only snapshots of this etcd cluster (hex, as etcdctl prints it) [default: with --root, the node\'s cluster, read from its etcd WAL]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -l verify-key -d 'Only snapshots whose record carries a valid signature by a key in FILE (an OpenSSH public key, or an allowed-signers file)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -l s3-endpoint -d 'S3 endpoint URL, for S3-compatible gateways [default: AWS_ENDPOINT_URL, else AWS]; http:// works with a warning' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -l s3-region -d 'S3 region [default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -l s3-ca-file -d 'Also trust the CA certificates (PEM) in FILE for the S3 endpoint' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -l s3-credentials-file -d 'S3 credentials in the AWS shared credentials format [default: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, then ~/.aws/credentials]' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -l s3-profile -d 'Profile in the credentials file [default: AWS_PROFILE, else default]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -l s3-retries -d 'Retries of each S3 request (with exponential backoff; `snapshot save --timeout` bounds the whole run)' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -l s3-sse -d 'Ask S3 to encrypt uploads at rest: AES256 (SSE-S3) or aws:kms (SSE-KMS with the bucket\'s default key)' -r -f -a "AES256\t''
aws:kms\t''"
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -l s3-sse-kms-key-id -d 'SSE-KMS with this KMS key (ID or ARN) instead' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -l ssh-key -d 'SSH private key for sftp:// targets [default: the ssh-agent if SSH_AUTH_SOCK is set, else ~/.ssh/id_ed25519]' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -l known-hosts -d 'known_hosts file sftp:// host keys are checked against [default: ~/.ssh/known_hosts]' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -l node-name -d 'This node\'s name in remote snapshot names [default: the host name]' -r
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -l s3-insecure-skip-verify -d 'Do not verify the S3 endpoint\'s TLS certificate (tests only)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -l accept-new-host-keys -d 'Record an sftp:// host\'s key on first contact (a changed key is always refused)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from drill" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "save" -d 'Save a verified etcd snapshot (atomically; safe to run from cron)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show a snapshot\'s hash, revision, key count and size (same values as etcdutl)'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the snapshots kforge saved in a directory'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Delete old snapshots in a directory by a retention policy'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "restore" -d 'Restore a snapshot into a new data directory (as etcdutl), or, on a kubeadm node, next to etcd\'s'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "drill" -d 'Prove a backup restores: fetch, decrypt, verify, restore into a temporary dir, compare every key'
complete -c kforge -n "__fish_kforge_using_subcommand snapshot; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and not __fish_seen_subcommand_from plan apply help" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and not __fish_seen_subcommand_from plan apply help" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and not __fish_seen_subcommand_from plan apply help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and not __fish_seen_subcommand_from plan apply help" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and not __fish_seen_subcommand_from plan apply help" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and not __fish_seen_subcommand_from plan apply help" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and not __fish_seen_subcommand_from plan apply help" -f -a "plan" -d 'Show the path to VERSION, what blocks it and what would change (read-only)'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and not __fish_seen_subcommand_from plan apply help" -f -a "apply" -d 'Upgrade the whole cluster to VERSION: etcd, API servers, controller-manager and scheduler, kubelets, workers; journaled, resumable, with rollback'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and not __fish_seen_subcommand_from plan apply help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -l inventory -d 'Inventory file (YAML; `kforge config print inventory` prints an example)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -l ssh-user -d 'SSH user (default root, or the inventory\'s)' -r
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -l ssh-key -d 'SSH private key (default ~/.ssh/id_ed25519, or the inventory\'s)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -l ssh-key-passphrase-file -d 'File holding the SSH key\'s passphrase (first line). Without --ssh-key or an inventory key and with SSH_AUTH_SOCK set, the ssh-agent\'s keys are used' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -l ssh-port -d 'SSH port (default 22, or the inventory\'s)' -r
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -l known-hosts -d 'known_hosts file host keys are checked against (default ~/.ssh/known_hosts)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -l ssh-timeout -d 'SSH connect and command timeout' -r
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -l etcd-image-tag -d 'etcd image tag for this hop (a pinned or custom etcd; default: the version table\'s)' -r
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -l accept-new-host-keys -d 'Accept and record the host key of a host seen for the first time (a changed key is always refused)'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -l ssh-sudo -d 'When the SSH user is not root, work as root through passwordless sudo (`sudo -n`): files through commands instead of SFTP. Per host: the inventory\'s `sudo: true`'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -l control-plane -d 'Every HOST is a control-plane node with stacked etcd (the inventory\'s `role:` says it per host)'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -l skip-workers -d 'Leave the workers\' kubelets for a later hop (refused when they would fall out of the kubelet\'s 3-minor window)'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -l prefer-mine -d 'Where your edit of a manifest and the new release\'s render change the same value differently, keep yours (default: such a conflict blocks)'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -l prefer-new -d 'Where your edit of a manifest and the new release\'s render change the same value differently, take the new release\'s'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from plan" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l inventory -d 'Inventory file (YAML; `kforge config print inventory` prints an example)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l ssh-user -d 'SSH user (default root, or the inventory\'s)' -r
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l ssh-key -d 'SSH private key (default ~/.ssh/id_ed25519, or the inventory\'s)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l ssh-key-passphrase-file -d 'File holding the SSH key\'s passphrase (first line). Without --ssh-key or an inventory key and with SSH_AUTH_SOCK set, the ssh-agent\'s keys are used' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l ssh-port -d 'SSH port (default 22, or the inventory\'s)' -r
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l known-hosts -d 'known_hosts file host keys are checked against (default ~/.ssh/known_hosts)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l ssh-timeout -d 'SSH connect and command timeout' -r
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l etcd-image-tag -d 'etcd image tag for this hop (a pinned or custom etcd; default: the version table\'s)' -r
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l component-timeout -d 'How long each component may take to come back healthy at its new version' -r
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l certificate-renewal -d 'Certificate renewal: auto renews what expires within 180 days; kubeadm\'s booleans work too (--certificate-renewal=true is always, =false is never; alone, always)' -r -f -a "auto\t'Renew what expires within 180 days'
always\t'Renew every certificate the upgrade touches (kubeadm\'s `true`)'
never\t'Renew nothing (kubeadm\'s `false`)'"
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l kubelet-upgrade-command -d 'Install the new kubelet with this command on each node ({version} is replaced by e.g. 1.32.0), e.g. \'apt-get install -y kubelet={version}-*\'' -r
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l kubelet-binary -d 'Upload this kubelet binary to each node instead' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l max-unavailable -d 'Workers upgraded (drained) at the same time' -r
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l keep-backups -d 'Upgrade backup directories kept on each node (older ones are removed after a success)' -r
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l ignore-preflight-errors -d 'Preflight checks whose errors become warnings (comma-separated; `all` for every one)' -r
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l accept-new-host-keys -d 'Accept and record the host key of a host seen for the first time (a changed key is always refused)'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l ssh-sudo -d 'When the SSH user is not root, work as root through passwordless sudo (`sudo -n`): files through commands instead of SFTP. Per host: the inventory\'s `sudo: true`'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l control-plane -d 'Every HOST is a control-plane node with stacked etcd (the inventory\'s `role:` says it per host)'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l skip-workers -d 'Leave the workers\' kubelets for a later hop (refused when they would fall out of the kubelet\'s 3-minor window)'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l prefer-mine -d 'Where your edit of a manifest and the new release\'s render change the same value differently, keep yours (default: such a conflict blocks)'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l prefer-new -d 'Where your edit of a manifest and the new release\'s render change the same value differently, take the new release\'s'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -s y -l yes -d 'Do not ask for confirmation'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l dry-run -d 'Print the plan and write nothing'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -l no-leader-move -d 'Restart the etcd leader without moving leadership away first (to measure the difference)'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from apply" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from help" -f -a "plan" -d 'Show the path to VERSION, what blocks it and what would change (read-only)'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Upgrade the whole cluster to VERSION: etcd, API servers, controller-manager and scheduler, kubelets, workers; journaled, resumable, with rollback'
complete -c kforge -n "__fish_kforge_using_subcommand upgrade; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and not __fish_seen_subcommand_from status members defrag compact alarms recover-space help" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and not __fish_seen_subcommand_from status members defrag compact alarms recover-space help" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and not __fish_seen_subcommand_from status members defrag compact alarms recover-space help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and not __fish_seen_subcommand_from status members defrag compact alarms recover-space help" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and not __fish_seen_subcommand_from status members defrag compact alarms recover-space help" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and not __fish_seen_subcommand_from status members defrag compact alarms recover-space help" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and not __fish_seen_subcommand_from status members defrag compact alarms recover-space help" -f -a "status" -d 'Every member: versions, leader, raft term and indexes, DB size against the quota, alarms (exit 3 when unhealthy)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and not __fish_seen_subcommand_from status members defrag compact alarms recover-space help" -f -a "members" -d 'List, remove or promote members (remove refuses to break quorum)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and not __fish_seen_subcommand_from status members defrag compact alarms recover-space help" -f -a "defrag" -d 'Defragment one member at a time, followers first, the leader last'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and not __fish_seen_subcommand_from status members defrag compact alarms recover-space help" -f -a "compact" -d 'Compact the key history up to a revision (default: the current one)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and not __fish_seen_subcommand_from status members defrag compact alarms recover-space help" -f -a "alarms" -d 'List or disarm alarms (NOSPACE, CORRUPT)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and not __fish_seen_subcommand_from status members defrag compact alarms recover-space help" -f -a "recover-space" -d 'The NOSPACE runbook: snapshot, compact, defragment each member, disarm, check a write'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and not __fish_seen_subcommand_from status members defrag compact alarms recover-space help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from status" -l endpoints -d 'etcd endpoints, comma-separated. Default on a control-plane node: https://127.0.0.1:2379 with kubeadm\'s healthcheck-client certificate (under --root)' -r
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from status" -l cacert -d 'CA certificate that signs etcd\'s serving certificate' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from status" -l cert -d 'Client certificate' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from status" -l key -d 'Client private key' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from status" -l dial-timeout -d 'Connection and request timeout, e.g. 5s' -r
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from status" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from members" -l endpoints -d 'etcd endpoints, comma-separated. Default on a control-plane node: https://127.0.0.1:2379 with kubeadm\'s healthcheck-client certificate (under --root)' -r
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from members" -l cacert -d 'CA certificate that signs etcd\'s serving certificate' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from members" -l cert -d 'Client certificate' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from members" -l key -d 'Client private key' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from members" -l dial-timeout -d 'Connection and request timeout, e.g. 5s' -r
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from members" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from members" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from members" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from members" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from members" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from members" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from members" -f -a "list" -d 'List the members (the default)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from members" -f -a "remove" -d 'Remove a member by name or ID; refuses to break quorum or remove the last healthy member'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from members" -f -a "promote" -d 'Promote a learner that has caught up to a voting member'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from members" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from defrag" -l min-reclaim -d 'Skip members with less reclaimable space (DB size minus size in use): a percentage of the member\'s DB size or a size (64MiB); 0 defragments every member' -r
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from defrag" -l health-timeout -d 'How long each member may take to be healthy again' -r
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from defrag" -l defrag-timeout -d 'How long one member\'s defragmentation may take' -r
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from defrag" -l lock-file -d 'Lock file that keeps two maintenance runs apart (default /etc/kubernetes/tmp/kforge-etcd-maintenance.lock)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from defrag" -l metrics-file -d 'Write Prometheus textfile-collector metrics here (atomically), on success and failure' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from defrag" -l endpoints -d 'etcd endpoints, comma-separated. Default on a control-plane node: https://127.0.0.1:2379 with kubeadm\'s healthcheck-client certificate (under --root)' -r
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from defrag" -l cacert -d 'CA certificate that signs etcd\'s serving certificate' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from defrag" -l cert -d 'Client certificate' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from defrag" -l key -d 'Client private key' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from defrag" -l dial-timeout -d 'Connection and request timeout, e.g. 5s' -r
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from defrag" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from defrag" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from defrag" -l move-leader -d 'Hand leadership to a defragmented follower before the leader\'s turn'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from defrag" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from defrag" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from defrag" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from defrag" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from compact" -l keep-revisions -d 'Keep the newest N revisions of history' -r
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from compact" -l timeout -d 'How long the compaction may take' -r
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from compact" -l endpoints -d 'etcd endpoints, comma-separated. Default on a control-plane node: https://127.0.0.1:2379 with kubeadm\'s healthcheck-client certificate (under --root)' -r
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from compact" -l cacert -d 'CA certificate that signs etcd\'s serving certificate' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from compact" -l cert -d 'Client certificate' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from compact" -l key -d 'Client private key' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from compact" -l dial-timeout -d 'Connection and request timeout, e.g. 5s' -r
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from compact" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from compact" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from compact" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from compact" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from compact" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from compact" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -l endpoints -d 'etcd endpoints, comma-separated. Default on a control-plane node: https://127.0.0.1:2379 with kubeadm\'s healthcheck-client certificate (under --root)' -r
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -l cacert -d 'CA certificate that signs etcd\'s serving certificate' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -l cert -d 'Client certificate' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -l key -d 'Client private key' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -l dial-timeout -d 'Connection and request timeout, e.g. 5s' -r
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -f -a "list" -d 'List the raised alarms (the default)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -f -a "disarm" -d 'Disarm the raised alarms (fix the cause first: `recover-space` does both for NOSPACE)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from recover-space" -l snapshot-dir -d 'Directory for the snapshot taken first (created if missing)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from recover-space" -l health-timeout -d 'How long each member may take to be healthy again' -r
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from recover-space" -l defrag-timeout -d 'How long one member\'s defragmentation may take' -r
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from recover-space" -l lock-file -d 'Lock file that keeps two maintenance runs apart (default /etc/kubernetes/tmp/kforge-etcd-maintenance.lock)' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from recover-space" -l endpoints -d 'etcd endpoints, comma-separated. Default on a control-plane node: https://127.0.0.1:2379 with kubeadm\'s healthcheck-client certificate (under --root)' -r
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from recover-space" -l cacert -d 'CA certificate that signs etcd\'s serving certificate' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from recover-space" -l cert -d 'Client certificate' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from recover-space" -l key -d 'Client private key' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from recover-space" -l dial-timeout -d 'Connection and request timeout, e.g. 5s' -r
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from recover-space" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from recover-space" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from recover-space" -l no-snapshot -d 'Skip the snapshot (only when a recent one exists)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from recover-space" -l move-leader -d 'Hand leadership to a defragmented follower before the leader\'s turn'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from recover-space" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from recover-space" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from recover-space" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from recover-space" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from help" -f -a "status" -d 'Every member: versions, leader, raft term and indexes, DB size against the quota, alarms (exit 3 when unhealthy)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from help" -f -a "members" -d 'List, remove or promote members (remove refuses to break quorum)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from help" -f -a "defrag" -d 'Defragment one member at a time, followers first, the leader last'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from help" -f -a "compact" -d 'Compact the key history up to a revision (default: the current one)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from help" -f -a "alarms" -d 'List or disarm alarms (NOSPACE, CORRUPT)'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from help" -f -a "recover-space" -d 'The NOSPACE runbook: snapshot, compact, defragment each member, disarm, check a write'
complete -c kforge -n "__fish_kforge_using_subcommand etcd; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kforge -n "__fish_kforge_using_subcommand version" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand version" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand version" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand version" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand version" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand version" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand completion" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand completion" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand completion" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand completion" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand completion" -s h -l help -d 'Print help'
complete -c kforge -n "__fish_kforge_using_subcommand completion" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -l config -d 'kubeadm config file (kubeadm.k8s.io/v1beta4 or v1beta3 InitConfiguration, ClusterConfiguration, optional KubeletConfiguration). Flags override it' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -l kubernetes-version -d 'Kubernetes version of the control plane, e.g. v1.33.2, v1.33 (its newest patch), stable or stable-1.33 (from kforge\'s version table)' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -l control-plane-endpoint -d 'Stable address (host[:port]) of the control plane, e.g. a load balancer' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -l apiserver-advertise-address -d 'Address the API server advertises (default: the default-route interface\'s address)' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -l apiserver-bind-port -d 'Port the API server listens on' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -l apiserver-cert-extra-sans -d 'Extra SANs (IPs or DNS names) for the API server certificate, comma-separated' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -l pod-network-cidr -d 'Pod network CIDR; enables node CIDR allocation in the controller manager' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -l service-cidr -d 'Service CIDR (default 10.96.0.0/12)' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -l service-dns-domain -d 'Cluster DNS domain (default cluster.local)' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -l node-name -d 'Node name (default: the hostname, lower-cased)' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -l cert-dir -d 'Certificates directory on the node (default /etc/kubernetes/pki)' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -l image-repository -d 'Image registry for the control-plane images (default registry.k8s.io)' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -l cri-socket -d 'CRI socket the kubelet uses' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -l token -d 'Bootstrap token to print in the join command (default: generated)' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -l encryption-algorithm -d 'Key algorithm: RSA-2048 (default), RSA-3072, RSA-4096, ECDSA-P256, ECDSA-P384' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -l ignore-preflight-errors -d 'Preflight checks whose errors become warnings (comma-separated; `all` for every one)' -r -f -a "all\t''
IsPrivilegedUser\t''
NumCPU\t''
Mem\t''
Swap\t''
CRI\t''
KubeletVersion\t''
Port-6443\t''
Port-10259\t''
Port-10257\t''
Port-10250\t''
Port-2379\t''
Port-2380\t''
Port-10250\t''
FileAvailable--etc-kubernetes-manifests-etcd.yaml\t''
FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml\t''
FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml\t''
FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml\t''
DirAvailable--var-lib-etcd\t''
DirWritable--etc-kubernetes\t''
FreeSpace--etc-kubernetes\t''
DirWritable--var-lib-kubelet\t''
FreeSpace--var-lib-kubelet\t''
DirWritable--var-lib-etcd\t''
FreeSpace--var-lib-etcd\t''
FileContent--proc-sys-net-ipv4-ip_forward\t''
FileExisting-mount\t''
FileExisting-nsenter\t''"
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -l skip-phases -d 'Phases to skip (comma-separated)' -r -f -a "preflight\t''
certs\t''
certs/ca\t''
certs/apiserver\t''
certs/apiserver-kubelet-client\t''
certs/front-proxy-ca\t''
certs/front-proxy-client\t''
certs/etcd-ca\t''
certs/etcd-server\t''
certs/etcd-peer\t''
certs/etcd-healthcheck-client\t''
certs/apiserver-etcd-client\t''
certs/sa\t''
kubeconfig\t''
kubeconfig/admin\t''
kubeconfig/super-admin\t''
kubeconfig/kubelet\t''
kubeconfig/controller-manager\t''
kubeconfig/scheduler\t''
etcd\t''
etcd/local\t''
control-plane\t''
control-plane/apiserver\t''
control-plane/controller-manager\t''
control-plane/scheduler\t''
kubelet-start\t''
wait-control-plane\t''
upload-config\t''
upload-config/kubeadm\t''
upload-config/kubelet\t''
mark-control-plane\t''
bootstrap-token\t''
kubelet-finalize\t''
kubelet-finalize/enable-client-cert-rotation\t''
addon\t''
addon/coredns\t''
addon/kube-proxy\t''
show-join-command\t''"
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -l control-plane-timeout -d 'How long wait-control-plane waits for the API server (kubeadm\'s default 4m0s; under --root without this flag it asks once and, with no answer, puts the API phases off)' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -l dry-run -d 'Print the plan and the files that would be written; write nothing'
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -l force -d 'Replace files kforge did not write (or that were edited since), keeping a backup of each'
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -f -a "phase" -d 'Run one phase of init (see the list below)'
complete -c kforge -n "__fish_kforge_using_subcommand init; and not __fish_seen_subcommand_from phase help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -l config -d 'kubeadm config file (kubeadm.k8s.io/v1beta4 or v1beta3 InitConfiguration, ClusterConfiguration, optional KubeletConfiguration). Flags override it' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -l kubernetes-version -d 'Kubernetes version of the control plane, e.g. v1.33.2, v1.33 (its newest patch), stable or stable-1.33 (from kforge\'s version table)' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -l control-plane-endpoint -d 'Stable address (host[:port]) of the control plane, e.g. a load balancer' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -l apiserver-advertise-address -d 'Address the API server advertises (default: the default-route interface\'s address)' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -l apiserver-bind-port -d 'Port the API server listens on' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -l apiserver-cert-extra-sans -d 'Extra SANs (IPs or DNS names) for the API server certificate, comma-separated' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -l pod-network-cidr -d 'Pod network CIDR; enables node CIDR allocation in the controller manager' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -l service-cidr -d 'Service CIDR (default 10.96.0.0/12)' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -l service-dns-domain -d 'Cluster DNS domain (default cluster.local)' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -l node-name -d 'Node name (default: the hostname, lower-cased)' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -l cert-dir -d 'Certificates directory on the node (default /etc/kubernetes/pki)' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -l image-repository -d 'Image registry for the control-plane images (default registry.k8s.io)' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -l cri-socket -d 'CRI socket the kubelet uses' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -l token -d 'Bootstrap token to print in the join command (default: generated)' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -l encryption-algorithm -d 'Key algorithm: RSA-2048 (default), RSA-3072, RSA-4096, ECDSA-P256, ECDSA-P384' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -l ignore-preflight-errors -d 'Preflight checks whose errors become warnings (comma-separated; `all` for every one)' -r -f -a "all\t''
IsPrivilegedUser\t''
NumCPU\t''
Mem\t''
Swap\t''
CRI\t''
KubeletVersion\t''
Port-6443\t''
Port-10259\t''
Port-10257\t''
Port-10250\t''
Port-2379\t''
Port-2380\t''
Port-10250\t''
FileAvailable--etc-kubernetes-manifests-etcd.yaml\t''
FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml\t''
FileAvailable--etc-kubernetes-manifests-kube-controller-manager.yaml\t''
FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml\t''
DirAvailable--var-lib-etcd\t''
DirWritable--etc-kubernetes\t''
FreeSpace--etc-kubernetes\t''
DirWritable--var-lib-kubelet\t''
FreeSpace--var-lib-kubelet\t''
DirWritable--var-lib-etcd\t''
FreeSpace--var-lib-etcd\t''
FileContent--proc-sys-net-ipv4-ip_forward\t''
FileExisting-mount\t''
FileExisting-nsenter\t''"
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -l skip-phases -d 'Phases to skip (comma-separated)' -r -f -a "preflight\t''
certs\t''
certs/ca\t''
certs/apiserver\t''
certs/apiserver-kubelet-client\t''
certs/front-proxy-ca\t''
certs/front-proxy-client\t''
certs/etcd-ca\t''
certs/etcd-server\t''
certs/etcd-peer\t''
certs/etcd-healthcheck-client\t''
certs/apiserver-etcd-client\t''
certs/sa\t''
kubeconfig\t''
kubeconfig/admin\t''
kubeconfig/super-admin\t''
kubeconfig/kubelet\t''
kubeconfig/controller-manager\t''
kubeconfig/scheduler\t''
etcd\t''
etcd/local\t''
control-plane\t''
control-plane/apiserver\t''
control-plane/controller-manager\t''
control-plane/scheduler\t''
kubelet-start\t''
wait-control-plane\t''
upload-config\t''
upload-config/kubeadm\t''
upload-config/kubelet\t''
mark-control-plane\t''
bootstrap-token\t''
kubelet-finalize\t''
kubelet-finalize/enable-client-cert-rotation\t''
addon\t''
addon/coredns\t''
addon/kube-proxy\t''
show-join-command\t''"
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -l control-plane-timeout -d 'How long wait-control-plane waits for the API server (kubeadm\'s default 4m0s; under --root without this flag it asks once and, with no answer, puts the API phases off)' -r
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -l dry-run -d 'Print the plan and the files that would be written; write nothing'
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -l force -d 'Replace files kforge did not write (or that were edited since), keeping a backup of each'
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -f -a "preflight" -d 'Check the node is ready to become a control plane'
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -f -a "certs" -d 'Create the certificate authorities, certificates and keys'
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -f -a "kubeconfig" -d 'Write the kubeconfig files of the control plane and the admin'
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -f -a "etcd" -d 'Write the static pod manifest for local etcd'
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -f -a "control-plane" -d 'Write the static pod manifests of the control plane'
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -f -a "kubelet-start" -d 'Write the kubelet configuration and (re)start the kubelet'
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -f -a "wait-control-plane" -d 'Wait for the API server to be live (--control-plane-timeout)'
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -f -a "upload-config" -d 'Store the cluster configuration on the node and upload it and the kubelet\'s to ConfigMaps'
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -f -a "mark-control-plane" -d 'Label and taint the node as a control plane'
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -f -a "bootstrap-token" -d 'Create the bootstrap token, the RBAC that lets tokens join, and cluster-info'
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -f -a "kubelet-finalize" -d 'Update the kubelet\'s settings after its TLS bootstrap'
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -f -a "addon" -d 'Install the CoreDNS and kube-proxy addons'
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -f -a "show-join-command" -d 'Print how to join more nodes'
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from phase" -f -a "post-control-plane" -d 'Every phase from wait-control-plane on (finishes a node whose API server was not up)'
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from help" -f -a "phase" -d 'Run one phase of init (see the list below)'
complete -c kforge -n "__fish_kforge_using_subcommand init; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kforge -n "__fish_kforge_using_subcommand health" -l only -d 'Only these targets (comma-separated)' -r
complete -c kforge -n "__fish_kforge_using_subcommand health" -l wait -d 'Poll until healthy or until DURATION has passed (e.g. 2m), for CI smoke tests' -r
complete -c kforge -n "__fish_kforge_using_subcommand health" -l timeout -d 'Timeout of each check' -r
complete -c kforge -n "__fish_kforge_using_subcommand health" -l warn-expiry -d 'Warn about certificates expiring within DURATION' -r
complete -c kforge -n "__fish_kforge_using_subcommand health" -l cert-dir -d 'Certificates directory on the node' -r
complete -c kforge -n "__fish_kforge_using_subcommand health" -s o -l output -d 'Output format for results (progress and logs always go to stderr)' -r -f -a "table\t''
json\t''
yaml\t''
junit\t'JUnit XML, so CI systems show each check as a test case'"
complete -c kforge -n "__fish_kforge_using_subcommand health" -l root -d 'Treat DIR as the node\'s root: /etc/kubernetes is DIR/etc/kubernetes, and so on. Lets init and friends run unprivileged on a directory' -r -F
complete -c kforge -n "__fish_kforge_using_subcommand health" -s v -l verbose -d 'More log output on stderr (-v info, -vv debug, -vvv trace)'
complete -c kforge -n "__fish_kforge_using_subcommand health" -s q -l quiet -d 'Only errors and warnings on stderr; no progress'
complete -c kforge -n "__fish_kforge_using_subcommand health" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kforge -n "__fish_kforge_using_subcommand health" -s V -l version -d 'Print version'
complete -c kforge -n "__fish_kforge_using_subcommand help; and not __fish_seen_subcommand_from join reset token config certs snapshot upgrade etcd version completion init health help" -f -a "join" -d 'Join worker and control-plane nodes over SSH, many in parallel'
complete -c kforge -n "__fish_kforge_using_subcommand help; and not __fish_seen_subcommand_from join reset token config certs snapshot upgrade etcd version completion init health help" -f -a "reset" -d 'Undo init/join on this node or on hosts over SSH: etcd member, pods, data, kforge\'s files'
complete -c kforge -n "__fish_kforge_using_subcommand help; and not __fish_seen_subcommand_from join reset token config certs snapshot upgrade etcd version completion init health help" -f -a "token" -d 'Manage bootstrap tokens through the API server (kubeadm token)'
complete -c kforge -n "__fish_kforge_using_subcommand help; and not __fish_seen_subcommand_from join reset token config certs snapshot upgrade etcd version completion init health help" -f -a "config" -d 'Print configuration files'
complete -c kforge -n "__fish_kforge_using_subcommand help; and not __fish_seen_subcommand_from join reset token config certs snapshot upgrade etcd version completion init health help" -f -a "certs" -d 'Check certificate expiration; renew certificates'
complete -c kforge -n "__fish_kforge_using_subcommand help; and not __fish_seen_subcommand_from join reset token config certs snapshot upgrade etcd version completion init health help" -f -a "snapshot" -d 'Save, check (status), list, prune, drill and restore etcd snapshots'
complete -c kforge -n "__fish_kforge_using_subcommand help; and not __fish_seen_subcommand_from join reset token config certs snapshot upgrade etcd version completion init health help" -f -a "upgrade" -d 'Upgrade the whole cluster in the correct version order (plan, apply)'
complete -c kforge -n "__fish_kforge_using_subcommand help; and not __fish_seen_subcommand_from join reset token config certs snapshot upgrade etcd version completion init health help" -f -a "etcd" -d 'etcd day-2 operations: status, members, defrag, compact, alarms, recover-space'
complete -c kforge -n "__fish_kforge_using_subcommand help; and not __fish_seen_subcommand_from join reset token config certs snapshot upgrade etcd version completion init health help" -f -a "version" -d 'Print the version, build and supported Kubernetes and etcd versions'
complete -c kforge -n "__fish_kforge_using_subcommand help; and not __fish_seen_subcommand_from join reset token config certs snapshot upgrade etcd version completion init health help" -f -a "completion" -d 'Print a shell completion script'
complete -c kforge -n "__fish_kforge_using_subcommand help; and not __fish_seen_subcommand_from join reset token config certs snapshot upgrade etcd version completion init health help" -f -a "init" -d 'Bootstrap a control-plane node (kubeadm init)'
complete -c kforge -n "__fish_kforge_using_subcommand help; and not __fish_seen_subcommand_from join reset token config certs snapshot upgrade etcd version completion init health help" -f -a "health" -d 'Check every component of a control-plane node (exit 3 when unhealthy)'
complete -c kforge -n "__fish_kforge_using_subcommand help; and not __fish_seen_subcommand_from join reset token config certs snapshot upgrade etcd version completion init health help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kforge -n "__fish_kforge_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "create" -d 'Create a bootstrap token in the cluster (prints it; `--print-join-command` prints kubeadm\'s join line)'
complete -c kforge -n "__fish_kforge_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "list" -d 'List the cluster\'s bootstrap tokens'
complete -c kforge -n "__fish_kforge_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "delete" -d 'Delete bootstrap tokens, by ID or whole token'
complete -c kforge -n "__fish_kforge_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "generate" -d 'Print a new random token (nothing is created)'
complete -c kforge -n "__fish_kforge_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "print" -d 'Print a configuration document'
complete -c kforge -n "__fish_kforge_using_subcommand help; and __fish_seen_subcommand_from certs" -f -a "check-expiration" -d 'Show when every certificate and kubeconfig client certificate expires (kubeadm\'s table)'
complete -c kforge -n "__fish_kforge_using_subcommand help; and __fish_seen_subcommand_from certs" -f -a "renew" -d 'Re-issue certificates from the same CA (subject and SANs kept), then restart what uses them'
complete -c kforge -n "__fish_kforge_using_subcommand help; and __fish_seen_subcommand_from snapshot" -f -a "save" -d 'Save a verified etcd snapshot (atomically; safe to run from cron)'
complete -c kforge -n "__fish_kforge_using_subcommand help; and __fish_seen_subcommand_from snapshot" -f -a "status" -d 'Show a snapshot\'s hash, revision, key count and size (same values as etcdutl)'
complete -c kforge -n "__fish_kforge_using_subcommand help; and __fish_seen_subcommand_from snapshot" -f -a "list" -d 'List the snapshots kforge saved in a directory'
complete -c kforge -n "__fish_kforge_using_subcommand help; and __fish_seen_subcommand_from snapshot" -f -a "prune" -d 'Delete old snapshots in a directory by a retention policy'
complete -c kforge -n "__fish_kforge_using_subcommand help; and __fish_seen_subcommand_from snapshot" -f -a "restore" -d 'Restore a snapshot into a new data directory (as etcdutl), or, on a kubeadm node, next to etcd\'s'
complete -c kforge -n "__fish_kforge_using_subcommand help; and __fish_seen_subcommand_from snapshot" -f -a "drill" -d 'Prove a backup restores: fetch, decrypt, verify, restore into a temporary dir, compare every key'
complete -c kforge -n "__fish_kforge_using_subcommand help; and __fish_seen_subcommand_from upgrade" -f -a "plan" -d 'Show the path to VERSION, what blocks it and what would change (read-only)'
complete -c kforge -n "__fish_kforge_using_subcommand help; and __fish_seen_subcommand_from upgrade" -f -a "apply" -d 'Upgrade the whole cluster to VERSION: etcd, API servers, controller-manager and scheduler, kubelets, workers; journaled, resumable, with rollback'
complete -c kforge -n "__fish_kforge_using_subcommand help; and __fish_seen_subcommand_from etcd" -f -a "status" -d 'Every member: versions, leader, raft term and indexes, DB size against the quota, alarms (exit 3 when unhealthy)'
complete -c kforge -n "__fish_kforge_using_subcommand help; and __fish_seen_subcommand_from etcd" -f -a "members" -d 'List, remove or promote members (remove refuses to break quorum)'
complete -c kforge -n "__fish_kforge_using_subcommand help; and __fish_seen_subcommand_from etcd" -f -a "defrag" -d 'Defragment one member at a time, followers first, the leader last'
complete -c kforge -n "__fish_kforge_using_subcommand help; and __fish_seen_subcommand_from etcd" -f -a "compact" -d 'Compact the key history up to a revision (default: the current one)'
complete -c kforge -n "__fish_kforge_using_subcommand help; and __fish_seen_subcommand_from etcd" -f -a "alarms" -d 'List or disarm alarms (NOSPACE, CORRUPT)'
complete -c kforge -n "__fish_kforge_using_subcommand help; and __fish_seen_subcommand_from etcd" -f -a "recover-space" -d 'The NOSPACE runbook: snapshot, compact, defragment each member, disarm, check a write'
complete -c kforge -n "__fish_kforge_using_subcommand help; and __fish_seen_subcommand_from init" -f -a "phase" -d 'Run one phase of init (see the list below)'
