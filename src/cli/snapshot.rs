//! `kforge snapshot save | status | list | prune | restore`.

use super::etcd_args::EtcdConnArgs;
use super::GlobalArgs;
use crate::backup::{catalog, drill, naming, offsite, retention, save, signing};
use crate::exit::{usage, ExitStatus};
use crate::output::{write_table, Printer, Render};
use crate::remote::{self, crypt, TargetUrl};
use crate::restore_apply;
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use etcd_format::restore;
use etcd_format::snapshot_file;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum SnapshotCommand {
    /// Save a verified etcd snapshot (atomically; safe to run from cron).
    Save(Box<SaveArgs>),
    /// Show a snapshot's hash, revision, key count and size (same values as etcdutl).
    Status(Box<StatusArgs>),
    /// List the snapshots kforge saved in a directory.
    List(Box<ListArgs>),
    /// Delete old snapshots in a directory by a retention policy.
    Prune(Box<PruneArgs>),
    /// Restore a snapshot into a new data directory (as etcdutl), or, on a kubeadm node, next to etcd's.
    Restore(Box<RestoreArgs>),
    /// Prove a backup restores: fetch, decrypt, verify, restore into a temporary dir, compare every key.
    Drill(Box<DrillArgs>),
}

/// How to reach off-node targets (S3, SFTP) and how this node is named there.
#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "Off-node targets")]
pub struct RemoteArgs {
    /// S3 endpoint URL, for S3-compatible gateways [default: AWS_ENDPOINT_URL, else AWS]; http:// works with a warning.
    #[arg(long, value_name = "URL")]
    pub s3_endpoint: Option<String>,
    /// S3 region [default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1].
    #[arg(long, value_name = "REGION")]
    pub s3_region: Option<String>,
    /// Also trust the CA certificates (PEM) in FILE for the S3 endpoint.
    #[arg(long, value_name = "FILE")]
    pub s3_ca_file: Option<PathBuf>,
    /// Do not verify the S3 endpoint's TLS certificate (tests only).
    #[arg(long)]
    pub s3_insecure_skip_verify: bool,
    /// S3 credentials in the AWS shared credentials format [default: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, then ~/.aws/credentials].
    #[arg(long, value_name = "FILE")]
    pub s3_credentials_file: Option<PathBuf>,
    /// Profile in the credentials file [default: AWS_PROFILE, else default].
    #[arg(long, value_name = "NAME")]
    pub s3_profile: Option<String>,
    /// Retries of each S3 request (with exponential backoff; `snapshot save --timeout` bounds the whole run).
    #[arg(long, value_name = "N", value_parser = crate::values::CountRange::new(0, 100))]
    pub s3_retries: Option<usize>,
    /// Ask S3 to encrypt uploads at rest: AES256 (SSE-S3) or aws:kms (SSE-KMS with the bucket's default key).
    #[arg(long, value_name = "MODE", value_parser = ["AES256", "aws:kms"])]
    pub s3_sse: Option<String>,
    /// SSE-KMS with this KMS key (ID or ARN) instead.
    #[arg(long, value_name = "KEY_ID", conflicts_with = "s3_sse")]
    pub s3_sse_kms_key_id: Option<String>,
    /// SSH private key for sftp:// targets [default: the ssh-agent if SSH_AUTH_SOCK is set, else ~/.ssh/id_ed25519].
    #[arg(long, value_name = "FILE")]
    pub ssh_key: Option<PathBuf>,
    /// known_hosts file sftp:// host keys are checked against [default: ~/.ssh/known_hosts].
    #[arg(long, value_name = "FILE")]
    pub known_hosts: Option<PathBuf>,
    /// Record an sftp:// host's key on first contact (a changed key is always refused).
    #[arg(long)]
    pub accept_new_host_keys: bool,
    /// This node's name in remote snapshot names [default: the host name].
    #[arg(long, value_name = "NAME")]
    pub node_name: Option<String>,
}

impl RemoteArgs {
    fn options(&self) -> remote::Options {
        remote::Options {
            s3: remote::s3::S3Options {
                endpoint: self.s3_endpoint.clone(),
                region: self.s3_region.clone(),
                ca_file: self.s3_ca_file.clone(),
                insecure_skip_verify: self.s3_insecure_skip_verify,
                credentials_file: self.s3_credentials_file.clone(),
                profile: self.s3_profile.clone(),
                retries: self.s3_retries,
                sse: match (self.s3_sse.as_deref(), &self.s3_sse_kms_key_id) {
                    (_, Some(key)) => Some(remote::s3::Sse::Kms(Some(key.clone()))),
                    (Some("AES256"), None) => Some(remote::s3::Sse::S3),
                    (Some(_), None) => Some(remote::s3::Sse::Kms(None)),
                    (None, None) => None,
                },
            },
            sftp: remote::sftp::SftpOptions {
                key_file: self.ssh_key.clone(),
                known_hosts: self.known_hosts.clone(),
                accept_new_host_keys: self.accept_new_host_keys,
            },
        }
    }

    fn node(&self) -> Result<String> {
        match &self.node_name {
            Some(n) if naming::valid_node_name(n) => Ok(n.clone()),
            Some(n) => Err(usage(format!(
                "--node-name {n:?}: use letters, digits, '.', '_' and '-'"
            ))),
            None => Ok(offsite::default_node_name()),
        }
    }
}

/// Which snapshots on a target may be used: one cluster's, signed ones.
#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "Which snapshots to trust")]
pub struct SelectArgs {
    /// Only snapshots of this etcd cluster (hex, as etcdctl prints it) [default: with --root, the node's cluster, read from its etcd WAL].
    #[arg(long, value_name = "ID")]
    pub cluster_id: Option<String>,
    /// Only snapshots whose record carries a valid signature by a key in FILE (an OpenSSH public key, or an allowed-signers file).
    #[arg(long, value_name = "FILE")]
    pub verify_key: Option<PathBuf>,
}

impl SelectArgs {
    /// The trust: `--cluster-id`, else the cluster of the node under
    /// `root` (see [`node_root`]), and the keys (bad input: exit 2).
    fn trust(&self, root: Option<&std::path::Path>) -> Result<catalog::Trust> {
        let cluster = match (&self.cluster_id, root) {
            (Some(id), _) => Some(
                crate::backup::record::parse_id(id)
                    .map_err(|e| crate::exit::usage_from(e.context("--cluster-id")))?,
            ),
            (None, Some(r)) => Some(
                crate::etcd::node_cluster::ids(Some(r))
                    .map_err(|e| {
                        crate::exit::usage_from(e.context(format!("--root {}", r.display())))
                    })?
                    .1,
            ),
            (None, None) => None,
        };
        let verify = self
            .verify_key
            .as_ref()
            .map(|p| signing::VerifyKeys::load(p).map_err(crate::exit::usage_from))
            .transpose()?;
        Ok(catalog::Trust { cluster, verify })
    }
}

/// `--root`, when it narrows `source`: snapshots on a target (where a
/// node's are chosen among others), not a local file, which is the
/// operator's own choice.
fn node_root<'a>(g: &'a GlobalArgs, source: &str) -> Option<&'a std::path::Path> {
    g.root
        .as_deref()
        .filter(|_| TargetUrl::looks_remote(source))
}

/// Prints a fetch's warnings.
fn warn_all(p: &Printer, w: &[String]) {
    for l in w {
        p.warn(l);
    }
}

/// `--identity FILE`, loaded (a bad file is a usage error naming it; one
/// readable by group or others is a warning).
fn load_identity(pr: &Printer, p: &Option<PathBuf>) -> Result<Option<crypt::Identity>> {
    let id = p
        .as_ref()
        .map(|p| crypt::Identity::load(p).map_err(crate::exit::usage_from))
        .transpose()?;
    if let Some(w) = id.as_ref().and_then(|i| i.permission_warning()) {
        pr.warn(w);
    }
    Ok(id)
}

/// A FILE|URL argument: a bad URL (a secret in it included) is a usage
/// error, found before any work.
/// A snapshot source of status, restore and drill: a URL that parses, or
/// a local path that is a regular file. A directory, a missing file or a
/// FIFO is named as such before anything opens it (opening a FIFO blocks;
/// a directory would surface later as "no sha256 trailer").
fn check_source(s: &str) -> Result<()> {
    if TargetUrl::looks_remote(s) {
        offsite::Source::parse(s).map_err(crate::exit::usage_from)?;
    } else {
        snapshot_file::require_file(std::path::Path::new(s))?;
    }
    Ok(())
}

/// Target URLs from the command line (a bad one is a usage error).
fn parse_targets(v: &[String]) -> Result<Vec<TargetUrl>> {
    v.iter()
        .map(|s| TargetUrl::parse(s).map_err(crate::exit::usage_from))
        .collect()
}

#[derive(Debug, Args)]
pub struct RetentionArgs {
    /// Keep the newest N snapshots (N >= 1: 0 would keep none by count).
    #[arg(long, value_name = "N", value_parser = crate::values::CountRange::new(1, 1_000_000))]
    pub keep: Option<usize>,
    /// Keep every snapshot taken within DURATION (more than 0, e.g. 7d, 36h).
    #[arg(long, value_name = "DURATION", value_parser = crate::values::DurationRange::new(time::Duration::MILLISECOND, time::Duration::days(36500)))]
    pub keep_within: Option<time::Duration>,
}

impl RetentionArgs {
    /// The policy (each value's range was checked while parsing: exit 2).
    fn policy(&self) -> Result<naming::Retention> {
        Ok(naming::Retention {
            keep: self.keep,
            keep_within: self.keep_within,
        })
    }
}

#[derive(Debug, Args)]
pub struct SaveArgs {
    /// Snapshot file to write (refuses to replace an existing one without --force).
    #[arg(
        value_name = "FILE",
        conflicts_with = "dir",
        required_unless_present_any = ["dir", "no_local_copy"]
    )]
    pub file: Option<PathBuf>,
    /// Cron mode: write DIR/PREFIX-<UTC time>-rev<revision>.db, lock DIR, apply retention.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// File name prefix in --dir mode.
    #[arg(long, default_value = "etcd", value_name = "PREFIX")]
    pub name: String,
    #[command(flatten)]
    pub retention: RetentionArgs,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
    /// Write Prometheus textfile-collector metrics here (atomically), on success and failure.
    #[arg(long, value_name = "PATH")]
    pub metrics_file: Option<PathBuf>,
    /// Bound the whole run (etcd's stream, the uploads, retention): past it the run stops, cleans up and exits 1.
    #[arg(long, value_name = "DURATION", default_value = "1h", value_parser = crate::values::DurationRange::new(time::Duration::SECOND, time::Duration::days(7)))]
    pub timeout: time::Duration,
    /// Also upload the verified snapshot to URL (s3://BUCKET/PREFIX, sftp://[USER@]HOST[:PORT]/DIR or a directory); repeatable.
    #[arg(long, value_name = "URL")]
    pub upload: Vec<String>,
    /// Keep no local copy: the snapshot is only uploaded (needs --upload).
    #[arg(long, requires = "upload")]
    pub no_local_copy: bool,
    /// Encrypt uploads to this age recipient (age1...); repeatable.
    #[arg(long, value_name = "RECIPIENT")]
    pub encrypt_to: Vec<String>,
    /// Encrypt uploads to the age recipients in FILE (one a line); repeatable.
    #[arg(long, value_name = "FILE")]
    pub recipients_file: Vec<PathBuf>,
    /// Sign each snapshot's record with this OpenSSH ed25519 private key (SSHSIG, namespace kforge-snapshot-record; check with ssh-keygen -Y verify).
    #[arg(long, value_name = "FILE")]
    pub sign_key: Option<PathBuf>,
    #[command(flatten)]
    pub remote: RemoteArgs,
    #[command(flatten)]
    pub conn: EtcdConnArgs,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Snapshot file (a `snapshot save` file or a raw member/snap/db), an age-encrypted file, or an object URL (s3://BUCKET/PREFIX/NAME; a target URL means this node's newest snapshot there).
    #[arg(value_name = "FILE|URL")]
    pub file: String,
    /// age identity file to decrypt an encrypted snapshot.
    #[arg(long, value_name = "FILE")]
    pub identity: Option<PathBuf>,
    #[command(flatten)]
    pub remote: RemoteArgs,
    /// Do not check the sha256 trailer (faster; also reads a raw member/snap/db, which has none).
    #[arg(long, conflicts_with = "verify")]
    pub no_verify: bool,
    /// Check the sha256 trailer (the default; kept for scripts that pass it).
    #[arg(long)]
    pub verify: bool,
    /// File name prefix of kforge's snapshot names (what `save --name` set).
    #[arg(long, default_value = "etcd", value_name = "PREFIX")]
    pub name: String,
    #[command(flatten)]
    pub select: SelectArgs,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Snapshot directories (as --dir) and off-node targets (s3://..., sftp://...) to list; every node's snapshots unless --node-name.
    #[arg(value_name = "DIR|URL")]
    pub urls: Vec<String>,
    /// Directory kforge saves snapshots in.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// File name prefix.
    #[arg(long, default_value = "etcd", value_name = "PREFIX")]
    pub name: String,
    /// Do not check each file's trailer and structure (faster).
    #[arg(long, conflicts_with = "verify")]
    pub no_verify: bool,
    /// Also download each remote snapshot kforge vouches for and check its content against its record.
    #[arg(long)]
    pub verify: bool,
    /// age identity file to decrypt encrypted snapshots for --verify.
    #[arg(long, value_name = "FILE", requires = "verify")]
    pub identity: Option<PathBuf>,
    /// Directory for --verify's temporary copies [default: TMPDIR or /tmp].
    #[arg(long, value_name = "DIR", requires = "verify")]
    pub work_dir: Option<PathBuf>,
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub remote: RemoteArgs,
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Off-node targets to prune (this node's snapshots only).
    #[arg(value_name = "URL", required_unless_present = "dir")]
    pub urls: Vec<String>,
    /// Directory kforge saves snapshots in.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// File name prefix.
    #[arg(long, default_value = "etcd", value_name = "PREFIX")]
    pub name: String,
    #[command(flatten)]
    pub retention: RetentionArgs,
    /// Show what would be deleted; delete nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Count remote deletions and failed deletions in this Prometheus textfile.
    #[arg(long, value_name = "PATH")]
    pub metrics_file: Option<PathBuf>,
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub remote: RemoteArgs,
}

#[derive(Debug, Args)]
pub struct DrillArgs {
    /// Snapshot file, age-encrypted file, object URL, or target URL (its newest snapshot of this node).
    #[arg(value_name = "FILE|URL")]
    pub source: String,
    /// age identity file to decrypt an encrypted snapshot.
    #[arg(long, value_name = "FILE")]
    pub identity: Option<PathBuf>,
    /// Also boot this etcd binary on the restored data (loopback ports) and read every key back.
    #[arg(long, value_name = "PATH")]
    pub etcd_binary: Option<PathBuf>,
    /// Write Prometheus textfile metrics here (last success time, duration, keys), on success and failure.
    #[arg(long, value_name = "PATH")]
    pub metrics_file: Option<PathBuf>,
    /// Directory for the temporary copy and data dir [default: TMPDIR or /tmp].
    #[arg(long, value_name = "DIR")]
    pub work_dir: Option<PathBuf>,
    /// File name prefix of kforge's remote snapshot names.
    #[arg(long, default_value = "etcd", value_name = "PREFIX")]
    pub name: String,
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub remote: RemoteArgs,
}

pub fn run(g: &GlobalArgs, p: &Printer, c: SnapshotCommand) -> Result<ExitStatus> {
    match c {
        SnapshotCommand::Save(a) => save_cmd(g, p, *a),
        SnapshotCommand::Status(a) => status_cmd(g, p, *a),
        SnapshotCommand::List(a) => list_cmd(g, p, *a),
        SnapshotCommand::Prune(a) => prune_cmd(g, p, *a),
        SnapshotCommand::Restore(a) => restore_cmd(g, p, *a),
        SnapshotCommand::Drill(a) => drill_cmd(g, p, *a),
    }
}

impl Render for save::Saved {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(
            out,
            "Saved {} ({}, revision {}, hash {:x}, {} keys) from {} in {:.2}s",
            self.file.display(),
            human_size(self.size),
            self.revision,
            self.hash,
            self.total_key,
            self.endpoint,
            self.duration_seconds
        )?;
        for d in &self.deleted {
            writeln!(out, "Deleted {} (retention)", d.display())?;
        }
        Ok(())
    }
}

/// What `snapshot save` reports: the local snapshot and each upload.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SaveOut {
    #[serde(flatten)]
    saved: save::Saved,
    local_copy: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    uploads: Vec<offsite::Uploaded>,
}

impl Render for SaveOut {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        self.saved.render_table(out)?;
        SaveOut::render_uploads(&self.uploads, out)
    }
}

impl SaveOut {
    fn render_uploads(uploads: &[offsite::Uploaded], out: &mut dyn Write) -> std::io::Result<()> {
        for u in uploads {
            match (&u.error, u.bytes) {
                (None, Some(b)) => writeln!(
                    out,
                    "Uploaded {}/{} ({}{}) in {:.2}s",
                    u.target,
                    u.name,
                    human_size(b),
                    if u.encrypted { ", age-encrypted" } else { "" },
                    u.duration_seconds
                )?,
                (Some(e), _) => writeln!(out, "FAILED upload to {}: {e}", u.target)?,
                _ => {}
            }
            for d in &u.deleted {
                writeln!(out, "Deleted {}/{d} (retention)", u.target)?;
            }
            if let Some(e) = &u.retention_error {
                writeln!(out, "FAILED retention on {}: {e}", u.target)?;
            }
        }
        Ok(())
    }
}

fn save_cmd(g: &GlobalArgs, p: &Printer, a: SaveArgs) -> Result<ExitStatus> {
    stoppable()?;
    crate::interrupt::set_deadline(
        std::time::Duration::try_from(a.timeout)
            .map_err(|_| usage("--timeout must be positive"))?,
    );
    save_run(g, p, a).map_err(stopped(
        "the snapshot's temporary file was removed and the uploads in flight aborted",
    ))
}

/// From now on SIGINT and SIGTERM stop the command at its next check
/// (each long loop and wait polls [`crate::interrupt::stop`]), so that its
/// error path cleans up: an etcd it started is stopped, a decrypted
/// temporary file removed, an upload aborted.
fn stoppable() -> Result<()> {
    crate::interrupt::install().context("installing the signal handlers")
}

/// A failure after a signal is the signal's (exit 130/143), saying what
/// was cleaned up (`done`).
fn stopped(done: &'static str) -> impl Fn(anyhow::Error) -> anyhow::Error {
    move |e| {
        if e.chain().any(|c| c.is::<crate::interrupt::Interrupted>()) {
            return e; // said what it undid itself (restore --apply)
        }
        match crate::interrupt::received() {
            Some(signal) => anyhow::Error::new(crate::interrupt::Interrupted {
                signal,
                done: done.to_string(),
            }),
            None => e,
        }
    }
}

const FETCH_DONE: &str = "the decrypted temporary copy was removed";

fn save_run(g: &GlobalArgs, p: &Printer, a: SaveArgs) -> Result<ExitStatus> {
    let targets = parse_targets(&a.upload)?;
    let recipients = crypt::Recipients::parse(&a.encrypt_to, &a.recipients_file)
        .map_err(crate::exit::usage_from)?;
    if !recipients.is_empty() && targets.is_empty() {
        return Err(usage(
            "--encrypt-to and --recipients-file encrypt uploads: add --upload URL",
        ));
    }
    let node = a.remote.node()?;
    let policy = a.retention.policy()?;
    if a.sign_key.is_some() && targets.is_empty() && a.dir.is_none() {
        return Err(usage(
            "--sign-key signs snapshot records, which --dir and --upload write: add one",
        ));
    }
    let sign = a
        .sign_key
        .as_ref()
        .map(|k| signing::SignKey::load(k, &mut |w| p.warn(&w)).map_err(crate::exit::usage_from))
        .transpose()?;
    if a.no_local_copy {
        if a.file.is_some() || a.dir.is_some() {
            return Err(usage("--no-local-copy takes no FILE or --dir"));
        }
        return stream_save(
            g,
            p,
            &a,
            &targets,
            &recipients,
            &node,
            policy,
            sign.as_ref(),
        );
    }
    let target = match (&a.file, &a.dir) {
        (Some(f), None) => {
            if policy.is_set() && targets.is_empty() {
                return Err(usage(
                    "--keep and --keep-within apply to --dir mode and --upload targets only",
                ));
            }
            save::Target::File {
                path: f.clone(),
                force: a.force,
            }
        }
        (None, Some(d)) => {
            if a.name.is_empty() || a.name.contains('/') {
                return Err(usage("--name must be a non-empty file name prefix"));
            }
            save::Target::Dir {
                dir: d.clone(),
                prefix: a.name.clone(),
                node: node.clone(),
            }
        }
        _ => return Err(usage("give a FILE or --dir")),
    };
    if let Some(m) = &a.metrics_file {
        crate::backup::metrics::check_dir(m)?;
    }
    // Local retention only in --dir mode.
    let local_policy = if matches!(target, save::Target::Dir { .. }) {
        policy
    } else {
        naming::Retention::default()
    };
    let ep = a.conn.resolve(g.root.as_deref());
    let bar = p.progress_bytes("saving snapshot");
    let rt = crate::runtime::current_thread()?;
    let result = rt.block_on(save::run(
        &ep,
        &target,
        local_policy,
        a.metrics_file.as_deref(),
        bar.as_ref(),
    ));
    drop(rt);
    if let Some(pb) = bar {
        pb.finish_and_clear();
    }
    let saved = result?;
    let rec = offsite::make_record(
        &a.name,
        &node,
        saved.taken,
        saved.revision,
        None,
        crate::backup::record::Ids {
            cluster_id: saved.cluster_id,
            member_id: saved.member_id,
        },
        &saved.db_sha256,
        saved.size,
    );
    if a.dir.is_some() {
        offsite::write_local_record(&saved.file, &rec, sign.as_ref())
            .with_context(|| format!("{} is saved, but not its record", saved.file.display()))?;
    }
    let mut uploads = Vec::new();
    if !targets.is_empty() {
        let options = a.remote.options();
        let plan = offsite::UploadPlan {
            targets: &targets,
            options: &options,
            recipients: &recipients,
            prefix: &a.name,
            node: &node,
            retention: policy,
            metrics_file: a.metrics_file.as_deref(),
            sign: sign.as_ref(),
        };
        let bar = p.progress_bytes("uploading");
        uploads = offsite::upload_saved(&plan, &saved.file, &rec, bar.as_ref());
        if let Some(pb) = bar {
            pb.finish_and_clear();
        }
        for u in &uploads {
            for w in &u.warnings {
                p.warn(w);
            }
        }
    }
    let out = SaveOut {
        saved,
        local_copy: true,
        uploads,
    };
    p.emit(&out)?;
    upload_failures(&out.uploads, Some(&out.saved.file))
}

/// Exit 1 naming each target whose upload or retention failed.
fn upload_failures(
    uploads: &[offsite::Uploaded],
    kept: Option<&std::path::Path>,
) -> Result<ExitStatus> {
    let failures: Vec<String> = uploads
        .iter()
        .filter_map(|u| {
            u.error
                .as_ref()
                .map(|e| format!("upload to {} failed: {e}", u.target))
                .or_else(|| {
                    u.retention_error
                        .as_ref()
                        .map(|e| format!("{}: {e}", u.target))
                })
        })
        .collect();
    if !failures.is_empty() {
        let kept = match kept {
            Some(f) => format!(" (the local snapshot {} is kept)", f.display()),
            None => String::new(),
        };
        anyhow::bail!("{}{kept}", failures.join("; "));
    }
    Ok(ExitStatus::Success)
}

/// What `save --no-local-copy` reports.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct StreamOut {
    #[serde(rename = "sizeBytes")]
    size: u64,
    revision: i64,
    endpoint: String,
    duration_seconds: f64,
    local_copy: bool,
    uploads: Vec<offsite::Uploaded>,
}

impl Render for StreamOut {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(
            out,
            "Streamed a snapshot ({}, revision {}, sha256 trailer verified) from {} in {:.2}s; no local copy",
            human_size(self.size),
            self.revision,
            self.endpoint,
            self.duration_seconds
        )?;
        SaveOut::render_uploads(&self.uploads, out)
    }
}

/// `save --no-local-copy`: etcd's stream goes through age straight to the
/// targets; nothing is written on this node.
#[allow(clippy::too_many_arguments)]
fn stream_save(
    g: &GlobalArgs,
    p: &Printer,
    a: &SaveArgs,
    targets: &[TargetUrl],
    recipients: &crypt::Recipients,
    node: &str,
    policy: naming::Retention,
    sign: Option<&signing::SignKey>,
) -> Result<ExitStatus> {
    if let Some(m) = &a.metrics_file {
        crate::backup::metrics::check_dir(m)?;
    }
    let ep = a.conn.resolve(g.root.as_deref());
    let options = a.remote.options();
    let plan = offsite::UploadPlan {
        targets,
        options: &options,
        recipients,
        prefix: &a.name,
        node,
        retention: policy,
        metrics_file: a.metrics_file.as_deref(),
        sign,
    };
    let attempt = time::OffsetDateTime::now_utc();
    let started = std::time::Instant::now();
    let bar = p.progress_bytes("streaming snapshot");
    let r = offsite::stream_upload(&ep, &plan, bar.as_ref());
    if let Some(pb) = bar {
        pb.finish_and_clear();
    }
    if let Some(m) = &a.metrics_file {
        // Like any other run: a snapshot that reached no target (or not
        // every one) is a failed attempt, a stream that broke too.
        let ok = r.as_ref().ok().filter(|(_, u)| u.iter().all(|u| u.ok));
        let run = crate::backup::metrics::RunMetrics {
            attempt_unix: attempt.unix_timestamp_nanos() as f64 / 1e9,
            success: ok.is_some(),
            size_bytes: ok.map(|(s, _)| s.size),
            duration_seconds: started.elapsed().as_secs_f64(),
            revision: ok.map(|(s, _)| s.revision),
        };
        // A warning, as for a saved snapshot: the uploads happened.
        if let Err(e) = crate::backup::metrics::write(m, &run) {
            p.warn(format!("writing metrics file {}: {e:#}", m.display()));
        }
    }
    let (streamed, uploads) = r?;
    for u in &uploads {
        for w in &u.warnings {
            p.warn(w);
        }
    }
    let out = StreamOut {
        size: streamed.size,
        revision: streamed.revision,
        endpoint: streamed.endpoint,
        duration_seconds: started.elapsed().as_secs_f64(),
        local_copy: false,
        uploads,
    };
    p.emit(&out)?;
    upload_failures(&out.uploads, None)
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct StatusOut {
    #[serde(flatten)]
    status: snapshot_file::SnapshotStatus,
    has_trailer: bool,
    trailer_valid: Option<bool>,
    /// Which snapshot was read (a URL's choice) and what vouched for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    snapshot: Option<offsite::Chosen>,
}

/// Whether a local, unencrypted FILE must go through [`offsite::fetch`]
/// for its checks: a kforge name (its revision), a record beside it, or a
/// trust demand.
fn needs_vouching(file: &str, prefix: &str, trust: &catalog::Trust) -> bool {
    let p = std::path::Path::new(file);
    trust.cluster.is_some()
        || trust.verify.is_some()
        || std::path::Path::new(&crate::backup::record::record_name(file)).exists()
        || p.file_name()
            .is_some_and(|n| naming::parse_remote(prefix, &n.to_string_lossy()).is_some())
}

/// One line on the snapshot a status, restore or drill used.
fn render_chosen(c: &offsite::Chosen, out: &mut dyn Write) -> std::io::Result<()> {
    let when = match (&c.taken, c.age_seconds) {
        (Some(t), Some(a)) => format!("taken {t}, {} ago; ", human_age(a)),
        _ => String::new(),
    };
    let record = if c.record {
        match &c.cluster_id {
            Some(id) => format!("record checked, cluster {id}"),
            None => "record checked".into(),
        }
    } else {
        "no record".into()
    };
    let sig = match c.signature {
        "valid" => ", signature valid",
        "present" => ", signed (not checked: no --verify-key)",
        _ => ", unsigned",
    };
    writeln!(out, "Snapshot {} ({when}{record}{sig})", c.object)
}

/// `1d2h`, `3h4m`, `5m6s`, `7s`.
fn human_age(secs: f64) -> String {
    let s = secs.max(0.0) as u64;
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m{}s", s / 60, s % 60),
        3600..86400 => format!("{}h{}m", s / 3600, s % 3600 / 60),
        _ => format!("{}d{}h", s / 86400, s % 86400 / 3600),
    }
}

impl Render for StatusOut {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let trailer = match (self.has_trailer, self.trailer_valid) {
            (false, _) => "absent".to_string(),
            (true, Some(true)) => "valid".to_string(),
            (true, Some(false)) => "MISMATCH".to_string(),
            (true, None) => "present (not checked: --no-verify)".to_string(),
        };
        let mut header = vec!["HASH", "REVISION", "TOTAL KEYS", "TOTAL SIZE"];
        let mut row = vec![
            format!("{:x}", self.status.hash),
            self.status.revision.to_string(),
            self.status.total_key.to_string(),
            human_size(self.status.total_size),
        ];
        if let Some(v) = &self.status.version {
            header.push("VERSION");
            row.push(v.clone());
        }
        header.push("SHA256 TRAILER");
        row.push(trailer);
        write_table(out, &header, &[row])?;
        if let Some(c) = &self.snapshot {
            render_chosen(c, out)?;
        }
        Ok(())
    }
}

fn status_cmd(g: &GlobalArgs, p: &Printer, a: StatusArgs) -> Result<ExitStatus> {
    status_run(g, p, a).map_err(stopped(FETCH_DONE))
}

fn status_run(g: &GlobalArgs, p: &Printer, a: StatusArgs) -> Result<ExitStatus> {
    check_source(&a.file)?;
    let identity = load_identity(p, &a.identity)?;
    let trust = a.select.trust(node_root(g, &a.file))?;
    let remote_src = TargetUrl::looks_remote(&a.file);
    let local_age =
        !remote_src && crypt::is_age_file(std::path::Path::new(&a.file)).unwrap_or(false);
    let mut fetched = None;
    let path: PathBuf = if remote_src || local_age || needs_vouching(&a.file, &a.name, &trust) {
        stoppable()?;
        // Straight into the temporary directory, where the next run finds
        // (and removes) what a killed one left.
        let work = std::env::temp_dir();
        let node = a.remote.node()?;
        let bar = p.progress_bytes("fetching");
        let r = offsite::fetch(
            &a.file,
            &a.remote.options(),
            identity.as_ref(),
            &offsite::Select {
                prefix: &a.name,
                node: &node,
                trust: &trust,
            },
            &work,
            bar.as_ref(),
        );
        if let Some(pb) = bar {
            pb.finish_and_clear();
        }
        let f = r?;
        warn_all(p, &f.warnings);
        let path = f.path.clone();
        fetched = Some(f);
        path
    } else {
        PathBuf::from(&a.file)
    };
    let shown = std::path::Path::new(&a.file);
    let status = if a.no_verify {
        snapshot_file::status_unverified(&path)?
    } else {
        let (st, trailer) = snapshot_file::status_and_trailer(&path)?;
        if trailer == snapshot_file::TrailerState::Absent {
            return Err(anyhow::anyhow!(
                "snapshot {} has no sha256 trailer, so it cannot be verified (a copy of member/snap/db?); pass --no-verify to read it anyway",
                shown.display()
            ));
        }
        // A mismatch names the stored and the computed hash.
        trailer.ensure_valid(shown)?;
        st
    };
    let has_trailer = status.has_trailer;
    let trailer_valid = status.trailer_valid;
    p.emit(&StatusOut {
        status,
        has_trailer,
        trailer_valid,
        snapshot: fetched.as_ref().map(|f| f.chosen.clone()),
    })?;
    Ok(ExitStatus::Success)
}

/// One row of `snapshot list`: local directories and off-node targets side by side.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Row {
    location: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    node: Option<String>,
    taken: String,
    revision: i64,
    size_bytes: u64,
    encrypted: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    cluster_id: Option<String>,
    /// What was checked: `content` (a local file's trailer and structure),
    /// `record`, `downloaded` (record and content), `none` (name only),
    /// `contradicted` (a record that disagrees with the object).
    checked: String,
    /// `valid`, `invalid`, `present` (not checked), `none`.
    signature: String,
    verified: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    problem: Option<String>,
}

#[derive(Debug, Serialize)]
struct RowsOut {
    snapshots: Vec<Row>,
}

impl Render for RowsOut {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let rows: Vec<Vec<String>> = self
            .snapshots
            .iter()
            .map(|r| {
                let what = match (r.verified, r.checked.as_str()) {
                    (true, "downloaded") => "yes (record, content)".to_string(),
                    (true, "record") => "record (content not downloaded)".to_string(),
                    (true, c) => format!("yes ({c})"),
                    (false, "none") => "NO: unverified (name only)".to_string(),
                    (false, _) => "NO".to_string(),
                };
                vec![
                    r.location.clone(),
                    r.name.clone(),
                    r.taken.clone(),
                    r.revision.to_string(),
                    human_size(r.size_bytes),
                    if r.encrypted { "age" } else { "no" }.into(),
                    r.cluster_id.clone().unwrap_or_else(|| "-".into()),
                    r.signature.clone(),
                    match &r.problem {
                        Some(p) if !r.verified && r.checked != "none" => format!("{what}: {p}"),
                        _ => what,
                    },
                ]
            })
            .collect();
        write_table(
            out,
            &[
                "LOCATION",
                "NAME",
                "TAKEN (UTC)",
                "REVISION",
                "SIZE",
                "ENCRYPTED",
                "CLUSTER",
                "SIGNATURE",
                "VERIFIED",
            ],
            &rows,
        )
    }
}

fn list_cmd(g: &GlobalArgs, p: &Printer, a: ListArgs) -> Result<ExitStatus> {
    // A plain path is a snapshot directory, listed exactly as `--dir`
    // lists it (both name styles, each file's content checked); URLs are
    // off-node targets.
    let mut dirs: Vec<PathBuf> = a.dir.iter().cloned().collect();
    let mut targets = Vec::new();
    for t in parse_targets(&a.urls)? {
        match t {
            TargetUrl::Local(d) => {
                if !dirs.contains(&d) {
                    dirs.push(d)
                }
            }
            t => targets.push(t),
        }
    }
    if dirs.is_empty() && targets.is_empty() {
        return Err(usage(
            "snapshot list: name what to list: a snapshot directory (--dir DIR, or DIR: where `snapshot save --dir` writes) or an off-node target (s3://BUCKET/PREFIX, sftp://HOST/PATH)",
        ));
    }
    let trust = a.select.trust(g.root.as_deref())?;
    let mut rows = Vec::new();
    for dir in &dirs {
        local_rows(dir, &a, &trust, &mut rows)?;
    }
    if targets.is_empty() {
        p.emit(&RowsOut { snapshots: rows })?;
        return Ok(ExitStatus::Success);
    }
    let identity = load_identity(p, &a.identity)?;
    let work = a.work_dir.clone().unwrap_or_else(drill::default_work_dir);
    let options = a.remote.options();
    let node = a.remote.node_name.clone();
    if let Some(n) = &node {
        if !naming::valid_node_name(n) {
            return Err(usage(format!(
                "--node-name {n:?}: use letters, digits, '.', '_' and '-'"
            )));
        }
    }
    for t in &targets {
        let store = remote::open(t, &options)?;
        for w in store.warnings() {
            p.warn(w);
        }
        let download = a.verify.then_some((work.as_path(), identity.as_ref()));
        for e in offsite::list_store(store.as_ref(), &a.name, node.as_deref(), &trust, download)? {
            rows.push(Row {
                location: e.location,
                name: e.name,
                node: Some(e.node),
                taken: e.taken,
                revision: e.revision,
                size_bytes: e.size_bytes,
                encrypted: e.encrypted,
                cluster_id: e.cluster_id,
                checked: e.checked,
                signature: e.signature.into(),
                verified: e.verified,
                problem: e.problem,
            });
        }
    }
    p.emit(&RowsOut { snapshots: rows })?;
    Ok(ExitStatus::Success)
}

/// The rows of one local snapshot directory (`list --dir DIR` and
/// `list DIR` alike): every kforge-named file, old-style names too, its
/// content checked unless `--no-verify`, its record when it has one.
fn local_rows(
    dir: &std::path::Path,
    a: &ListArgs,
    trust: &catalog::Trust,
    rows: &mut Vec<Row>,
) -> Result<()> {
    let sel = offsite::Select {
        prefix: &a.name,
        node: "",
        trust,
    };
    for e in retention::list(dir, &a.name, !a.no_verify)? {
        // Its record, when it has one (the --dir copy of a save).
        let rec = offsite::local_entry(&dir.join(&e.name), &sel).filter(|r| r.recorded);
        let untrusted = rec.as_ref().and_then(|r| r.untrusted(trust));
        rows.push(Row {
            location: dir.display().to_string(),
            name: e.name,
            node: rec
                .as_ref()
                .map(|r| r.name.node.clone())
                .filter(|n| !n.is_empty()),
            taken: e.taken,
            revision: e.revision,
            size_bytes: e.size_bytes,
            encrypted: false,
            cluster_id: rec
                .as_ref()
                .and_then(|r| r.record.as_ref())
                .map(|r| r.cluster_id.clone()),
            checked: if e.verified.is_some() {
                "content"
            } else {
                "none"
            }
            .into(),
            signature: match rec.as_ref().map(|r| &r.signature) {
                Some(catalog::Signature::Valid) => "valid",
                Some(catalog::Signature::Invalid(_)) => "invalid",
                Some(catalog::Signature::Present) => "present",
                _ => "none",
            }
            .into(),
            verified: e.verified == Some(true) && untrusted.is_none(),
            problem: e.problem.or(untrusted),
        });
    }
    Ok(())
}

impl Render for retention::Pruned {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let verb = if self.dry_run {
            "Would delete"
        } else {
            "Deleted"
        };
        for d in &self.deleted {
            writeln!(out, "{verb} {d}")?;
        }
        if self.deleted.is_empty() {
            writeln!(out, "Nothing to delete.")?;
        }
        if let Some(k) = &self.kept_newest_verified {
            writeln!(out, "Newest verified snapshot (always kept): {k}")?;
        }
        Ok(())
    }
}

impl Render for offsite::RemotePruned {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let verb = if self.dry_run {
            "Would delete"
        } else {
            "Deleted"
        };
        for d in &self.deleted {
            writeln!(out, "{verb} {}/{d}", self.target)?;
        }
        if self.deleted.is_empty() && self.error.is_none() {
            writeln!(
                out,
                "{}: nothing to delete for node {}.",
                self.target, self.node
            )?;
        }
        if let Some(k) = &self.kept_newest {
            writeln!(out, "{}: newest snapshot (always kept): {k}", self.target)?;
        }
        if let Some(e) = &self.error {
            writeln!(out, "FAILED on {}: {e}", self.target)?;
        }
        Ok(())
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PruneOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    local: Option<retention::Pruned>,
    remote: Vec<offsite::RemotePruned>,
}

impl Render for PruneOut {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        if let Some(l) = &self.local {
            l.render_table(out)?;
        }
        for r in &self.remote {
            r.render_table(out)?;
        }
        Ok(())
    }
}

fn prune_cmd(g: &GlobalArgs, p: &Printer, a: PruneArgs) -> Result<ExitStatus> {
    let policy = a.retention.policy()?;
    if !policy.is_set() {
        return Err(usage("give --keep N and/or --keep-within DURATION"));
    }
    let targets = parse_targets(&a.urls)?;
    if let Some(m) = &a.metrics_file {
        crate::backup::metrics::check_dir(m)?;
    }
    let node = a.remote.node()?;
    if targets.is_empty() {
        let dir = a.dir.as_ref().expect("clap requires --dir or a URL");
        p.emit(&retention::prune(dir, &a.name, policy, a.dry_run)?)?;
        return Ok(ExitStatus::Success);
    }
    let trust = a.select.trust(g.root.as_deref())?;
    let local = match &a.dir {
        Some(d) => Some(retention::prune(d, &a.name, policy, a.dry_run)?),
        None => None,
    };
    let options = a.remote.options();
    let mut remote_out = Vec::new();
    for t in &targets {
        let store = remote::open(t, &options)?;
        for w in store.warnings() {
            p.warn(w);
        }
        let r = offsite::prune_store(
            store.as_ref(),
            &offsite::Select {
                prefix: &a.name,
                node: &node,
                trust: &trust,
            },
            policy,
            None,
            a.dry_run,
        )?;
        warn_all(p, &r.warnings);
        remote_out.push(r);
    }
    let out = PruneOut {
        local,
        remote: remote_out,
    };
    if let (Some(m), false) = (&a.metrics_file, a.dry_run) {
        use crate::backup::metrics::{update, with_target, Change};
        let mut c = Vec::new();
        for r in &out.remote {
            c.push(Change::Add(
                with_target("kforge_snapshot_retention_deleted_total", &r.target),
                r.deleted.len() as u64,
            ));
            c.push(Change::Add(
                with_target("kforge_snapshot_retention_failures_total", &r.target),
                r.failed as u64,
            ));
        }
        update(m, &c).with_context(|| format!("writing metrics file {}", m.display()))?;
    }
    p.emit(&out)?;
    let failed: Vec<String> = out
        .remote
        .iter()
        .filter_map(|r| r.error.as_ref().map(|e| format!("{}: {e}", r.target)))
        .collect();
    if !failed.is_empty() {
        anyhow::bail!("{}", failed.join("; "));
    }
    Ok(ExitStatus::Success)
}

pub(crate) use crate::output::human_size;

#[derive(Debug, Args)]
#[command(after_help = "\
Without --data-dir and the cluster flags, restore reads the member's name, peer URL, data directory and \
cluster token from etcd's static pod manifest (under --root), restores into a new directory next to the \
old one (which is kept) with --bump-revision 1000000000 --mark-compacted, and prints the next steps.")]
pub struct RestoreArgs {
    /// Snapshot file (from `snapshot save`, etcdctl or etcdutl; a raw member/snap/db needs --skip-hash-check), an age-encrypted file, or an object or target URL.
    #[arg(value_name = "FILE|URL")]
    pub file: String,
    /// age identity file to decrypt an encrypted snapshot.
    #[arg(long, value_name = "FILE")]
    pub identity: Option<PathBuf>,
    /// Data directory to create (it must not exist, or be empty).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// WAL directory, outside the data directory [default: DATA_DIR/member/wal].
    #[arg(long, value_name = "DIR")]
    pub wal_dir: Option<PathBuf>,
    /// Human-readable name of this member [default: default].
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The members of the new cluster [default: NAME=<initial-advertise-peer-urls>].
    #[arg(long, value_name = "NAME=URL,...")]
    pub initial_cluster: Option<String>,
    /// Cluster token: the same on every member [default: etcd-cluster].
    #[arg(long, value_name = "TOKEN")]
    pub initial_cluster_token: Option<String>,
    /// This member's peer URLs, comma-separated [default: http://localhost:2380].
    #[arg(long, value_name = "URLS")]
    pub initial_advertise_peer_urls: Option<String>,
    /// Do not check the sha256 trailer (needed for a copy of member/snap/db, which has none).
    #[arg(long)]
    pub skip_hash_check: bool,
    /// Add N to the latest revision, so clients never see the revision go back (needs --mark-compacted).
    #[arg(long, value_name = "N")]
    pub bump_revision: Option<u64>,
    /// Mark the bumped revision compacted, so watchers relist (needs --bump-revision).
    #[arg(long)]
    pub mark_compacted: bool,
    /// Kubernetes-aware mode: also stop etcd (manifest moved out), point its manifest at the restored data, start it.
    #[arg(long)]
    pub apply: bool,
    /// With --apply: how long to wait for the kubelet to stop etcd.
    #[arg(long, value_name = "DURATION", default_value = "2m", value_parser = crate::values::DurationRange::new(time::Duration::SECOND, time::Duration::HOUR))]
    pub stop_timeout: time::Duration,
    /// File name prefix of kforge's snapshot names (what `save --name` set; --name is the member's name here).
    #[arg(long, default_value = "etcd", value_name = "PREFIX")]
    pub prefix: String,
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub remote: RemoteArgs,
}

/// The report of a restore: the etcd part, and what the Kubernetes-aware
/// mode adds.
#[derive(Debug, Serialize)]
struct RestoreOut {
    #[serde(flatten)]
    restored: restore::Restored,
    #[serde(skip_serializing_if = "Option::is_none")]
    kubernetes: Option<restore_apply::KubernetesOut>,
}

impl Render for RestoreOut {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        render_restored(&self.restored, self.kubernetes.as_ref(), out)?;
        if let Some(k) = &self.kubernetes {
            render_kubernetes(&self.restored, k, out)?;
        }
        Ok(())
    }
}

fn render_restored(
    r: &restore::Restored,
    k: Option<&restore_apply::KubernetesOut>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let sha = match r.sha256 {
        restore::HashCheck::Verified => "sha256 verified",
        restore::HashCheck::Skipped => "sha256 not checked (--skip-hash-check)",
        restore::HashCheck::NoTrailer => "no sha256 trailer (--skip-hash-check)",
    };
    writeln!(
        out,
        "Restored {} into {} in {:.2}s ({}, revision {}, {})",
        r.snapshot.display(),
        r.data_dir.display(),
        r.duration_seconds,
        human_size(r.size),
        r.revision,
        sha
    )?;
    if let Some(to) = r.bumped_revision {
        let default = k.is_some_and(|k| k.default_bump);
        writeln!(
            out,
            "Revision bumped by {} to {to} and marked compacted{}",
            to - r.revision,
            if default {
                " (the Kubernetes-aware default: watchers relist instead of seeing the revision go back; --bump-revision 0 skips it)"
            } else {
                ""
            }
        )?;
    }
    if r.wal_dir != r.data_dir.join("member").join("wal") {
        writeln!(
            out,
            "WAL in {} (start etcd with --wal-dir)",
            r.wal_dir.display()
        )?;
    }
    writeln!(
        out,
        "Member {} ({}) of cluster {}, token {}:",
        r.name, r.member_id, r.cluster_id, r.initial_cluster_token
    )?;
    let rows: Vec<Vec<String>> = r
        .members
        .iter()
        .map(|m| vec![m.name.clone(), m.id.clone(), m.peer_urls.join(",")])
        .collect();
    write_table(out, &["NAME", "ID", "PEER URLS"], &rows)?;
    for s in &r.removed_stale {
        writeln!(
            out,
            "Removed {} (left by an interrupted restore)",
            s.display()
        )?;
    }
    Ok(())
}

fn render_kubernetes(
    r: &restore::Restored,
    k: &restore_apply::KubernetesOut,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if let Some(b) = &k.manifest_backup {
        writeln!(
            out,
            "Applied: {} now uses {}; the original manifest is in {}",
            k.manifest.display(),
            r.data_dir.display(),
            b.display()
        )?;
    }
    if let Some(j) = &k.settled_journal {
        let what = match j.resolution {
            restore_apply::journal::Resolution::Undone => "undone (original manifest put back)",
            restore_apply::journal::Resolution::AlreadyUndone => "closed (manifest was in place)",
            restore_apply::journal::Resolution::Finished => "finished (new manifest was in place)",
        };
        writeln!(out, "Earlier interrupted --apply {what}: {}", j.found)?;
    }
    for c in &k.restore_copies {
        use restore_apply::copies::Action;
        let what = match c.action {
            Action::Live => "in use by etcd",
            Action::Previous => "kept (the data dir etcd used before)",
            Action::New => "new",
            Action::Deleted => "deleted (an older kforge restore copy)",
            Action::Kept => "kept (the next successful --apply deletes it)",
            Action::NotKforges => "left alone (not created by kforge)",
        };
        writeln!(out, "Restore copy {}: {what}", c.path.display())?;
    }
    writeln!(out, "Next steps:")?;
    for (i, s) in k.next_steps.iter().enumerate() {
        writeln!(out, "  {}. {s}", i + 1)?;
    }
    Ok(())
}

fn restore_cmd(g: &GlobalArgs, p: &Printer, a: RestoreArgs) -> Result<ExitStatus> {
    restore_run(g, p, a).map_err(stopped(FETCH_DONE))
}

fn restore_run(g: &GlobalArgs, p: &Printer, a: RestoreArgs) -> Result<ExitStatus> {
    let kubernetes = a.data_dir.is_none();
    check_restore_mode(&a)?;
    check_source(&a.file)?;
    let (bump, default_bump) = match (a.bump_revision, a.mark_compacted) {
        (None, false) if kubernetes => (Some(restore_apply::KUBERNETES_BUMP), true),
        (None | Some(0), false) => (None, false),
        (Some(n), true) if n > 0 => (Some(n), false),
        _ => {
            return Err(usage(
                "--bump-revision N (N > 0) and --mark-compacted go together",
            ))
        }
    };
    let stop_timeout = std::time::Duration::try_from(a.stop_timeout)
        .map_err(|_| usage("--stop-timeout must not be negative"))?;
    let identity = load_identity(p, &a.identity)?;
    let trust = a.select.trust(node_root(g, &a.file))?;
    // A URL or an encrypted file is fetched and decrypted first: beside the
    // new data dir (same filesystem), else in the temporary directory.
    let fetched = if TargetUrl::looks_remote(&a.file)
        || crypt::is_age_file(std::path::Path::new(&a.file)).unwrap_or(false)
        || needs_vouching(&a.file, &a.prefix, &trust)
    {
        let work = match &a.data_dir {
            Some(d) => match d.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            },
            None => std::env::temp_dir(),
        };
        stoppable()?;
        let node = a.remote.node()?;
        let bar = p.progress_bytes("fetching");
        let r = offsite::fetch(
            &a.file,
            &a.remote.options(),
            identity.as_ref(),
            &offsite::Select {
                prefix: &a.prefix,
                node: &node,
                trust: &trust,
            },
            &work,
            bar.as_ref(),
        );
        if let Some(pb) = bar {
            pb.finish_and_clear();
        }
        let f = r?;
        warn_all(p, &f.warnings);
        Some(f)
    } else {
        None
    };
    if let Some(s) = crate::interrupt::received() {
        return Err(anyhow::Error::new(crate::interrupt::Stop::Signal(s)));
    }
    let snapshot = fetched
        .as_ref()
        .map(|f| f.path.clone())
        .unwrap_or_else(|| PathBuf::from(&a.file));
    let bar = p.progress_bytes("restoring");
    let result = match &a.data_dir {
        None => {
            let node = crate::node::LocalNode::new(g.root.clone());
            let req = restore_apply::Request {
                snapshot: snapshot.clone(),
                skip_hash_check: a.skip_hash_check,
                bump_revision: bump,
                default_bump,
                apply: a.apply,
                stop_timeout,
            };
            restore_apply::run(&node, &req, p, bar.as_ref()).map(|(r, k)| RestoreOut {
                restored: r,
                kubernetes: Some(k),
            })
        }
        Some(d) => plain_restore(&a, &snapshot, d, bump, bar.as_ref()).map(|r| RestoreOut {
            restored: r,
            kubernetes: None,
        }),
    };
    if let Some(pb) = bar {
        pb.finish_and_clear();
    }
    let mut result = result?;
    if let Some(f) = &fetched {
        result.restored.snapshot = PathBuf::from(&f.source);
    }
    drop(fetched);
    p.emit(&result)?;
    Ok(ExitStatus::Success)
}

/// Cluster flags need `--data-dir`; `--apply` needs its absence.
fn check_restore_mode(a: &RestoreArgs) -> Result<()> {
    if a.data_dir.is_some() {
        if a.apply {
            return Err(usage(
                "--apply is for the Kubernetes-aware mode (without --data-dir)",
            ));
        }
        return Ok(());
    }
    let given: Vec<&str> = [
        ("--name", a.name.is_some()),
        ("--initial-cluster", a.initial_cluster.is_some()),
        ("--initial-cluster-token", a.initial_cluster_token.is_some()),
        (
            "--initial-advertise-peer-urls",
            a.initial_advertise_peer_urls.is_some(),
        ),
        ("--wal-dir", a.wal_dir.is_some()),
    ]
    .into_iter()
    .filter_map(|(flag, set)| set.then_some(flag))
    .collect();
    if !given.is_empty() {
        return Err(usage(format!(
            "{} need --data-dir (without it, restore reads the member from etcd's static pod manifest)",
            given.join(", ")
        )));
    }
    Ok(())
}

/// etcdutl's restore: everything from the flags.
fn plain_restore(
    a: &RestoreArgs,
    snapshot: &std::path::Path,
    data_dir: &std::path::Path,
    bump: Option<u64>,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<restore::Restored> {
    let flags = restore::ClusterFlags {
        name: a
            .name
            .clone()
            .unwrap_or_else(|| restore::DEFAULT_NAME.into()),
        initial_cluster: a.initial_cluster.clone(),
        token: a
            .initial_cluster_token
            .clone()
            .unwrap_or_else(|| restore::DEFAULT_TOKEN.into()),
        advertise_peer_urls: a
            .initial_advertise_peer_urls
            .clone()
            .unwrap_or_else(|| restore::DEFAULT_PEER_URLS.into()),
    };
    let cluster = restore::resolve_cluster(&flags).map_err(usage)?;
    let opts = restore::Options {
        snapshot: snapshot.to_path_buf(),
        data_dir: data_dir.to_path_buf(),
        wal_dir: a.wal_dir.clone(),
        cluster,
        skip_hash_check: a.skip_hash_check,
        bump_revision: bump,
    };
    restore::restore(
        &opts,
        progress
            .map(crate::output::BarProgress)
            .as_ref()
            .map(|b| b as &dyn etcd_format::Progress),
    )
}

impl Render for drill::Report {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(
            out,
            "Drill passed: {} ({}{}, sha256 valid, revision {}, {} keys) restored in a temporary data dir: revision {} and all {} keys match{}; cleaned up ({:.2}s)",
            self.source,
            human_size(self.fetched_bytes),
            if self.encrypted { ", age-encrypted" } else { "" },
            self.revision,
            self.keys,
            self.restored_revision,
            self.restored_keys,
            match (&self.etcd, self.etcd_keys_read) {
                (Some(e), Some(n)) => format!("; {e} booted it and served all {n} keys"),
                _ => String::new(),
            },
            self.duration_seconds
        )?;
        render_chosen(&self.snapshot, out)
    }
}

fn drill_cmd(g: &GlobalArgs, p: &Printer, a: DrillArgs) -> Result<ExitStatus> {
    stoppable()?;
    drill_run(g, p, a).map_err(stopped(
        "the drill's etcd was stopped and its temporary files removed",
    ))
}

fn drill_run(g: &GlobalArgs, p: &Printer, a: DrillArgs) -> Result<ExitStatus> {
    check_source(&a.source)?;
    let identity = load_identity(p, &a.identity)?;
    let trust = a.select.trust(node_root(g, &a.source))?;
    if let Some(m) = &a.metrics_file {
        crate::backup::metrics::check_dir(m)?;
    }
    if let Some(b) = &a.etcd_binary {
        if !b.is_file() {
            return Err(usage(format!(
                "--etcd-binary {}: no such file",
                b.display()
            )));
        }
    }
    let work = a.work_dir.clone().unwrap_or_else(drill::default_work_dir);
    if !work.is_dir() {
        return Err(usage(format!(
            "--work-dir {}: no such directory",
            work.display()
        )));
    }
    let node = a.remote.node()?;
    let options = a.remote.options();
    let req = drill::Request {
        source: &a.source,
        options: &options,
        identity: identity.as_ref(),
        prefix: &a.name,
        node: &node,
        trust: &trust,
        etcd_binary: a.etcd_binary.as_deref(),
        work_dir: &work,
    };
    let attempt = time::OffsetDateTime::now_utc();
    let started = std::time::Instant::now();
    let bar = p.progress_bytes("drill");
    let result = drill::drill(&req, bar.as_ref());
    if let Some(pb) = bar {
        pb.finish_and_clear();
    }
    if let Some(m) = &a.metrics_file {
        drill::write_metrics(m, attempt, &result, started.elapsed().as_secs_f64())
            .with_context(|| format!("writing metrics file {}", m.display()))?;
    }
    let report = result.context("drill failed")?;
    warn_all(p, &report.warnings);
    p.emit(&report)?;
    Ok(ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    use super::human_size;

    #[test]
    fn sizes_use_binary_units_with_one_decimal() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(1023), "1023 B");
        assert_eq!(human_size(1024), "1.0 KiB");
        assert_eq!(human_size(54_477), "53.2 KiB");
        assert_eq!(human_size(312_800_000), "298.3 MiB");
        assert_eq!(human_size(3 << 30), "3.0 GiB");
    }
}
