//! The checked-in man pages and completion scripts are generated from the
//! clap definition; this fails when they are stale.
//! Regenerate with: cargo run -- generate-docs --out .

mod support;

use support::*;

#[test]
fn man_pages_and_completions_are_up_to_date() {
    let dir = tempdir();
    kforge()
        .args(["generate-docs", "--out"])
        .arg(dir.path())
        .ok();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for sub in ["man", "completions"] {
        let fresh = files_under(&dir.path().join(sub));
        let checked_in = files_under(&repo.join(sub));
        assert_eq!(
            fresh, checked_in,
            "{sub}/ has different files; run `cargo run -- generate-docs --out .`"
        );
        for f in fresh {
            let a = std::fs::read(dir.path().join(sub).join(&f)).unwrap();
            let b = std::fs::read(repo.join(sub).join(&f)).unwrap();
            assert!(
                a == b,
                "{sub}/{} is stale; run `cargo run -- generate-docs --out .`",
                f.display()
            );
        }
    }
}

#[test]
fn every_subcommand_has_help() {
    fn walk(cmd: &clap::Command, path: &str) {
        for sub in cmd.get_subcommands() {
            let p = format!("{path} {}", sub.get_name());
            assert!(sub.get_about().is_some(), "`{p}` has no help text");
            walk(sub, &p);
        }
    }
    walk(&kforge::cli::command(), "kforge");
}
