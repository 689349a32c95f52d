//! `kforge-dev`: aids for staged nodes, demos and tests, all of them
//! STAND-INS for what a real node has (a kubelet, a container runtime, the
//! control-plane binaries), named as such. Not part of the product: the
//! `kforge` binary contains none of it.

use anyhow::{Context, Result};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use kforge::cli::GlobalArgs;
use kforge::exit::ExitStatus;
use kforge::node::LocalNode;
use kforge::output::Printer;
use kforge::values::DurationRange;
use kforge_dev::images::{self, ImageBinary, Unhealthy};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;

/// `--grace-period`: 0s (SIGKILL at once) to 5 minutes.
const GRACE_RANGE: DurationRange =
    DurationRange::new(time::Duration::ZERO, time::Duration::minutes(5));

/// Stand-ins for tests and demos of kforge: a kubelet, the control-plane
/// components' health endpoints, an in-memory API server. Not for production.
#[derive(Debug, Parser)]
#[command(name = "kforge-dev", version, max_term_width = 100)]
struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: DevCommand,
}

#[derive(Debug, Subcommand)]
enum DevCommand {
    /// Run a node's static pods like a kubelet would (a stand-in kubelet for tests and demos).
    ///
    /// Watches /etc/kubernetes/manifests (under --root; the staticPodPath of
    /// /var/lib/kubelet/config.yaml when there is one) every 100 ms, serves the kubelet's
    /// /healthz where that config says, and runs each static pod as a plain process: an image mapped with --image-binary runs that binary with
    /// the manifest's command line (paths inside hostPath volumes mapped under --root);
    /// kube-apiserver, kube-controller-manager and kube-scheduler images, for which there
    /// are no binaries here, run kforge's built-in stand-in (`kforge-dev stand-in`), which
    /// serves the health endpoints and /version (the API server's also a small in-memory
    /// stand-in API). Once the API server answers, it registers the node's Node with
    /// kubelet.conf's credentials, as a real kubelet does. A changed manifest recreates its pod
    /// (the old process has exited before the new one starts), a removed one stops it, and
    /// a pod that exits is restarted after a back-off (1s doubling to 10s).
    ///
    /// Container output is appended to LOG_DIR/<pod>/<container>.log (default
    /// /var/log/pods under --root). Each pod's status (pid, image, start time, restarts,
    /// log path) is in /var/lib/kubelet/kforge-stand-in/<pod>.json under --root: a detail
    /// of this stand-in, not of the real kubelet. SIGTERM or SIGINT stops every pod
    /// (SIGTERM, then SIGKILL after --grace-period) and exits 0; a second stand-in kubelet
    /// for the same node exits 4. No isolation, no container runtime, no probes: not for
    /// production.
    Kubelet {
        /// Run image IMAGE (an exact reference, or a prefix ending in `*`) with the binary
        /// PATH. Repeatable; an exact reference wins over the longest matching prefix.
        #[arg(long = "image-binary", value_name = "IMAGE=PATH", value_parser = images::parse_image_binary)]
        image_binary: Vec<ImageBinary>,
        /// Test aid: the built-in stand-in for COMPONENT (at image tag VERSION, or any tag
        /// starting with VERSION.) never reports healthy. Repeatable.
        #[arg(long, value_name = "COMPONENT[:VERSION]", value_parser = images::parse_unhealthy)]
        unhealthy: Vec<Unhealthy>,
        /// Where container logs go (a node path, under --root like the others).
        #[arg(long, value_name = "DIR", default_value = kforge_dev::kubelet::POD_LOG_DIR)]
        log_dir: PathBuf,
        /// How long a pod has to exit after SIGTERM before it gets SIGKILL.
        #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = GRACE_RANGE)]
        grace_period: time::Duration,
    },
    /// Serve a control-plane component's /healthz, /livez, /readyz and /version (a stand-in).
    ///
    /// What `kforge-dev kubelet` runs for kube-apiserver, kube-controller-manager and
    /// kube-scheduler pods: not the component, only its health endpoints and /version
    /// (the manifest's image tag), over HTTPS on the manifest's port (--secure-port, else
    /// its probe's port) with the manifest's --tls-cert-file and --tls-private-key-file,
    /// or a self-signed certificate as the real controller-manager and scheduler make
    /// without them. The API server stand-in's /readyz and /healthz fail while etcd's
    /// /health does not answer with the manifest's --etcd-* flags.
    ///
    /// The API server stand-in also serves, for tests and demos, a small Kubernetes API
    /// kept in memory only (lost when it restarts): discovery, and get, list, create,
    /// update, patch (server-side apply as a merge) and delete of ConfigMaps, Secrets,
    /// Nodes, ServiceAccounts, Services, Namespaces, the RBAC kinds, Deployments and
    /// DaemonSets, with client certificates checked against --client-ca-file, bootstrap
    /// tokens, anonymous users, and RBAC over the stored roles. Not a Kubernetes API server.
    StandIn {
        /// The component: kube-apiserver, kube-controller-manager or kube-scheduler.
        #[arg(value_parser = stand_in_component)]
        component: String,
        /// The static pod manifest to serve for (a path on this machine).
        #[arg(long, value_name = "FILE")]
        manifest: PathBuf,
        /// Test aid: never report healthy (/version still answers).
        #[arg(long)]
        never_healthy: bool,
    },
    /// Write a stand-in `kubelet` script that only answers --version (a test aid).
    ///
    /// The script prints `Kubernetes VERSION` for `--version` and fails on anything else:
    /// enough for code that installs a kubelet binary and checks its version.
    #[command(disable_version_flag = true)]
    KubeletBinary {
        /// The version it reports, e.g. v1.32.0.
        #[arg(long, value_name = "VERSION")]
        version: kforge::versions::KubeVersion,
        /// Where to write it (mode 0755).
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
    /// Run one static pod's command in the foreground (no watching, no restarts).
    ///
    /// Reads /etc/kubernetes/manifests/NAME.yaml (under --root), maps every
    /// path argument inside a hostPath volume to its real location, creates
    /// DirectoryOrCreate volumes, and replaces this process with the
    /// container's command, as `kforge-dev kubelet` runs it. No container
    /// runtime, no isolation: for staged nodes, demos and tests.
    RunStaticPod {
        /// Manifest name, e.g. etcd.
        name: String,
        /// Binary to run instead of the command's first word (found in PATH otherwise).
        #[arg(long, value_name = "PATH")]
        binary: Option<PathBuf>,
        /// Print the command line (one JSON array) instead of running it.
        #[arg(long)]
        print: bool,
    },
}

fn stand_in_component(s: &str) -> Result<String, String> {
    if images::stand_in_components().any(|c| c.name == s) {
        Ok(s.to_string())
    } else {
        let names: Vec<&str> = images::stand_in_components().map(|c| c.name).collect();
        Err(format!(
            "no stand-in for {s:?}: one of {}",
            names.join(", ")
        ))
    }
}

fn main() -> std::process::ExitCode {
    kforge::runtime::install_crypto_provider();
    // Parse errors as kforge gives them: one line, exit 2.
    let cmd = Cli::command();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = cmd
        .clone()
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m))
        .unwrap_or_else(|e| kforge::cli::exit_on_parse_error(&cmd, &args, e));
    let p = Printer::new(cli.global.output, cli.global.quiet, cli.global.verbose);
    match run(&cli.global, &p, cli.command) {
        Ok(status) => status.into(),
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitStatus::for_error(&err).into()
        }
    }
}

fn run(g: &GlobalArgs, p: &Printer, c: DevCommand) -> Result<ExitStatus> {
    match c {
        DevCommand::Kubelet {
            image_binary,
            unhealthy,
            log_dir,
            grace_period,
        } => {
            let settings = kforge_dev::kubelet::Settings {
                root: g.root.clone(),
                images: images::ImageMap(image_binary),
                unhealthy,
                log_dir: Some(log_dir),
                grace: kforge::values::to_std(grace_period),
                self_exe: std::env::current_exe().context("finding the kforge-dev binary")?,
            };
            let mut kubelet = kforge_dev::kubelet::Kubelet::new(settings, p)?;
            kubelet.run()?;
            Ok(ExitStatus::Success)
        }
        DevCommand::StandIn {
            component,
            manifest,
            never_healthy,
        } => {
            let component = images::stand_in_components()
                .find(|c| c.name == component)
                .context("unknown component")?;
            kforge_dev::standin::run(
                &kforge_dev::standin::Settings {
                    component,
                    manifest,
                    root: g.root.clone(),
                    never_healthy,
                },
                p,
            )?;
            Ok(ExitStatus::Success)
        }
        DevCommand::KubeletBinary { version, out } => {
            let script = kforge_dev::kubelet::fake_kubelet_script(&version);
            kforge::node::Node::write_atomic(
                &LocalNode::new(None),
                &out,
                script.as_bytes(),
                0o755,
            )?;
            p.status(format!(
                "wrote {}: a stand-in kubelet that answers --version with Kubernetes {version}",
                out.display()
            ));
            Ok(ExitStatus::Success)
        }
        DevCommand::RunStaticPod {
            name,
            binary,
            print,
        } => {
            let node = LocalNode::new(g.root.clone());
            let pod = kforge::staticpod::read(&node, &name)?;
            let mut argv = kforge::staticpod::local_argv(&node, &pod)?;
            if let Some(b) = binary {
                argv[0] = b.display().to_string();
            }
            if print {
                p.out(format!("{}\n", serde_json::to_string(&argv)?))?;
                return Ok(ExitStatus::Success);
            }
            let err = std::process::Command::new(&argv[0]).args(&argv[1..]).exec();
            Err(err).with_context(|| format!("running {}", argv[0]))
        }
    }
}
