//! SFTP targets against a real OpenSSH sshd on a private loopback port:
//! encrypted upload, listing, retention, a drill from the target, and a
//! changed host key refused (as `join` refuses it).

mod support;

use std::path::Path;
use std::time::Duration;
use support::etcd::{free_ports, Etcd, Version};
use support::s3::age_key;
use support::*;

struct Sshd {
    proc: Proc,
}

fn keygen(path: &Path) -> String {
    cmd("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(path)
        .ok();
    std::fs::read_to_string(path.with_extension("pub")).unwrap()
}

/// Starts sshd on 127.0.0.1:`port` with `host_key`, trusting `authorized`.
fn sshd(dir: &Path, port: u16, host_key: &Path, authorized: &Path, n: usize) -> Sshd {
    std::fs::create_dir_all("/run/sshd").unwrap();
    let conf = dir.join(format!("sshd_config{n}"));
    std::fs::write(
        &conf,
        format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nPidFile {}\nAuthorizedKeysFile {}\n\
             PermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
             UsePAM no\nUseDNS no\nStrictModes no\nSubsystem sftp /usr/lib/openssh/sftp-server\n",
            host_key.display(),
            dir.join(format!("sshd{n}.pid")).display(),
            authorized.display()
        ),
    )
    .unwrap();
    let mut proc = cmd(tool("sshd"))
        .args(["-D", "-e", "-f"])
        .arg(&conf)
        .spawn(&dir.join(format!("sshd{n}.log")));
    let up = wait_until(Duration::from_secs(20), || {
        proc.is_running() && std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    assert!(up, "sshd did not start:\n{}", proc.log_text());
    Sshd { proc }
}

#[test]
fn a_killed_sftp_upload_leaves_a_part_file_the_next_upload_of_that_node_removes() {
    let dir = tempdir();
    let d = dir.path();
    let [port] = free_ports::<1>();
    let host = d.join("host");
    let host_pub = keygen(&host);
    let client = d.join("client");
    let authorized = d.join("authorized_keys");
    std::fs::write(&authorized, keygen(&client)).unwrap();
    let known = d.join("known_hosts");
    let mut parts = host_pub.split_whitespace();
    std::fs::write(
        &known,
        format!(
            "[127.0.0.1]:{port} {} {}\n",
            parts.next().unwrap(),
            parts.next().unwrap()
        ),
    )
    .unwrap();
    let target_dir = d.join("remote");
    std::fs::create_dir(&target_dir).unwrap();
    // What SIGKILLed uploads left: one of this node's (cp1), one of cp2's
    // (maybe in flight: never touched by cp1).
    let mine = target_dir
        .join(".kforge-upload-etcd-cp1-20261201T120000.000Z-rev42.db.0123456789abcdef.part");
    let theirs = target_dir
        .join(".kforge-upload-etcd-cp2-20261201T120000.000Z-rev42.db.fedcba9876543210.part");
    std::fs::write(&mine, "half").unwrap();
    std::fs::write(&theirs, "half").unwrap();
    let _server = sshd(d, port, &host, &authorized, 1);
    let etcd = Etcd::start(Version::V3_5, d, &[]);
    etcd.fill("/registry/x", 20, 100);
    let url = format!("sftp://root@127.0.0.1:{port}{}", target_dir.display());
    let (o, out) = kforge()
        .args(["snapshot", "save", "--no-local-copy", "--upload", &url])
        .args(["--node-name", "cp1", "--endpoints", &etcd.endpoint])
        .arg("--ssh-key")
        .arg(&client)
        .arg("--known-hosts")
        .arg(&known)
        .output();
    assert!(o.status.success(), "{out}");
    assert!(out.contains("left by a killed upload"), "{out}");
    assert!(!mine.exists(), "{out}");
    assert!(theirs.exists(), "{out}");
    let uploaded = std::fs::read_dir(&target_dir)
        .unwrap()
        .filter(|e| {
            let n = e
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .into_owned();
            n.starts_with("etcd-cp1-") && n.ends_with(".db")
        })
        .count();
    assert_eq!(uploaded, 1);
}

#[test]
fn sftp_upload_list_retention_drill_and_a_changed_host_key_refused() {
    let dir = tempdir();
    let d = dir.path();
    let [port] = free_ports::<1>();
    let host_a = d.join("host_a");
    let host_b = d.join("host_b");
    let host_pub = keygen(&host_a);
    keygen(&host_b);
    let client = d.join("client");
    let client_pub = keygen(&client);
    let authorized = d.join("authorized_keys");
    std::fs::write(&authorized, &client_pub).unwrap();
    let known = d.join("known_hosts");
    let mut parts = host_pub.split_whitespace();
    std::fs::write(
        &known,
        format!(
            "[127.0.0.1]:{port} {} {}\n",
            parts.next().unwrap(),
            parts.next().unwrap()
        ),
    )
    .unwrap();
    let target_dir = d.join("remote");
    std::fs::create_dir(&target_dir).unwrap();
    std::fs::write(target_dir.join("etcd-notes.db"), "not a kforge snapshot").unwrap();
    let url = format!("sftp://root@127.0.0.1:{port}{}", target_dir.display());
    let ssh = |c: Cmd| {
        c.arg("--ssh-key")
            .arg(&client)
            .arg("--known-hosts")
            .arg(&known)
    };
    let mut server = sshd(d, port, &host_a, &authorized, 1);
    let (key, recipient) = age_key(d, "age.txt");
    let etcd = Etcd::start(Version::V3_5, d, &[]);
    etcd.fill("/registry/x", 200, 100);
    let snaps = d.join("snaps");
    std::fs::create_dir(&snaps).unwrap();
    for i in 0..3 {
        let out = ssh(kforge()
            .args([
                "snapshot",
                "save",
                "-o",
                "json",
                "--endpoints",
                &etcd.endpoint,
                "--dir",
            ])
            .arg(&snaps)
            .args([
                "--upload",
                &url,
                "--encrypt-to",
                &recipient,
                "--node-name",
                "cp1",
            ])
            .args(["--keep", "2"]))
        .ok();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["uploads"][0]["ok"], true, "{out}");
        etcd.ctl().args(["put", "/tick", &i.to_string()]).ok();
    }
    let mut names: Vec<String> = std::fs::read_dir(&target_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // Two kept by retention with their records, the foreign file untouched,
    // no temporary files.
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(names.contains(&"etcd-notes.db".to_string()));
    assert!(
        names
            .iter()
            .filter(|n| n.starts_with("etcd-cp1-") && n.ends_with(".db.age"))
            .count()
            == 2
    );
    // Uploads are private to the backup user (created 0600).
    for n in names.iter().filter(|n| n.starts_with("etcd-cp1-")) {
        assert_eq!(mode(&target_dir.join(n)) & 0o077, 0, "{n}");
    }
    // Listed; a drill from the target passes.
    let rows: serde_json::Value =
        serde_json::from_str(&ssh(kforge().args(["snapshot", "list", &url, "-o", "json"])).ok())
            .unwrap();
    let rows = &rows["snapshots"];
    assert_eq!(rows.as_array().unwrap().len(), 2, "{rows}");
    assert_eq!(rows[0]["encrypted"], true);
    assert_eq!(rows[0]["checked"], "record");
    ssh(kforge()
        .args([
            "snapshot",
            "drill",
            &url,
            "--node-name",
            "cp1",
            "--identity",
        ])
        .arg(&key))
    .ok();

    // The server comes back with another host key: refused, one line, exit 1,
    // the local snapshot kept.
    server.proc.kill();
    let _server = sshd(d, port, &host_b, &authorized, 2);
    let file = d.join("one.db");
    let (_, err) = ssh(kforge()
        .args(["snapshot", "save", "--endpoints", &etcd.endpoint])
        .arg(&file)
        .args(["--upload", &url, "--node-name", "cp1"]))
    .fails_with(1);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].contains("HOST KEY CHANGED") && lines[0].contains(&url),
        "{err}"
    );
    kforge().args(["snapshot", "status"]).arg(&file).ok();
    // Two snapshots, their two records, and the foreign file.
    assert_eq!(std::fs::read_dir(&target_dir).unwrap().count(), 5);
}
