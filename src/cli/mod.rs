//! The command line: clap definitions (kept apart from the work), parsing,
//! and dispatch to one plain function per command.

mod certs;
mod config;
mod confirm;
mod docs;
mod etcd;
mod etcd_args;
mod health;
mod hosts;
mod init;
mod join;
mod reset;
mod snapshot;
mod token;
mod upgrade;
mod version;

use crate::exit::ExitStatus;
use crate::output::{Format, Printer};
use anyhow::Result;
use clap::builder::TypedValueParser;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::path::PathBuf;

/// kubeadm and etcdctl/etcdutl jobs in one binary, for people who run
/// Kubernetes on their own machines.
#[derive(Debug, Parser)]
#[command(
    name = "kforge",
    version,
    long_version = version::long_version(),
    propagate_version = true,
    max_term_width = 100
)]
#[command(after_help = crate::exit::help_table(100))]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes, shown under their own heading in every
/// `--help` (and in a GLOBAL OPTIONS section of every man page).
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = GLOBAL_OPTIONS)]
pub struct GlobalArgs {
    /// Treat DIR as the node's root: /etc/kubernetes is DIR/etc/kubernetes, and so on.
    /// Lets init and friends run unprivileged on a directory.
    #[arg(long, global = true, value_name = "DIR", env = crate::paths::env::ROOT)]
    pub root: Option<PathBuf>,
    /// Output format for results (progress and logs always go to stderr).
    #[arg(short, long, global = true, value_enum, default_value_t = Format::Table)]
    pub output: Format,
    /// More log output on stderr (-v info, -vv debug, -vvv trace).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Only errors and warnings on stderr; no progress.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Bootstrap a control-plane node (kubeadm init).
    Init(Box<init::InitArgs>),
    /// Join worker and control-plane nodes over SSH, many in parallel.
    Join(Box<join::JoinArgs>),
    /// Undo init/join on this node or on hosts over SSH: etcd member, pods, data, kforge's files.
    Reset(Box<reset::ResetArgs>),
    /// Manage bootstrap tokens through the API server (kubeadm token).
    #[command(subcommand)]
    Token(token::TokenCommand),
    /// Print configuration files.
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// Check every component of a control-plane node (exit 3 when unhealthy).
    Health(health::HealthArgs),
    /// Check certificate expiration; renew certificates.
    #[command(subcommand)]
    Certs(certs::CertsCommand),
    /// Save, check (status), list, prune, drill and restore etcd snapshots.
    #[command(subcommand)]
    Snapshot(snapshot::SnapshotCommand),
    /// Upgrade the whole cluster in the correct version order (plan, apply).
    #[command(subcommand)]
    Upgrade(upgrade::UpgradeCommand),
    /// etcd day-2 operations: status, members, defrag, compact, alarms, recover-space.
    #[command(subcommand)]
    Etcd(etcd::EtcdCommand),
    /// Print the version, build and supported Kubernetes and etcd versions.
    Version,
    /// Print a shell completion script.
    Completion {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write man pages and completion scripts into a directory (for packagers).
    #[command(hide = true)]
    GenerateDocs {
        /// Output directory; `man/` and `completions/` are created in it.
        #[arg(long, default_value = ".")]
        out: PathBuf,
    },
}

/// The help heading of the global options.
pub const GLOBAL_OPTIONS: &str = "Global Options";

/// The commands that take `-o junit`, and the formats every other one takes.
const JUNIT_COMMANDS: &[&str] = &["health"];
const FORMATS: &str = "table, json or yaml";

/// The full clap command, built, with help generated from the tables and the
/// examples appended to every command's long help. `-o junit` is a hidden
/// value of the global `-o`; `health`'s own copy of it lists it.
pub fn command() -> clap::Command {
    let mut cmd = with_examples(Cli::command().mut_subcommand("init", init::decorate), "");
    // A command's own `output` keeps the global one from being propagated
    // into it, so this copy (same flag, same heading) is the one it parses.
    let output = cmd
        .get_arguments()
        .find(|a| a.get_id() == "output")
        .cloned()
        .expect("the global -o");
    for name in JUNIT_COMMANDS {
        let with_junit = output.clone().value_parser(
            clap::builder::PossibleValuesParser::new(
                <Format as clap::ValueEnum>::value_variants()
                    .iter()
                    .filter_map(clap::ValueEnum::to_possible_value)
                    .map(|v| v.hide(false)),
            )
            .map(|s| <Format as clap::ValueEnum>::from_str(&s, false).expect("a listed format")),
        );
        cmd = cmd.mut_subcommand(name, |c| c.arg(with_junit));
    }
    cmd
}

/// A copy of `cmd` (built) without its hidden subcommands, at every level,
/// for the completion scripts: `kforge <TAB>` never offers `generate-docs`.
fn completion_tree(cmd: &clap::Command, hidden: &[String]) -> clap::Command {
    // clap adds --help, --version and the `help` subcommand (without the
    // global options) again when it builds the copy.
    let mut c = clap::Command::new(cmd.get_name().to_string())
        .disable_help_subcommand(cmd.is_disable_help_subcommand_set())
        .args(
            cmd.get_arguments()
                .filter(|a| a.get_id() != "help" && a.get_id() != "version")
                .cloned(),
        );
    if let Some(about) = cmd.get_about() {
        c = c.about(about.clone());
    }
    if let Some(v) = cmd.get_version() {
        c = c.version(v.to_string());
    } else {
        c = c.disable_version_flag(true);
    }
    for sub in cmd.get_subcommands() {
        let auto_help = sub.get_name() == "help" && !cmd.is_disable_help_subcommand_set();
        if auto_help || sub.is_hide_set() || hidden.iter().any(|h| h == sub.get_name()) {
            continue;
        }
        c = c.subcommand(completion_tree(sub, hidden));
    }
    c
}

/// The names of hidden commands anywhere in the tree.
fn hidden_names(cmd: &clap::Command, out: &mut Vec<String>) {
    for sub in cmd.get_subcommands() {
        if sub.is_hide_set() {
            out.push(sub.get_name().to_string());
        }
        hidden_names(sub, out);
    }
}

/// Writes the completion script for `shell`, generated from the command
/// tree without its hidden commands.
pub fn completion_script(shell: clap_complete::Shell, out: &mut dyn std::io::Write) {
    let mut full = command();
    full.build();
    let mut hidden = Vec::new();
    hidden_names(&full, &mut hidden);
    let mut tree = completion_tree(&full, &hidden);
    clap_complete::generate(shell, &mut tree, "kforge", out);
}

/// The comment that marks an example needing real machines (a real node's
/// paths such as /var/backups, SSH hosts, a running control plane, a real
/// cluster's IDs, or a process that runs until stopped): the tests run
/// every other example.
pub const REAL_MACHINE: &str = "real machine";

/// Examples that end each command's long help, by command path. Each line
/// fits a 100-column terminal (clap would otherwise wrap it mid-command);
/// longer ones continue on the next line after ` \`. tests/docs.rs parses
/// every example of every `--help` with the current CLI, and runs every one
/// not marked [`REAL_MACHINE`] (under a temporary `--root`, against real
/// etcd where it needs one).
pub const EXAMPLES: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "kforge init --apiserver-advertise-address 10.0.0.5 --control-plane-endpoint lb.example.com",
            "kforge health --only etcd,certs --wait 2m    # real machine",
            "kforge snapshot save --dir /var/backups/etcd --keep 48    # real machine",
        ],
    ),
    (
        "init",
        &[
            "kforge init --apiserver-advertise-address 10.0.0.5 --control-plane-endpoint lb.example.com",
            "kforge init --config kubeadm.yaml",
            "kforge init --root ./node1 --node-name cp1 --apiserver-advertise-address 127.0.0.1 \\\n    --kubernetes-version v1.35 --dry-run",
        ],
    ),
    (
        "init phase",
        &[
            "kforge init phase certs all",
            "kforge init phase certs apiserver --apiserver-cert-extra-sans lb.example.com --force",
            "kforge init phase control-plane all --config kubeadm.yaml",
            "kforge init phase addon coredns --dry-run -o yaml",
            "kforge init phase post-control-plane --root ./node1    # real machine",
        ],
    ),
    (
        "token",
        &[
            "kforge token create --print-join-command",
            "kforge token list -o yaml",
            "kforge token delete abcdef",
        ],
    ),
    (
        "token create",
        &[
            "kforge token create --ttl 2h --description \"rack 4 workers\"",
            "kforge token create abcdef.0123456789abcdef --ttl 0 --usages authentication",
            "kforge token create --print-join-command",
        ],
    ),
    (
        "token list",
        &[
            "kforge token list",
            "kforge token list -o json --kubeconfig ~/.kube/config    # real machine",
        ],
    ),
    (
        "token delete",
        &["kforge token delete abcdef", "kforge token delete abcdef.0123456789abcdef ghijkl"],
    ),
    ("token generate", &["kforge token generate"]),
    (
        "join",
        &[
            "kforge join 10.0.0.21 10.0.0.22 --ssh-key ~/.ssh/id_ed25519    # real machines",
            "kforge join --control-plane cp2=10.0.0.12 cp3=10.0.0.13        # real machines",
            "kforge join --inventory hosts.yaml --concurrency 20            # real machines",
            "kforge join admin@10.0.0.23 --ssh-sudo    # passwordless sudo; real machine",
        ],
    ),
    (
        "reset",
        &[
            "kforge reset --yes                          # this node",
            "kforge reset cp3=10.0.0.13 --ssh-key ~/.ssh/id_ed25519 --yes    # real machine",
            "kforge reset --inventory hosts.yaml --dry-run                   # real machines",
        ],
    ),
    (
        "etcd",
        &[
            "kforge etcd status",
            "kforge etcd defrag --move-leader",
            "kforge etcd recover-space --snapshot-dir /var/backups/etcd    # real machine",
        ],
    ),
    (
        "etcd status",
        &["kforge etcd status", "kforge etcd status -o json"],
    ),
    (
        "etcd members",
        &[
            "kforge etcd members",
            "kforge etcd members remove cp3",
            "kforge etcd members promote 8e9e05c52164694d    # a learner; real machine",
        ],
    ),
    ("etcd members list", &["kforge etcd members list -o yaml"]),
    (
        "etcd members remove",
        &[
            "kforge etcd members remove cp3",
            "kforge etcd members remove 8e9e05c52164694d    # a real machine's ID",
        ],
    ),
    (
        "etcd members promote",
        &["kforge etcd members promote cp4    # a learner; real machine"],
    ),
    (
        "etcd defrag",
        &[
            "kforge etcd defrag",
            "kforge etcd defrag --move-leader --min-reclaim 64MiB \\\n    --metrics-file /var/lib/prometheus/node-exporter/kforge-etcd-defrag.prom   # real machine",
        ],
    ),
    (
        "etcd compact",
        &["kforge etcd compact", "kforge etcd compact --keep-revisions 10000", "kforge etcd compact 123456    # a past revision; real machine"],
    ),
    ("etcd alarms", &["kforge etcd alarms", "kforge etcd alarms disarm"]),
    ("etcd alarms list", &["kforge etcd alarms list -o json"]),
    ("etcd alarms disarm", &["kforge etcd alarms disarm"]),
    (
        "etcd recover-space",
        &[
            "kforge etcd recover-space --snapshot-dir /var/backups/etcd    # real machine",
            "kforge etcd recover-space --no-snapshot --move-leader",
        ],
    ),
    (
        "config",
        &[
            "kforge config print init-defaults > kubeadm.yaml",
            "kforge config print inventory > hosts.yaml",
        ],
    ),
    (
        "config print",
        &[
            "kforge config print init-defaults > kubeadm.yaml",
            "kforge config print inventory > hosts.yaml",
        ],
    ),
    (
        "config print init-defaults",
        &[
            "kforge config print init-defaults > kubeadm.yaml",
            "kforge config print init-defaults -o json",
        ],
    ),
    (
        "config print inventory",
        &["kforge config print inventory > hosts.yaml"],
    ),
    (
        "health",
        &[
            "kforge health                                 # real machine",
            "kforge health --only etcd,certs --wait 2m     # CI smoke test; real machine",
            "kforge health -o junit > health.xml           # real machine",
        ],
    ),
    (
        "certs",
        &[
            "kforge certs check-expiration",
            "kforge certs renew all --if-expiring-within 30d",
        ],
    ),
    (
        "certs check-expiration",
        &[
            "kforge certs check-expiration",
            "kforge certs check-expiration -o json",
        ],
    ),
    (
        "certs renew",
        &[
            "kforge certs renew all --if-expiring-within 30d   # safe from cron",
            "kforge certs renew apiserver etcd-server admin.conf --no-restart",
        ],
    ),
    (
        "snapshot",
        &[
            "kforge snapshot save --dir /var/backups/etcd --keep 48    # real machine",
            "kforge snapshot list --dir /var/backups/etcd               # real machine",
            "kforge snapshot restore backup.db --apply                  # real machine",
        ],
    ),
    (
        "snapshot save",
        &[
            "kforge snapshot save /var/backups/etcd/now.db    # real machine",
            "kforge snapshot save --dir /var/backups/etcd --keep 48 --keep-within 7d \\\n    --metrics-file /var/lib/prometheus/node-exporter/kforge-etcd-snapshot.prom  # real machine",
            "kforge snapshot save --dir /var/backups/etcd --keep 48 --upload s3://backups/etcd \\\n    --recipients-file /etc/kforge/recipients.txt --s3-endpoint https://minio.internal:9000 \\\n    # real machine",
            "kforge snapshot save --no-local-copy --upload sftp://backup@10.0.0.9/srv/etcd \\\n    --recipients-file /etc/kforge/recipients.txt    # real machine",
        ],
    ),
    (
        "snapshot status",
        &[
            "kforge snapshot status backup.db",
            "kforge snapshot status backup.db -o json",
            "kforge snapshot status s3://backups/etcd --identity key.txt   # newest there; real machine",
        ],
    ),
    (
        "snapshot list",
        &[
            "kforge snapshot list --dir /var/backups/etcd -o json    # real machine",
            "kforge snapshot list s3://backups/etcd --dir /var/backups/etcd   # side by side; real machine",
        ],
    ),
    (
        "snapshot prune",
        &[
            "kforge snapshot prune --dir /var/backups/etcd --keep 24 --dry-run    # real machine",
            "kforge snapshot prune --dir /var/backups/etcd --keep 24 --keep-within 7d    # real machine",
            "kforge snapshot prune s3://backups/etcd --keep 30 \\\n    --metrics-file /var/lib/prometheus/node-exporter/kforge-etcd-prune.prom    # real machine",
        ],
    ),
    (
        "snapshot drill",
        &[
            "kforge snapshot drill s3://backups/etcd --identity key.txt \\\n    --etcd-binary /usr/local/bin/etcd -o json    # real machine",
            "kforge snapshot drill /var/backups/etcd/etcd-20261201T120000.000Z-rev42.db \\\n    --metrics-file /var/lib/prometheus/node-exporter/kforge-etcd-drill.prom    # real machine",
        ],
    ),
    (
        "snapshot restore",
        &[
            "kforge snapshot restore snap.db --data-dir /var/lib/etcd-new    # real machine",
            "kforge snapshot restore snap.db --data-dir d1 --name m1 \\\n    --initial-advertise-peer-urls http://10.0.0.1:2380 \\\n    --initial-cluster m1=http://10.0.0.1:2380,m2=http://10.0.0.2:2380,m3=http://10.0.0.3:2380",
            "kforge snapshot restore snap.db           # kubeadm node: settings from etcd.yaml",
            "kforge snapshot restore snap.db --apply   # ... and point etcd.yaml at it; real machine",
            "kforge snapshot restore s3://backups/etcd --identity key.txt --data-dir /var/lib/etcd-new \\\n    # real machine",
        ],
    ),
    (
        "upgrade",
        &[
            "kforge upgrade plan                                          # real machine",
            "kforge upgrade apply v1.32.4 --inventory hosts.yaml --yes    # real machines",
        ],
    ),
    (
        "upgrade plan",
        &[
            "kforge upgrade plan                        # this node: the next minor; real machine",
            "kforge upgrade plan v1.34 --inventory hosts.yaml -o json    # real machines",
            "kforge upgrade plan v1.32 --control-plane cp2=10.0.0.12 cp3=10.0.0.13 w1=10.0.0.21 \\\n    # real machines",
        ],
    ),
    (
        "upgrade apply",
        &[
            "kforge upgrade apply v1.32.4 --inventory hosts.yaml --yes        # real machines",
            "kforge upgrade apply v1.32.4 --inventory hosts.yaml --dry-run    # real machines",
            "kforge upgrade apply v1.33.0 --inventory hosts.yaml --yes --max-unavailable 3 \\\n    --kubelet-upgrade-command 'apt-get install -y kubelet={version}-*'    # real machines",
        ],
    ),
    ("version", &["kforge version", "kforge version -o json"]),
    (
        "completion",
        &[
            "kforge completion bash > /etc/bash_completion.d/kforge",
            "kforge completion zsh > ~/.zfunc/_kforge",
            "kforge completion fish > ~/.config/fish/completions/kforge.fish",
        ],
    ),
];

/// Appends `EXAMPLES` to the long help of `cmd` (at `path`) and of every
/// subcommand, after whatever help text the command already ends with.
fn with_examples(mut cmd: clap::Command, path: &str) -> clap::Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, move |s| with_examples(s, &sub_path));
    }
    let Some((_, examples)) = EXAMPLES.iter().find(|(p, _)| *p == path) else {
        return cmd;
    };
    let mut text = cmd
        .get_after_long_help()
        .or(cmd.get_after_help())
        .map(|t| format!("{}\n\n", t.to_string().trim_end()))
        .unwrap_or_default();
    text.push_str("Examples:");
    for e in *examples {
        for line in e.lines() {
            text.push_str("\n  ");
            text.push_str(line);
        }
    }
    cmd.after_long_help(text)
}

/// Parses the process arguments; exits with status 2 on a usage error.
pub fn parse() -> Cli {
    let cmd = command();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let parsed = cmd.clone().try_get_matches_from(&args).and_then(|m| {
        let cli = Cli::from_arg_matches(&m)?;
        Ok((cli, matched_path(&m)))
    });
    let (cli, path) = parsed.unwrap_or_else(|e| exit_on_parse_error(&cmd, &args, e));
    if let Err(msg) = check_parsed(&cli, &path) {
        eprintln!("error: {msg}");
        std::process::exit(ExitStatus::Usage.code().into())
    }
    cli
}

/// The command path the matches went down (`["etcd", "members", "list"]`).
pub fn matched_path(m: &clap::ArgMatches) -> Vec<String> {
    let mut words = Vec::new();
    let mut m = m;
    while let Some((name, sub)) = m.subcommand() {
        words.push(name.to_string());
        m = sub;
    }
    words
}

/// Checks across options that clap cannot express: `-o junit` only where a
/// command renders it; a `--root` that is not a directory (only `init`
/// creates its root). Each is one line, exit 2, before anything runs.
pub fn check_parsed(cli: &Cli, path: &[String]) -> Result<(), String> {
    let top = path.first().map(String::as_str).unwrap_or("");
    if cli.global.output == Format::Junit && !JUNIT_COMMANDS.contains(&top) {
        return Err(format!(
            "-o junit: `kforge {}` takes -o {FORMATS} (junit is only for kforge {})",
            path.join(" "),
            JUNIT_COMMANDS.join(", ")
        ));
    }
    if let Some(root) = &cli.global.root {
        let creates_root = matches!(cli.command, Command::Init(_) | Command::GenerateDocs { .. });
        if !creates_root && !root.is_dir() {
            let why = if root.exists() {
                "not a directory"
            } else {
                "no such directory"
            };
            return Err(format!(
                "--root {}: {why} (the node's root; give the directory init wrote into)",
                root.display()
            ));
        }
    }
    Ok(())
}

/// Help and version print as clap renders them; every other parse error is
/// one `error:` line (clap's message, tips folded in), exit 2, so bad input
/// reads the same whether clap or kforge refused it.
/// A parse error as one line and exit 2 (help and version print and exit
/// 0), for kforge and for the `kforge-dev` binary alike.
pub fn exit_on_parse_error(cmd: &clap::Command, args: &[std::ffi::OsString], e: clap::Error) -> ! {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        e.exit()
    }
    let line = one_line_parse_error(&e.render().to_string());
    match from_env(cmd, args, &e) {
        Some(var) => eprintln!("error: {var}: {line}"),
        None => eprintln!("error: {line}"),
    }
    std::process::exit(ExitStatus::Usage.code().into())
}

/// For an invalid value that came from an environment variable (an
/// `ETCDCTL_*` or `KFORGE_*` variable mirroring a flag that is not on the
/// command line): `NAME=value`, so the error names the variable.
fn from_env(cmd: &clap::Command, args: &[std::ffi::OsString], e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue};
    let ContextValue::String(arg) = e.get(ContextKind::InvalidArg)? else {
        return None;
    };
    let long = arg.split_whitespace().next()?.strip_prefix("--")?;
    fn find<'a>(c: &'a clap::Command, long: &str) -> Option<&'a clap::Arg> {
        c.get_arguments()
            .find(|a| a.get_long() == Some(long) && a.get_env().is_some())
            .or_else(|| c.get_subcommands().find_map(|s| find(s, long)))
    }
    let env = find(cmd, long)?.get_env()?.to_os_string();
    let value = std::env::var_os(&env)?;
    let flag = format!("--{long}");
    let on_line = args.iter().any(|a| {
        let a = a.to_string_lossy();
        a == flag || a.starts_with(&format!("{flag}="))
    });
    (!on_line).then(|| format!("{}={}", env.to_string_lossy(), value.to_string_lossy()))
}

/// clap's multi-line error text as one line: the message, then any tip,
/// without the usage block and the "try --help" footer.
fn one_line_parse_error(text: &str) -> String {
    let mut parts = Vec::new();
    let mut in_usage = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with("Usage:") {
            in_usage = true;
            continue;
        }
        if line.is_empty() {
            in_usage = false;
            continue;
        }
        if in_usage || line.starts_with("For more information") {
            continue;
        }
        parts.push(line.strip_prefix("error: ").unwrap_or(line).to_string());
    }
    parts.join("; ")
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitStatus> {
    let printer = Printer::new(cli.global.output, cli.global.quiet, cli.global.verbose);
    // `--kubernetes-version stable` and friends: say which version they meant.
    for line in crate::versions::take_resolved_labels() {
        printer.status(line);
    }
    match cli.command {
        Command::Init(args) => init::run(&cli.global, &printer, *args),
        Command::Token(cmd) => token::run(&cli.global, &printer, cmd),
        Command::Config(c) => config::run(&cli.global, &printer, c),
        Command::Join(a) => join::run(&cli.global, &printer, *a),
        Command::Reset(a) => reset::run(&cli.global, &printer, *a),
        Command::Upgrade(c) => upgrade::run(&cli.global, &printer, c),
        Command::Snapshot(c) => snapshot::run(&cli.global, &printer, c),
        Command::Etcd(c) => etcd::run(&cli.global, &printer, c),
        Command::Health(a) => health::run(&cli.global, &printer, a),
        Command::Certs(c) => certs::run(&cli.global, &printer, c),
        Command::Version => version::run(&printer),
        Command::Completion { shell } => {
            let mut script = Vec::new();
            completion_script(shell, &mut script);
            printer.out(String::from_utf8_lossy(&script))?;
            Ok(ExitStatus::Success)
        }
        Command::GenerateDocs { out } => docs::generate(&out),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn parse_errors_fold_into_one_line_with_their_tip() {
        use super::{command, one_line_parse_error};
        let e = command()
            .try_get_matches_from(["kforge", "snapshot", "prune", "--kep", "1"])
            .unwrap_err();
        let line = one_line_parse_error(&e.render().to_string());
        assert!(!line.contains('\n'), "{line}");
        assert!(line.contains("'--kep'"), "{line}");
        assert!(line.contains("--keep"), "{line}");
        assert!(
            !line.contains("Usage:") && !line.contains("--help"),
            "{line}"
        );
    }

    #[test]
    fn clap_definition_is_consistent() {
        super::command().debug_assert();
    }

    #[test]
    fn examples_fit_a_100_column_terminal_and_name_real_commands() {
        let mut cmd = super::command();
        cmd.build();
        for (path, examples) in super::EXAMPLES {
            let mut c = &cmd;
            for word in path.split_whitespace() {
                c = c
                    .find_subcommand(word)
                    .unwrap_or_else(|| panic!("EXAMPLES names unknown command {path:?}"));
            }
            for e in *examples {
                for line in e.lines() {
                    assert!(
                        line.len() + 2 <= 100,
                        "{path}: too long for 100 columns: {line}"
                    );
                }
            }
        }
    }
}
