//! Stamps the build's provenance into the binary for `kforge version`:
//! git commit and whether the tree was dirty, build date (from
//! SOURCE_DATE_EPOCH when set, for reproducible release builds), target
//! triple, and the glibc floor the release script built against.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn main() {
    let commit = git(&["rev-parse", "HEAD"]).unwrap_or_default();
    let dirty = if commit.is_empty() {
        String::new()
    } else {
        // Build outputs (target/, dist/) are ignored by .gitignore.
        let porcelain = git(&["status", "--porcelain", "--untracked-files=no"]).unwrap_or_default();
        (!porcelain.is_empty()).to_string()
    };
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    println!("cargo:rustc-env=KFORGE_GIT_COMMIT={commit}");
    println!("cargo:rustc-env=KFORGE_GIT_DIRTY={dirty}");
    println!("cargo:rustc-env=KFORGE_BUILD_EPOCH={epoch}");
    println!(
        "cargo:rustc-env=KFORGE_TARGET={}",
        std::env::var("TARGET").unwrap_or_default()
    );
    // scripts/release.sh builds with cargo-zigbuild against glibc 2.28 and
    // says so here; any other build links against the build host's glibc.
    println!(
        "cargo:rustc-env=KFORGE_GLIBC_FLOOR={}",
        std::env::var("KFORGE_GLIBC_FLOOR").unwrap_or_default()
    );
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    println!("cargo:rerun-if-env-changed=KFORGE_GLIBC_FLOOR");
    if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
        for f in ["HEAD", "index"] {
            println!("cargo:rerun-if-changed={dir}/{f}");
        }
    }
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=build.rs");
}
