#!/usr/bin/env bash
# Builds kforge's release artifacts into dist/, from a fresh clone on a fresh
# Debian machine (run as root; it installs what it needs):
#   kforge-VERSION-x86_64-linux.tar.gz   binary, man/, completions/, systemd/, cron/, LICENSE, README.md
#   kforge_VERSION_amd64.deb             /usr/bin/kforge, man pages, completions, systemd units
#   kforge-VERSION-1.x86_64.rpm          the same files
#   SHA256SUMS                           over the three
#
# The binary is self-contained: libssh2's OpenSSL and zlib are built in
# (ssh2's vendored-openssl, libz-sys's static), TLS is rustls with aws-lc-rs,
# and it is linked by cargo-zigbuild against glibc 2.28 symbols, so it runs on
# RHEL 8, Debian 11, Ubuntu 20.04 and everything newer. The script refuses to
# package a binary that needs more (ldd, objdump -T and the size checked).
set -euo pipefail
cd "$(dirname "$0")/.."

GLIBC_FLOOR=2.28
TRIPLE=x86_64-unknown-linux-gnu
MAX_BYTES=$((25 * 1024 * 1024))
ZIGLANG=0.17.1       # PyPI ziglang: Zig, the C toolchain and glibc stubs
CARGO_ZIGBUILD=0.24.1 # PyPI cargo-zigbuild: a prebuilt wheel, nothing to compile
TOOLS=${KFORGE_RELEASE_TOOLS:-/opt/kforge-release}
VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
DIST=${KFORGE_DIST:-dist}

fail() { echo "release: $*" >&2; exit 1; }
[ -n "$VERSION" ] || fail "no version in Cargo.toml"

# --- tools -----------------------------------------------------------------
need_apt=()
command -v dpkg-deb >/dev/null || need_apt+=(dpkg)
command -v rpmbuild >/dev/null || need_apt+=(rpm)
command -v objdump >/dev/null || need_apt+=(binutils)
command -v python3 >/dev/null || need_apt+=(python3)
python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
command -v protoc >/dev/null || need_apt+=(protobuf-compiler)
command -v git >/dev/null || need_apt+=(git)
if [ ${#need_apt[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if ! "$TOOLS/bin/cargo-zigbuild" --version 2>/dev/null | grep -q "$CARGO_ZIGBUILD" \
  || ! "$TOOLS/bin/python3" -m ziglang version 2>/dev/null | grep -qx "$ZIGLANG"; then
  rm -rf "$TOOLS"
  python3 -m venv "$TOOLS"
  "$TOOLS/bin/pip" install --quiet "ziglang==$ZIGLANG" "cargo-zigbuild==$CARGO_ZIGBUILD"
fi
export PATH="$TOOLS/bin:$PATH"

# --- build -----------------------------------------------------------------
# Reproducible: the build date is the commit's date.
SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || date +%s)
export SOURCE_DATE_EPOCH KFORGE_GLIBC_FLOOR=$GLIBC_FLOOR
cargo zigbuild -p kforge --locked --profile dist --target "$TRIPLE.$GLIBC_FLOOR"
BIN=target/$TRIPLE/dist/kforge

# --- the binary's promises, checked before anything is packaged -------------
libs=$(ldd "$BIN" | awk '{print $1}')
bad=$(echo "$libs" | grep -Ev '^(linux-vdso\.so\.1|libc\.so\.6|libm\.so\.6|libgcc_s\.so\.1|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1|/lib64/ld-linux-x86-64\.so\.2)$' || true)
[ -z "$bad" ] || fail "$BIN links more than glibc's own libraries: $bad"
newest=$(objdump -T "$BIN" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
[ "$(printf '%s\n%s\n' "$newest" "$GLIBC_FLOOR" | sort -V | tail -1)" = "$GLIBC_FLOOR" ] \
  || fail "$BIN needs GLIBC_$newest, newer than the $GLIBC_FLOOR floor"
size=$(stat -c %s "$BIN")
[ "$size" -le "$MAX_BYTES" ] || fail "$BIN is $size bytes, over the 25 MiB limit"
"$BIN" version >/dev/null || fail "$BIN does not run here"

# --- one staged file tree, packaged three ways -------------------------------
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$DIST"
mkdir -p "$DIST"

# Tarball: the files as they are in the repository (units call /usr/local/bin/kforge,
# where the README's tarball instructions install it).
name=kforge-$VERSION-x86_64-linux
t=$work/$name
mkdir -p "$t"
install -m 0755 "$BIN" "$t/kforge"
cp -r man completions LICENSE README.md "$t/"
cp -r templates/systemd templates/cron "$t/"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
  -C "$work" -czf "$DIST/$name.tar.gz" "$name"

# Package root: /usr/bin/kforge, and the units rewritten to call it there.
root=$work/root
install -D -m 0755 "$BIN" "$root/usr/bin/kforge"
for m in man/*.1; do
  install -D -m 0644 "$m" "$root/usr/share/man/man1/$(basename "$m")"
  gzip -9n "$root/usr/share/man/man1/$(basename "$m")"
done
install -D -m 0644 completions/kforge.bash "$root/usr/share/bash-completion/completions/kforge"
install -D -m 0644 completions/_kforge "$root/usr/share/zsh/vendor-completions/_kforge"
install -D -m 0644 completions/kforge.fish "$root/usr/share/fish/vendor_completions.d/kforge.fish"
for u in templates/systemd/*; do
  install -D -m 0644 "$u" "$root/usr/lib/systemd/system/$(basename "$u")"
  sed -i 's#/usr/local/bin/kforge#/usr/bin/kforge#g' "$root/usr/lib/systemd/system/$(basename "$u")"
done
install -D -m 0644 LICENSE "$root/usr/share/doc/kforge/copyright"
install -D -m 0644 README.md "$root/usr/share/doc/kforge/README.md"
grep -rl /usr/local/bin/kforge "$root/usr/lib/systemd" && fail "a packaged unit still calls /usr/local/bin/kforge"

# .deb (dpkg-deb: Debian's own packager)
deb=$work/deb
cp -a "$root" "$deb"
mkdir -p "$deb/DEBIAN"
cat > "$deb/DEBIAN/control" <<EOF
Package: kforge
Version: $VERSION
Architecture: amd64
Maintainer: kforge developers <kforge@localhost>
Depends: libc6 (>= $GLIBC_FLOOR)
Section: admin
Priority: optional
Installed-Size: $(du -sk "$root" | cut -f1)
Homepage: https://github.com/kforge/kforge
Description: kubeadm and etcdctl/etcdutl jobs in one binary
 Bootstraps, joins, upgrades and resets self-managed Kubernetes nodes, and
 saves, verifies, uploads and restores etcd snapshots.
EOF
dpkg-deb --root-owner-group -Zxz --build "$deb" "$DIST/kforge_${VERSION}_amd64.deb" >/dev/null

# .rpm (rpmbuild from the same tree; xz payload and sha256 digests, which
# RHEL 8's rpm reads)
mkdir -p "$work/rpm"
files=$(cd "$root" && find . -type f | sed 's#^\.##' | sort)
cat > "$work/kforge.spec" <<EOF
Name: kforge
Version: $VERSION
Release: 1
Summary: kubeadm and etcdctl/etcdutl jobs in one binary
License: Apache-2.0
BuildArch: x86_64
AutoReqProv: no
Requires: glibc >= $GLIBC_FLOOR
%global debug_package %{nil}
%global __strip /bin/true
%global __brp_strip /bin/true
%global __os_install_post %{nil}
%description
Bootstraps, joins, upgrades and resets self-managed Kubernetes nodes, and
saves, verifies, uploads and restores etcd snapshots.
%install
cp -a $root/. %{buildroot}/
%files
%license /usr/share/doc/kforge/copyright
$(echo "$files" | grep -v '/usr/share/doc/kforge/copyright')
EOF
rpmbuild -bb --quiet \
  --define "_topdir $work/rpm" \
  --define "_build_id_links none" \
  --define "_binary_payload w9.xzdio" \
  --define "_buildhost kforge-release" \
  --define "use_source_date_epoch_as_buildtime 1" \
  "$work/kforge.spec" >/dev/null
cp "$work/rpm/RPMS/x86_64/kforge-$VERSION-1.x86_64.rpm" "$DIST/"

(cd "$DIST" && sha256sum -- *.tar.gz *.deb *.rpm > SHA256SUMS)
echo "release: $DIST/ holds kforge $VERSION ($size bytes, glibc >= $GLIBC_FLOOR, newest symbol GLIBC_$newest):"
(cd "$DIST" && ls -l)
