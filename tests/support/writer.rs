//! A client that writes a key every 10 ms to an etcd cluster over mTLS
//! (the apiserver-etcd-client certificate), retrying each write as a
//! client normally would, and measures the longest stall between two
//! acknowledged writes. Used by the rolling-upgrade test and benchmark.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct Written {
    /// Keys etcd acknowledged, in order.
    pub acked: Vec<String>,
    /// Keys that still failed after the retries.
    pub failed: Vec<String>,
    /// The longest time between two acknowledgements.
    pub longest_stall: Duration,
}

/// Writes `/writer/NNNNNNNN` every 10 ms until `stop`; each write is retried
/// for up to 10 s, each attempt timing out after `request_timeout`.
pub async fn run(
    pki: PathBuf,
    endpoints: Vec<String>,
    request_timeout: Duration,
    stop: Arc<AtomicBool>,
) -> Written {
    run_counting(
        pki,
        endpoints,
        request_timeout,
        stop,
        Arc::new(AtomicUsize::new(0)),
    )
    .await
}

/// [`run`], counting the acknowledged writes in `acked` as they happen, so
/// that a test can wait until the writer writes (instead of sleeping).
pub async fn run_counting(
    pki: PathBuf,
    endpoints: Vec<String>,
    request_timeout: Duration,
    stop: Arc<AtomicBool>,
    acked: Arc<AtomicUsize>,
) -> Written {
    let read = |f: &str| std::fs::read(pki.join(f)).unwrap();
    let tls = etcd_client::TlsOptions::new()
        .ca_certificate(etcd_client::Certificate::from_pem(read("etcd/ca.crt")))
        .identity(etcd_client::Identity::from_pem(
            read("apiserver-etcd-client.crt"),
            read("apiserver-etcd-client.key"),
        ));
    let opts = etcd_client::ConnectOptions::new()
        .with_tls(tls)
        .with_timeout(request_timeout)
        .with_connect_timeout(request_timeout);
    let mut c = etcd_client::Client::connect(endpoints, Some(opts))
        .await
        .unwrap();
    let mut w = Written {
        acked: Vec::new(),
        failed: Vec::new(),
        longest_stall: Duration::ZERO,
    };
    let mut last = Instant::now();
    let mut i = 0u64;
    while !stop.load(Ordering::Relaxed) {
        let key = format!("/writer/{i:08}");
        let t0 = Instant::now();
        let mut ok = false;
        while t0.elapsed() < Duration::from_secs(10) {
            if c.put(key.clone(), "v", None).await.is_ok() {
                ok = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        if ok {
            w.longest_stall = w.longest_stall.max(last.elapsed());
            last = Instant::now();
            w.acked.push(key);
            acked.fetch_add(1, Ordering::Relaxed);
        } else {
            w.failed.push(key);
        }
        i += 1;
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    w
}
