#!/usr/bin/env bash
# Release test (part of scripts/test.sh, the README's test command): builds the
# artifacts with scripts/release.sh, then checks them where operators run them:
# - checksums, the tarball's contents, the .rpm's file list (rpm -qlp);
# - the binary from the tarball: no libssl/libcrypto/libz (ldd), no GLIBC_
#   symbol newer than 2.28 (objdump -T);
# - in a Debian 11 root (debootstrap --variant=minbase bullseye; glibc 2.31,
#   no OpenSSL 3): kforge version, init --root, certs check-expiration --root,
#   snapshot status on a real etcd 3.5.1 snapshot (equal to etcdutl's), then
#   dpkg -i of the .deb and dpkg -r, which must leave nothing behind.
# The Debian 11 root is cached in $KFORGE_TEST_CACHE between runs of one
# machine (a fresh copy is used for each run); a fresh machine makes it.
set -euo pipefail
cd "$(dirname "$0")/.."
DEPS=${KFORGE_TEST_DEPS:-/opt/kforge-test}
CACHE=${KFORGE_TEST_CACHE:-/var/cache/kforge-test}
MIRROR=${KFORGE_DEBIAN_MIRROR:-http://deb.debian.org/debian}

fail() { echo "test-release: FAILED: $*" >&2; exit 1; }
ok() { echo "test-release: ok: $*"; }

command -v debootstrap >/dev/null || {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null
}
command -v debootstrap >/dev/null || fail "debootstrap was not installed"

work=$(mktemp -d)
root=$work/bullseye
etcd_pid=
cleanup() {
  [ -n "$etcd_pid" ] && kill "$etcd_pid" 2>/dev/null && wait "$etcd_pid" 2>/dev/null
  mountpoint -q "$root/proc" 2>/dev/null && umount "$root/proc"
  rm -rf "$work"
}
trap cleanup EXIT

dist=$work/dist
KFORGE_DIST=$dist bash scripts/release.sh
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
tgz=$dist/kforge-$version-x86_64-linux.tar.gz
deb=$dist/kforge_${version}_amd64.deb
rpm=$dist/kforge-$version-1.x86_64.rpm

# --- checksums and contents ---------------------------------------------------
(cd "$dist" && sha256sum --quiet -c SHA256SUMS) || fail "SHA256SUMS does not match the artifacts"
[ "$(wc -l < "$dist/SHA256SUMS")" = 3 ] || fail "SHA256SUMS should list 3 artifacts"
ok "SHA256SUMS verifies the tarball, .deb and .rpm"

tar -C "$work" -xzf "$tgz"
t=$work/kforge-$version-x86_64-linux
for f in kforge LICENSE README.md man/kforge.1 completions/kforge.bash completions/_kforge \
  completions/kforge.fish systemd/kforge-etcd-snapshot.service systemd/kforge-etcd-snapshot.timer \
  systemd/kforge-etcd-drill.service systemd/kforge-etcd-drill.timer; do
  [ -e "$t/$f" ] || fail "the tarball has no $f"
done
ok "tarball holds the binary, man pages, completions, units, LICENSE, README.md"

bin=$t/kforge
ldd "$bin" | grep -Ei 'libssl|libcrypto|libz\.' && fail "$bin links libssl/libcrypto/libz"
newest=$(objdump -T "$bin" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
[ "$(printf '%s\n2.28\n' "$newest" | sort -V | tail -1)" = 2.28 ] || fail "$bin needs GLIBC_$newest (> 2.28)"
ok "no libssl/libcrypto/libz; newest glibc symbol GLIBC_$newest"

rpm_files=$(rpm -qlp "$rpm")
for f in /usr/bin/kforge /usr/share/man/man1/kforge.1.gz /usr/share/bash-completion/completions/kforge \
  /usr/lib/systemd/system/kforge-etcd-snapshot.service /usr/lib/systemd/system/kforge-etcd-drill.timer; do
  echo "$rpm_files" | grep -qx "$f" || fail ".rpm does not install $f"
done
rpm -qp --requires "$rpm" | grep -q '^glibc >= 2.28' || fail ".rpm does not require glibc >= 2.28"
ok ".rpm installs $(echo "$rpm_files" | wc -l) files (rpm -qlp)"

# --- a real etcd snapshot, from etcd 3.5.1 on loopback ----------------------------
e=$DEPS/etcd-v3.5.1
[ -x "$e/etcd" ] && [ -x "$e/etcdutl" ] || fail "etcd 3.5.1 is missing in $e (scripts/install-test-deps.sh)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
peer=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$e/etcd" --data-dir "$work/etcd" --listen-client-urls "http://127.0.0.1:$port" \
  --advertise-client-urls "http://127.0.0.1:$port" --listen-peer-urls "http://127.0.0.1:$peer" \
  --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
  --initial-cluster "default=http://127.0.0.1:$peer" > "$work/etcd.log" 2>&1 &
etcd_pid=$!
for _ in $(seq 100); do "$e/etcdctl" --endpoints "127.0.0.1:$port" endpoint health >/dev/null 2>&1 && break; sleep 0.1; done
for i in $(seq 50); do "$e/etcdctl" --endpoints "127.0.0.1:$port" put "/registry/k$i" "value-$i" >/dev/null; done
"$e/etcdctl" --endpoints "127.0.0.1:$port" snapshot save "$work/fixture.db" >/dev/null 2>&1 || fail "etcdctl snapshot save failed (log: $work/etcd.log)"
kill "$etcd_pid"; wait "$etcd_pid" 2>/dev/null || true; etcd_pid=

# --- Debian 11 ------------------------------------------------------------------
if [ ! -x "$CACHE/bullseye/usr/bin/dpkg" ]; then
  mkdir -p "$CACHE"
  rm -rf "$CACHE/bullseye.partial"
  debootstrap --variant=minbase bullseye "$CACHE/bullseye.partial" "$MIRROR" >/dev/null \
    || fail "debootstrap bullseye from $MIRROR failed"
  mv "$CACHE/bullseye.partial" "$CACHE/bullseye"
fi
cp -a "$CACHE/bullseye" "$root"
mount -t proc proc "$root/proc"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }
grep -q '^11' "$root/etc/debian_version" || fail "the root is not Debian 11"
in_root sh -c 'ls /usr/lib/x86_64-linux-gnu/libssl.so.3 /lib/x86_64-linux-gnu/libssl.so.3' 2>/dev/null \
  && fail "the Debian 11 root has OpenSSL 3, so it proves nothing"

cp "$bin" "$root/tmp/kforge"
cp "$work/fixture.db" "$root/tmp/fixture.db"
in_root /tmp/kforge version -o json > "$work/version.json" || fail "kforge version failed on Debian 11"
python3 - "$work/version.json" "$version" <<'EOF' || fail "kforge version -o json on Debian 11 is wrong"
import json, sys
v = json.load(open(sys.argv[1]))
assert v["version"] == sys.argv[2], v
assert v["glibcFloor"] == "2.28", v
assert v["target"] == "x86_64-unknown-linux-gnu", v
assert v["kubernetes"], v
EOF
ok "kforge version runs on Debian 11 (glibc $(in_root ldd --version | head -1 | awk '{print $NF}'))"

in_root /tmp/kforge init --root /tmp/n1 --node-name cp1 --apiserver-advertise-address 127.0.0.1 -q \
  || fail "kforge init --root failed on Debian 11"
for f in etc/kubernetes/pki/ca.key etc/kubernetes/admin.conf etc/kubernetes/manifests/etcd.yaml; do
  [ -s "$root/tmp/n1/$f" ] || fail "init on Debian 11 did not write $f"
done
[ "$(stat -c %a "$root/tmp/n1/etc/kubernetes/pki/ca.key")" = 600 ] || fail "ca.key is not 0600"
openssl verify -CAfile "$root/tmp/n1/etc/kubernetes/pki/ca.crt" "$root/tmp/n1/etc/kubernetes/pki/apiserver.crt" >/dev/null \
  || fail "openssl does not verify the apiserver certificate written on Debian 11"
in_root /tmp/kforge certs check-expiration --root /tmp/n1 -o json > "$work/certs.json" \
  || fail "kforge certs check-expiration failed on Debian 11"
grep -q '"apiserver"' "$work/certs.json" || fail "check-expiration does not list the apiserver certificate"
ok "init --root and certs check-expiration on Debian 11 (openssl verifies the certificates)"

in_root /tmp/kforge snapshot status /tmp/fixture.db -o json > "$work/ours.json" || fail "snapshot status failed on Debian 11"
"$e/etcdutl" snapshot status "$work/fixture.db" -w json > "$work/theirs.json" 2>/dev/null
python3 - "$work/ours.json" "$work/theirs.json" <<'EOF' || fail "snapshot status on Debian 11 differs from etcdutl"
import json, sys
ours, theirs = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
flat = ours.get("status", ours)
# kforge's size field follows its output convention (totalSizeBytes); etcdutl's is totalSize.
for ours_k, theirs_k in (("hash", "hash"), ("revision", "revision"), ("totalKey", "totalKey"), ("totalSizeBytes", "totalSize")):
    assert flat[ours_k] == theirs[theirs_k], (ours_k, flat, theirs)
EOF
ok "snapshot status on Debian 11 equals etcdutl's"

# .deb: install, run, remove; nothing of it may stay.
cp "$deb" "$root/tmp/kforge.deb"
in_root dpkg -i /tmp/kforge.deb >/dev/null || fail "dpkg -i failed on Debian 11"
in_root /usr/bin/kforge version >/dev/null || fail "the installed /usr/bin/kforge does not run"
grep -q 'ExecStart=/usr/bin/kforge' "$root/usr/lib/systemd/system/kforge-etcd-snapshot.service" \
  || fail "the packaged snapshot unit does not call /usr/bin/kforge"
listed=$(in_root dpkg -L kforge | sort)
in_root dpkg -r kforge >/dev/null || fail "dpkg -r failed"
left=""
while read -r p; do
  [ -f "$root$p" ] && left="$left $p"
done <<< "$listed"
[ -z "$left" ] || fail "dpkg -r left files behind:$left"
in_root dpkg -s kforge >/dev/null 2>&1 && fail "dpkg still knows kforge after dpkg -r"
ok ".deb installs and removes cleanly on Debian 11 ($(echo "$listed" | wc -l) paths)"
echo "test-release: all release checks passed"
