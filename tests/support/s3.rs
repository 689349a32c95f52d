//! A real S3 server for tests: SeaweedFS `weed mini` (one process: master,
//! volume, filer and S3 gateway) on loopback ports, HTTPS with a
//! certificate from a per-test CA made by openssl, and SigV4 identities
//! from an S3 identity config file:
//! - `admin` (ADMIN_KEY): read, write, list, delete, create buckets;
//! - `reader` (READER_KEY): read and list only (no delete, no write).
//!
//! The data directory outlives a kill, so a test can stop the server
//! mid-upload and start it again on the same data and ports.

use super::{cmd, test_bin, wait_until, Proc};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const ADMIN_KEY: (&str, &str) = ("KFORGEADMIN", "kforge-admin-secret-0123456789");
pub const READER_KEY: (&str, &str) = ("KFORGEREADER", "kforge-reader-secret-0123456789");

pub struct Weed {
    pub dir: PathBuf,
    pub proc: Option<Proc>,
    /// `https://127.0.0.1:PORT`.
    pub endpoint: String,
    /// `http://127.0.0.1:PORT` (same server, plain HTTP).
    pub http_endpoint: String,
    /// The test CA that signed the server certificate.
    pub ca: PathBuf,
    ports: Vec<u16>,
    starts: usize,
}

fn openssl(args: &[&str], dir: &Path) {
    let (o, d) = cmd("openssl").args(args).env("HOME", dir).output();
    assert!(o.status.success(), "openssl failed\n{d}");
}

/// `n` free loopback ports, all bound at once so they differ.
fn free_ports_n(n: usize) -> Vec<u16> {
    let l: Vec<std::net::TcpListener> = (0..n)
        .map(|_| std::net::TcpListener::bind("127.0.0.1:0").unwrap())
        .collect();
    l.iter().map(|l| l.local_addr().unwrap().port()).collect()
}

impl Weed {
    /// Starts `weed mini` in `dir` (data, certificates, identities, log)
    /// and waits until its S3 gateway answers; creates `buckets`.
    pub fn start(dir: &Path, buckets: &[&str]) -> Weed {
        std::fs::create_dir_all(dir.join("data")).unwrap();
        let tls = dir.join("tls");
        std::fs::create_dir_all(&tls).unwrap();
        let p = |n: &str| tls.join(n).to_string_lossy().into_owned();
        openssl(
            &[
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                &p("ca.key"),
                "-out",
                &p("ca.crt"),
                "-subj",
                "/CN=kforge-test-s3-ca",
                "-days",
                "2",
            ],
            &tls,
        );
        openssl(
            &[
                "req",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                &p("server.key"),
                "-out",
                &p("server.csr"),
                "-subj",
                "/CN=127.0.0.1",
            ],
            &tls,
        );
        std::fs::write(
            tls.join("ext"),
            "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n",
        )
        .unwrap();
        openssl(
            &[
                "x509",
                "-req",
                "-in",
                &p("server.csr"),
                "-CA",
                &p("ca.crt"),
                "-CAkey",
                &p("ca.key"),
                "-CAcreateserial",
                "-out",
                &p("server.crt"),
                "-days",
                "2",
                "-extfile",
                &p("ext"),
            ],
            &tls,
        );
        let identities = serde_json::json!({
            "identities": [
                {
                    "name": "admin",
                    "credentials": [{"accessKey": ADMIN_KEY.0, "secretKey": ADMIN_KEY.1}],
                    "actions": ["Admin", "Read", "List", "Tagging", "Write"]
                },
                {
                    "name": "reader",
                    "credentials": [{"accessKey": READER_KEY.0, "secretKey": READER_KEY.1}],
                    "actions": ["Read", "List"]
                }
            ]
        });
        std::fs::write(dir.join("s3.json"), identities.to_string()).unwrap();
        let ports = free_ports_n(11);
        let mut w = Weed {
            dir: dir.to_path_buf(),
            proc: None,
            endpoint: format!("https://127.0.0.1:{}", ports[8]),
            http_endpoint: format!("http://127.0.0.1:{}", ports[6]),
            ca: tls.join("ca.crt"),
            ports,
            starts: 0,
        };
        w.restart();
        for b in buckets {
            w.create_bucket(b);
        }
        w
    }

    /// (Re)starts the server on the same data and ports; waits until the
    /// S3 gateway answers.
    pub fn restart(&mut self) {
        self.stop();
        let p = &self.ports;
        let tls = self.dir.join("tls");
        self.starts += 1;
        let log = self.dir.join(format!("weed-{}.log", self.starts));
        let port = |flag: &str, v: u16| format!("-{flag}={v}");
        let proc = cmd(test_bin("weed"))
            .arg("mini")
            .arg(format!("-dir={}", self.dir.join("data").display()))
            .args(["-ip=127.0.0.1", "-ip.bind=127.0.0.1"])
            .args([
                port("master.port", p[0]),
                port("master.port.grpc", p[1]),
                port("volume.port", p[2]),
                port("volume.port.grpc", p[3]),
                port("filer.port", p[4]),
                port("filer.port.grpc", p[5]),
                port("s3.port", p[6]),
                port("s3.port.grpc", p[7]),
                port("s3.port.https", p[8]),
                port("admin.port", p[9]),
                port("admin.port.grpc", p[10]),
            ])
            .arg(format!(
                "-s3.cert.file={}",
                tls.join("server.crt").display()
            ))
            .arg(format!("-s3.key.file={}", tls.join("server.key").display()))
            .arg(format!("-s3.config={}", self.dir.join("s3.json").display()))
            .args([
                "-admin.ui=false",
                "-webdav=false",
                "-s3.port.iceberg=0",
                "-s3.port.lance=0",
                "-master.telemetry=false",
            ])
            .spawn(&log);
        self.proc = Some(proc);
        let url = format!("{}/", self.http_endpoint);
        let ok = wait_until(Duration::from_secs(60), || {
            self.proc.as_mut().is_some_and(|p| p.is_running())
                && cmd("curl")
                    .args(["-s", "-o", "/dev/null", "-w", "%{http_code}", &url])
                    .output()
                    .0
                    .stdout
                    .starts_with(b"403")
        });
        assert!(
            ok,
            "weed mini did not start:\n{}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }

    /// Kills the server (SIGKILL).
    pub fn stop(&mut self) {
        if let Some(mut p) = self.proc.take() {
            p.kill();
        }
    }

    /// A signed request with curl as `key` (plain HTTP endpoint); returns
    /// (HTTP status, body).
    pub fn curl(&self, key: (&str, &str), method: &str, path: &str) -> (u16, String) {
        let (o, d) = cmd("curl")
            .args([
                "-s",
                "-X",
                method,
                "--aws-sigv4",
                "aws:amz:us-east-1:s3",
                "--user",
            ])
            .arg(format!("{}:{}", key.0, key.1))
            .args(["-w", "\n%{http_code}"])
            .arg(format!("{}{path}", self.http_endpoint))
            .output();
        assert!(o.status.success(), "curl failed\n{d}");
        let text = String::from_utf8_lossy(&o.stdout).into_owned();
        let (body, code) = text.rsplit_once('\n').unwrap_or(("", "0"));
        (code.trim().parse().unwrap_or(0), body.to_string())
    }

    pub fn create_bucket(&self, bucket: &str) {
        let (code, body) = self.curl(ADMIN_KEY, "PUT", &format!("/{bucket}"));
        assert!(
            code == 200 || code == 409,
            "create bucket {bucket}: {code} {body}"
        );
    }

    /// The object keys in `bucket` under `prefix` (all of them, recursive).
    pub fn keys(&self, bucket: &str, prefix: &str) -> Vec<String> {
        let (code, body) = self.curl(
            ADMIN_KEY,
            "GET",
            &format!(
                "/{bucket}?list-type=2&prefix={}",
                prefix.replace('/', "%2F")
            ),
        );
        assert_eq!(code, 200, "{body}");
        body.split("<Key>")
            .skip(1)
            .filter_map(|s| s.split("</Key>").next())
            .map(str::to_string)
            .collect()
    }

    /// Multipart uploads still open in `bucket`.
    pub fn open_multipart_uploads(&self, bucket: &str) -> usize {
        let (code, body) = self.curl(ADMIN_KEY, "GET", &format!("/{bucket}?uploads="));
        assert_eq!(code, 200, "{body}");
        body.matches("<UploadId>").count()
    }

    /// A credentials file (AWS shared format) for `key`.
    pub fn credentials_file(&self, key: (&str, &str), name: &str) -> PathBuf {
        let f = self.dir.join(name);
        std::fs::write(
            &f,
            format!(
                "[default]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
                key.0, key.1
            ),
        )
        .unwrap();
        f
    }
}

impl Drop for Weed {
    fn drop(&mut self) {
        self.stop();
    }
}

/// An age key pair made by Debian's `age-keygen`: (identity file, recipient).
pub fn age_key(dir: &Path, name: &str) -> (PathBuf, String) {
    let f = dir.join(name);
    cmd("age-keygen").arg("-o").arg(&f).ok();
    let r = cmd("age-keygen").arg("-y").arg(&f).ok();
    (f, r.trim().to_string())
}
