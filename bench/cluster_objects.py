#!/usr/bin/env python3
"""kubeadm's cluster objects through the STAND-IN API server: kforge against kubectl, same
objects, same server, alternating runs.

Usage: python3 bench/cluster_objects.py [--runs N]   (build first: cargo build --release)

A node is initialized under a temporary root (Kubernetes v1.31, whose etcd maps onto the real
etcd 3.5.0) and run by `kforge-dev kubelet`. Then, each run:
- apply: `kforge init phase post-control-plane` (every API phase: ~32 objects, server-side apply)
  against `kubectl apply --server-side --force-conflicts` of the same objects (the YAML stream of
  `init phase ... --dry-run -o yaml`), both re-applying an unchanged set (the steady state of a
  re-run);
- list: `kforge token list` against `kubectl get secrets --field-selector type=bootstrap...`.
Medians and peak RSS (GNU time). The stand-in is the server for both: the figures compare the
clients, not an API server. Uses the fixed ports 2379 and 6443 (stop other etcds first).
"""
import argparse, fcntl, os, signal, statistics, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import KFORGE, table, timed  # noqa: E402

ETCD = os.environ.get("KFORGE_TEST_DEPS", "/opt/kforge-test") + "/etcd-v3.5.0/etcd"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    a = ap.parse_args()
    # The tests' lock on the fixed ports (tests/support: fixed_port_lock).
    lock = open(os.path.join(tempfile.gettempdir(), "kforge-tests-fixed-ports.lock"), "w")
    fcntl.flock(lock, fcntl.LOCK_EX)
    with tempfile.TemporaryDirectory(prefix="kforge-bench-") as d:
        root = os.path.join(d, "node")
        subprocess.run([KFORGE, "init", "--root", root, "--kubernetes-version", "v1.31",
                        "--apiserver-advertise-address", "127.0.0.1", "--node-name", "cp1", "-q"],
                       check=True, stdout=subprocess.DEVNULL)
        kubelet = subprocess.Popen([KFORGE, "dev", "kubelet", "--root", root, "--image-binary",
                                    f"registry.k8s.io/etcd:3.5.15-0={ETCD}"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            kc = os.path.join(root, "etc/kubernetes/admin.conf")
            finish = [KFORGE, "init", "phase", "post-control-plane", "--root", root,
                      "--control-plane-timeout", "60s", "-q"]
            subprocess.run(finish, check=True, stdout=subprocess.DEVNULL)
            objects = os.path.join(d, "objects.yaml")
            with open(objects, "w") as f:
                for phase in ("upload-config", "bootstrap-token", "addon"):
                    f.write(subprocess.run([KFORGE, "init", "phase", phase, "--root", root,
                                            "--dry-run", "-o", "yaml"],
                                           check=True, capture_output=True, text=True).stdout)
            count = open(objects).read().count("\nkind: ") + open(objects).read().startswith("kind: ")
            env = dict(os.environ, HOME=d)
            kubectl_apply = ["kubectl", "--kubeconfig", kc, "apply", "--server-side",
                             "--force-conflicts", "--field-manager", "kforge", "--validate=false",
                             "-f", objects]
            token_list = [KFORGE, "token", "list", "--root", root]
            kubectl_list = ["kubectl", "--kubeconfig", kc, "get", "secrets", "-n", "kube-system",
                            "--field-selector", "type=bootstrap.kubernetes.io/token"]
            res = {k: [] for k in ("kforge post-control-plane", "kubectl apply --server-side",
                                   "kforge token list", "kubectl get secrets")}
            for _ in range(a.runs):
                res["kforge post-control-plane"].append(timed(finish, env))
                res["kubectl apply --server-side"].append(timed(kubectl_apply, env))
                res["kforge token list"].append(timed(token_list, env))
                res["kubectl get secrets"].append(timed(kubectl_list, env))
            med = {k: statistics.median(t for t, _ in v) for k, v in res.items()}
            print(f"### kubeadm's objects through the stand-in API server ({count} objects in the "
                  f"kubectl file; median of {a.runs})\n")
            pairs = [("kforge post-control-plane", "kubectl apply --server-side"),
                     ("kforge token list", "kubectl get secrets")]
            rows = []
            for k, base in pairs:
                for name in (k, base):
                    rows.append([name, f"{med[name] * 1000:.0f} ms", f"{med[name] / med[base]:.2f}x",
                                 f"{max(m for _, m in res[name]):.1f} MiB"])
            table(rows, ["command", "median", "vs kubectl", "peak RSS"])
        finally:
            kubelet.send_signal(signal.SIGTERM)
            kubelet.wait(timeout=30)


if __name__ == "__main__":
    main()
