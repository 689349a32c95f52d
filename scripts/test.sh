#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls exactly this script):
# installs the test dependencies, checks formatting and lints, then runs
# every test against real etcd 3.4/3.5, openssl, kubectl (and sshd).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
# Benches (bench/) are compiled by clippy above and run by hand: `cargo bench`.
cargo test --locked --no-fail-fast
