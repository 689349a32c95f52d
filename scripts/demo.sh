#!/usr/bin/env bash
# The main job on a fresh machine, no root needed for kforge itself:
#   1. kforge init a control-plane node into ./demo (a --root directory),
#   2. start real etcd from the generated static pod manifest and certificates,
#   3. check it with kforge's own health check and real etcdctl over mTLS,
#   4. finish the cluster through the STAND-IN API server (kubeadm's objects:
#      kubeadm-config, RBAC, bootstrap token, cluster-info, CoreDNS, kube-proxy)
#      and read them back with real kubectl,
#   5. take a verified snapshot and compare its status with etcdutl.
# Root is only needed once, to install protoc and etcd (scripts/install-test-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
DEMO=${DEMO_DIR:-$PWD/demo}

if [ "$(id -u)" = 0 ]; then bash scripts/install-test-deps.sh; fi
# kforge (the product) and kforge-dev (the stand-ins: kubelet, control plane).
cargo build --release --locked --quiet -p kforge -p kforge-dev
K=$PWD/target/release/kforge
KD=$PWD/target/release/kforge-dev
ETCD35=${KFORGE_TEST_DEPS:-/opt/kforge-test}/etcd-v3.5.1
[ -x "$ETCD35/etcd" ] || { echo "etcd 3.5 is missing at $ETCD35: run scripts/install-test-deps.sh as root" >&2; exit 1; }

# Start from scratch, but only ever delete a directory this script made.
if [ -e "$DEMO" ]; then
  [ -f "$DEMO/.kforge-demo" ] || { echo "$DEMO exists and was not made by this demo; set DEMO_DIR" >&2; exit 1; }
  rm -rf "$DEMO"
fi
mkdir -p "$DEMO" && touch "$DEMO/.kforge-demo"

echo "== kforge init (Kubernetes v1.33, whose etcd is 3.5) into $DEMO"
"$K" init --root "$DEMO" --node-name demo --apiserver-advertise-address 127.0.0.1 --kubernetes-version v1.33

echo "== starting the static pods in $DEMO/etc/kubernetes/manifests with the stand-in kubelet"
echo "   (etcd: the real etcd 3.5 binary; API server, controller-manager, scheduler: kforge's stand-ins)"
"$KD" kubelet --root "$DEMO" --image-binary "registry.k8s.io/etcd:3.5.*=$ETCD35/etcd" >"$DEMO/kubelet.log" 2>&1 &
KUBELET_PID=$!
trap 'kill $KUBELET_PID 2>/dev/null && wait $KUBELET_PID 2>/dev/null || true' EXIT

PKI=$DEMO/etc/kubernetes/pki
echo "== kforge health --wait (etcd over mTLS with the generated healthcheck-client certificate, certificates)"
"$K" health --root "$DEMO" --only etcd,apiserver,controller-manager,scheduler,certs --wait 30s

echo "== kforge init phase post-control-plane: kubeadm's API objects, through the stand-in API server"
echo "   (no real kube-apiserver binary exists on this machine; see README, 'kforge-dev')"
"$K" init phase post-control-plane --root "$DEMO" --control-plane-timeout 30s
echo "== real kubectl reads what kforge wrote"
kc() { kubectl --kubeconfig "$DEMO/etc/kubernetes/admin.conf" "$@"; }
kc get nodes --show-labels
kc get configmaps,secrets,serviceaccounts,services,deployments,daemonsets -n kube-system
kc get configmap cluster-info -n kube-public -o jsonpath='{.data.kubeconfig}' | head -5
"$K" token create --root "$DEMO" --ttl 1h --description "demo token" >/dev/null
"$K" token list --root "$DEMO"

echo "== real etcdctl over mTLS with the generated apiserver-etcd-client certificate"
etcdctl() {
  ETCDCTL_API=3 "$ETCD35/etcdctl" --endpoints https://127.0.0.1:2379 --cacert "$PKI/etcd/ca.crt" \
    --cert "$PKI/apiserver-etcd-client.crt" --key "$PKI/apiserver-etcd-client.key" "$@"
}
etcdctl put /registry/demo "written by the kforge demo"
etcdctl get /registry/demo --print-value-only

echo "== kforge snapshot save (cron mode) and status, compared with etcdutl"
mkdir -p "$DEMO/backups"   # cron mode never creates its directory: a typo must fail
"$K" snapshot save --root "$DEMO" --dir "$DEMO/backups" --keep 3
SNAP=$(ls -1 "$DEMO"/backups/etcd-*.db | tail -1)
"$K" snapshot status "$SNAP" --verify
echo "etcdutl says:"
"$ETCD35/etcdutl" snapshot status "$SNAP" -w table
"$K" snapshot list --dir "$DEMO/backups"
echo "== done: etcd ran from the generated manifest (log: $(echo "$DEMO"/var/log/pods/kube-system_etcd-*/etcd/0.log)); stopping the stand-in kubelet"
