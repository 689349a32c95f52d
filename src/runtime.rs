//! The one way kforge builds the tokio runtime a blocking command drives its
//! async calls on (etcd's gRPC client, the rollout engine, S3 transfers).

use anyhow::Result;
use tokio::runtime::{Builder, Runtime};

/// One thread: a command waits on one thing at a time, or interleaves its
/// hosts' steps as tasks on that thread (the rollout engine).
pub fn current_thread() -> Result<Runtime> {
    Ok(Builder::new_current_thread().enable_all().build()?)
}

/// Worker threads, for transfers that hash, encrypt and send at once.
pub fn multi_thread(workers: usize) -> Result<Runtime> {
    Ok(Builder::new_multi_thread()
        .worker_threads(workers.max(1))
        .enable_all()
        .build()?)
}

/// The one TLS crypto provider (aws-lc-rs, which rcgen and object_store use
/// as well): every rustls client and server kforge builds takes this one, so
/// the binary carries a single provider and no OpenSSL.
pub fn crypto_provider() -> std::sync::Arc<rustls::crypto::CryptoProvider> {
    std::sync::Arc::new(rustls::crypto::aws_lc_rs::default_provider())
}

/// Makes [`crypto_provider`] the process default, for libraries that take
/// rustls's default (tonic, reqwest); idempotent.
pub fn install_crypto_provider() {
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
}

/// Runs `f` until it completes or [`crate::interrupt::stop`] says to stop
/// (a signal or the run's deadline, polled every 50 ms). A stopped `f` is
/// dropped at its await point: its guards (temporary files, locks, child
/// processes) clean up as on any error path.
pub async fn until_stopped<F: std::future::Future>(
    f: F,
) -> Result<F::Output, crate::interrupt::Stop> {
    let watch = async {
        loop {
            if let Some(s) = crate::interrupt::stop() {
                return s;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    };
    tokio::select! {
        out = f => Ok(out),
        s = watch => Err(s),
    }
}
