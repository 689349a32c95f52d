#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls exactly this script):
# installs the test dependencies, checks formatting and lints, then runs
# every test against real etcd 3.4/3.5, openssl, kubectl (and sshd), then
# builds the release artifacts and tests them in a Debian 11 root.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
# Benches (bench/) are compiled by clippy above and run by hand: `cargo bench`.
# A failing test binary does not stop the release checks: both results count.
status=0
# --workspace: the crates under crates/ too, and it builds the kforge-dev
# binary (the stand-ins) that the root package's tests run.
cargo test --workspace --locked --no-fail-fast || status=$?
# The release artifacts (scripts/release.sh), checked with ldd/objdump, rpm -qp,
# and run and installed in a Debian 11 root.
bash scripts/test-release.sh || status=$?
exit $status
