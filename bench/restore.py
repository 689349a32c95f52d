#!/usr/bin/env python3
"""`kforge snapshot restore` against `etcdutl snapshot restore` (etcd 3.5), same snapshot, same run.

Usage: python3 bench/restore.py [--runs N] [--sizes 100,1024] [--shapes values,keys] [--boots N]

For each size and data shape, real etcd 3.5 is filled, a snapshot is taken with etcdctl, and the two
tools restore it alternately (kforge first on even runs, etcdutl first on odd ones) into fresh
directories on the same filesystem. Printed: median, min and max wall time, peak RSS (GNU time %M),
and the time from starting etcd 3.5 on each tool's output to its first healthy answer.

Shapes: `values` is 1 MiB values (few keys, mostly overflow pages: cheapest for bbolt to open);
`keys` is 1 KiB values written 128 to a transaction (many leaf pages, as a Kubernetes store has).
The page cache is warm for both tools (nothing is dropped: other work may share the machine);
before each run the filesystem is synced, so no run pays for the writeback of the one before.
Build first: cargo build --release (or set KFORGE to the binary).
"""
import argparse, os, shutil, socket, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KFORGE = os.environ.get("KFORGE", os.path.join(ROOT, "target", "release", "kforge"))


def etcd35_dir():
    """etcd 3.5.1, unpacked by scripts/install-test-deps.sh."""
    return os.path.join(os.environ.get("KFORGE_TEST_DEPS", "/opt/kforge-test"), "etcd-v3.5.1")


E35 = etcd35_dir()
ETCD, ETCDCTL, ETCDUTL = (os.path.join(E35, b) for b in ("etcd", "etcdctl", "etcdutl"))


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close(); return port


def timed(argv):
    """(seconds, peak RSS in MiB) of one run; fails loudly on a non-zero exit."""
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(argv)}\n{p.stdout}\n{p.stderr}")
    return dt, int(p.stderr.strip().splitlines()[-1]) / 1024


def healthy(endpoint):
    return subprocess.run([ETCDCTL, "--endpoints", endpoint, "endpoint", "health"],
                          capture_output=True).returncode == 0


class Etcd:
    """etcd 3.5 on free ports; `data_dir` may be a restored one (then `name`/`peer` must match it)."""

    def __init__(self, data_dir, log, name="b", peer=None):
        self.ep = f"http://127.0.0.1:{free_port()}"
        self.peer = peer or f"http://127.0.0.1:{free_port()}"
        self.log = open(log, "w")
        self.t0 = time.perf_counter()
        self.proc = subprocess.Popen([ETCD, "--name", name, "--data-dir", data_dir,
            "--listen-client-urls", self.ep, "--advertise-client-urls", self.ep,
            "--listen-peer-urls", self.peer, "--initial-advertise-peer-urls", self.peer,
            "--initial-cluster", f"{name}={self.peer}",
            "--quota-backend-bytes", str(8 << 30), "--max-request-bytes", str(2 << 20)],
            stdout=self.log, stderr=self.log)

    def wait_healthy(self, timeout=120):
        """Seconds from start to the first healthy answer."""
        while time.perf_counter() - self.t0 < timeout:
            if healthy(self.ep):
                return time.perf_counter() - self.t0
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        sys.exit(f"etcd on {self.ep} did not become healthy; see {self.log.name}")

    def ctl(self, *args):
        subprocess.run([ETCDCTL, "--endpoints", self.ep, *args], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    @staticmethod
    def wait_all(procs):
        for p in procs:
            if p.wait() != 0:
                sys.exit(f"filling etcd failed: {' '.join(p.args)}")

    def fill_values(self, mib):
        """1 MiB values until about `mib` MiB, 8 etcdctl processes at a time."""
        value = b"x" * (1 << 20)
        procs = []
        for i in range(mib):
            p = subprocess.Popen([ETCDCTL, "--endpoints", self.ep, "put", f"/bench/{i:06d}"],
                                 stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
            p.stdin.write(value); p.stdin.close(); procs.append(p)
            if len(procs) >= 8:
                self.wait_all(procs)
                procs = []
        self.wait_all(procs)

    def fill_keys(self, mib):
        """1 KiB values, 128 puts a transaction, until about `mib` MiB of values."""
        value = "k" * 1000
        n = mib * 1024
        procs = []
        for start in range(0, n, 128):
            ops = "".join(f"put /registry/pods/ns-{i % 50}/pod-{i:08d} {value}\n"
                          for i in range(start, min(n, start + 128)))
            p = subprocess.Popen([ETCDCTL, "--endpoints", self.ep, "txn"], stdin=subprocess.PIPE,
                                 stdout=subprocess.DEVNULL, text=True)
            # No compares, the puts, no failure ops: each part ends with an empty line.
            p.stdin.write("\n" + ops + "\n\n"); p.stdin.close(); procs.append(p)
            if len(procs) >= 8:
                self.wait_all(procs)
                procs = []
        self.wait_all(procs)

    def stop(self):
        self.proc.kill(); self.proc.wait(); self.log.close()


def table(rows, header):
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for r in rows:
        print("| " + " | ".join(str(c) for c in r) + " |")


def bench(work, snap, runs, boots, label):
    peer = f"http://127.0.0.1:{free_port()}"
    flags = ["--name", "r", "--initial-advertise-peer-urls", peer, "--initial-cluster", f"r={peer}"]
    res = {t: ([], []) for t in ("kforge", "etcdutl")}
    boot = {t: [] for t in ("kforge", "etcdutl")}
    for i in range(runs):
        for tool in (["kforge", "etcdutl"] if i % 2 == 0 else ["etcdutl", "kforge"]):
            out = os.path.join(work, f"{tool}-{i}")
            argv = ([KFORGE, "snapshot", "restore", "-q", snap, "--data-dir", out] if tool == "kforge"
                    else [ETCDUTL, "snapshot", "restore", snap, "--data-dir", out]) + flags
            # Start each run with no writeback pending from the last one (or from its deletion:
            # the root filesystem here is mounted with `discard`).
            os.sync(); time.sleep(1)
            t, m = timed(argv)
            res[tool][0].append(t); res[tool][1].append(m)
            if i < boots:
                e = Etcd(out, os.path.join(work, f"boot-{tool}-{i}.log"), name="r", peer=peer)
                try:
                    boot[tool].append(e.wait_healthy())
                finally:
                    e.stop()
            shutil.rmtree(out)
    size = os.path.getsize(snap) / (1 << 20)
    print(f"\n{label}: snapshot of {size:.0f} MiB, {runs} alternating runs each "
          f"(time to healthy: {boots} boots each of etcd 3.5)\n")
    rows = []
    for tool in ("kforge", "etcdutl"):
        t, m = res[tool]
        rows.append([tool, f"{statistics.median(t):.3f} s", f"{min(t):.3f} s", f"{max(t):.3f} s",
                     f"{max(m):.1f} MiB", f"{statistics.median(boot[tool]):.2f} s" if boot[tool] else "-"])
    table(rows, ["restore", "median", "min", "max", "peak RSS", "etcd healthy after"])
    print("\nruns (s): " + "; ".join(f"{t}: " + ", ".join(f"{x:.2f}" for x in res[t][0]) for t in res))
    speed = statistics.median(res["etcdutl"][0]) / statistics.median(res["kforge"][0])
    mem = max(res["etcdutl"][1]) / max(res["kforge"][1])
    print(f"\nkforge: {speed:.2f}x etcdutl's speed, {mem:.0f}x less peak memory")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--boots", type=int, default=3, help="runs whose output is booted, per tool")
    ap.add_argument("--sizes", default="100,1024", help="snapshot sizes in MiB")
    ap.add_argument("--shapes", default="values,keys", help="values (1 MiB values), keys (1 KiB values)")
    a = ap.parse_args()
    if not os.path.exists(KFORGE):
        sys.exit(f"build first: cargo build --release (or set KFORGE); {KFORGE} is missing")
    for shape in a.shapes.split(","):
        for mib in [int(s) for s in a.sizes.split(",")]:
            work = tempfile.mkdtemp(prefix="kforge-bench-restore-", dir=os.environ.get("BENCH_DIR"))
            try:
                etcd = Etcd(os.path.join(work, "data"), os.path.join(work, "etcd.log"))
                etcd.wait_healthy()
                try:
                    (etcd.fill_values if shape == "values" else etcd.fill_keys)(mib)
                    snap = os.path.join(work, "snap.db")
                    etcd.ctl("snapshot", "save", snap)
                finally:
                    etcd.stop()
                shutil.rmtree(os.path.join(work, "data"))
                bench(work, snap, a.runs, a.boots, f"{shape} ({mib} MiB)")
            finally:
                shutil.rmtree(work)


if __name__ == "__main__":
    main()
