#!/usr/bin/env python3
"""Side-by-side benchmarks: kforge against the standard tool, same data, same run.

Usage: python3 bench/bench.py init|snapshot [--runs N] [--sizes 100,1024]
Runs alternate between the tools; medians and peak RSS (GNU time) are printed
as a markdown table. Build first: cargo build --release.
"""
import argparse, json, os, shutil, socket, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KFORGE = os.path.join(ROOT, "target", "release", "kforge")


def etcd35_dir():
    """etcd 3.5.1, unpacked by scripts/install-test-deps.sh."""
    return os.path.join(os.environ.get("KFORGE_TEST_DEPS", "/opt/kforge-test"), "etcd-v3.5.1")


def timed(argv, env=None):
    """(seconds, peak RSS in MiB) of one run; fails loudly on a non-zero exit."""
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, capture_output=True, text=True, env=env)
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(argv)}\n{p.stdout}\n{p.stderr}")
    rss_kb = int(p.stderr.strip().splitlines()[-1])
    return dt, rss_kb / 1024


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close(); return port


def table(rows, header):
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for r in rows:
        print("| " + " | ".join(str(c) for c in r) + " |")


def bench_init(runs):
    rows = []
    for alg in ["RSA-2048", "ECDSA-P256"]:
        times, rss = [], []
        for _ in range(runs):
            d = tempfile.mkdtemp(prefix="kforge-bench-init-")
            t, m = timed([KFORGE, "init", "--root", d, "--apiserver-advertise-address", "127.0.0.1",
                          "--node-name", "bench", "-q", "--encryption-algorithm", alg])
            times.append(t); rss.append(m)
            shutil.rmtree(d)
        rows.append([alg, f"{statistics.median(times)*1000:.0f} ms", f"{min(times)*1000:.0f} ms",
                     f"{max(times)*1000:.0f} ms", f"{max(rss):.1f} MiB"])
    print(f"\n`kforge init --root` (whole node: 22 key files, 5 kubeconfigs, 4 manifests), {runs} runs\n")
    table(rows, ["keys", "median", "min", "max", "peak RSS"])


class Etcd:
    def __init__(self, workdir):
        e = etcd35_dir()
        self.etcdctl, self.etcdutl = os.path.join(e, "etcdctl"), os.path.join(e, "etcdutl")
        self.client, peer = free_port(), free_port()
        self.ep = f"http://127.0.0.1:{self.client}"
        purl = f"http://127.0.0.1:{peer}"
        self.log = open(os.path.join(workdir, "etcd.log"), "w")
        self.proc = subprocess.Popen([os.path.join(e, "etcd"), "--name", "b", "--data-dir", os.path.join(workdir, "data"),
            "--listen-client-urls", self.ep, "--advertise-client-urls", self.ep, "--listen-peer-urls", purl,
            "--initial-advertise-peer-urls", purl, "--initial-cluster", f"b={purl}",
            "--quota-backend-bytes", str(8 << 30), "--max-request-bytes", str(2 << 20)],
            stdout=self.log, stderr=self.log)
        for _ in range(100):
            if subprocess.run([self.etcdctl, "--endpoints", self.ep, "endpoint", "health"], capture_output=True).returncode == 0:
                return
            time.sleep(0.2)
        sys.exit("etcd did not start")

    def fill_to(self, mib):
        """Puts 1 MiB values until the database holds about `mib` MiB (etcdctl, in parallel batches)."""
        value = "x" * (1 << 20)
        procs = []
        for i in range(mib):
            procs.append(subprocess.Popen([self.etcdctl, "--endpoints", self.ep, "put", f"/bench/{i:06d}"],
                                          stdin=subprocess.PIPE, stdout=subprocess.DEVNULL))
            procs[-1].stdin.write(value.encode()); procs[-1].stdin.close()
            if len(procs) >= 8:
                for p in procs: p.wait()
                procs = []
        for p in procs: p.wait()

    def fill_keys(self, mib):
        """1 KiB values, 128 puts a transaction (many leaf pages, like a Kubernetes store)."""
        value = "k" * 1000
        n = mib * 1024
        procs = []
        for start in range(0, n, 128):
            ops = "".join(f"put /registry/pods/ns-{i % 50}/pod-{i:08d} {value}\n" for i in range(start, min(n, start + 128)))
            p = subprocess.Popen([self.etcdctl, "--endpoints", self.ep, "txn"], stdin=subprocess.PIPE,
                                 stdout=subprocess.DEVNULL, text=True)
            p.stdin.write("\n" + ops + "\n\n"); p.stdin.close(); procs.append(p)
            if len(procs) >= 8:
                for q in procs: q.wait()
                procs = []
        for q in procs: q.wait()

    def stop(self):
        self.proc.kill(); self.proc.wait()


def bench_snapshot(runs, sizes, shape):
    for mib in sizes:
        work = tempfile.mkdtemp(prefix="kforge-bench-snap-")
        etcd = Etcd(work)
        try:
            (etcd.fill_to if shape == "values" else etcd.fill_keys)(mib)
            res = {k: ([], []) for k in ["kforge save", "etcdctl save", "kforge status", "etcdutl status"]}
            snap = os.path.join(work, "ref.db")
            for i in range(runs):
                for tool in (["kforge", "etcdctl"] if i % 2 == 0 else ["etcdctl", "kforge"]):
                    out = os.path.join(work, f"{tool}-{i}.db")
                    argv = ([KFORGE, "snapshot", "save", "-q", "--endpoints", etcd.ep, out] if tool == "kforge"
                            else [etcd.etcdctl, "--endpoints", etcd.ep, "snapshot", "save", out])
                    t, m = timed(argv)
                    res[f"{tool} save"][0].append(t); res[f"{tool} save"][1].append(m)
                    if not os.path.exists(snap):
                        os.rename(out, snap)
                    else:
                        os.remove(out)
                for tool in (["kforge", "etcdutl"] if i % 2 == 0 else ["etcdutl", "kforge"]):
                    argv = ([KFORGE, "snapshot", "status", "-o", "json", snap] if tool == "kforge"
                            else [etcd.etcdutl, "snapshot", "status", "-w", "json", snap])
                    t, m = timed(argv)
                    res[f"{tool} status"][0].append(t); res[f"{tool} status"][1].append(m)
            size = os.path.getsize(snap) / (1 << 20)
            what = f"{mib} x 1 MiB values" if shape == "values" else f"{mib * 1024} keys of 1 KiB"
            print(f"\nsnapshot of {size:.0f} MiB ({what}), {runs} alternating runs each\n")
            rows = [[k, f"{statistics.median(v[0]):.3f} s", f"{max(v[1]):.0f} MiB"] for k, v in res.items()]
            table(rows, ["command", "median", "peak RSS"])
            s_ratio = statistics.median(res["etcdctl save"][0]) / statistics.median(res["kforge save"][0])
            st_ratio = statistics.median(res["etcdutl status"][0]) / statistics.median(res["kforge status"][0])
            mem_ratio = max(res["etcdutl status"][1]) / max(res["kforge status"][1])
            print(f"\nsave: kforge is {s_ratio:.2f}x etcdctl's speed; status: {st_ratio:.1f}x faster than etcdutl, "
                  f"{mem_ratio:.0f}x less peak memory")
        finally:
            etcd.stop()
            shutil.rmtree(work)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["init", "snapshot"])
    ap.add_argument("--runs", type=int, default=0)
    ap.add_argument("--sizes", default="100,1024", help="snapshot sizes in MiB")
    ap.add_argument("--shape", default="keys", choices=["keys", "values"],
                    help="keys: 1 KiB values (many leaf pages); values: 1 MiB values (overflow pages)")
    a = ap.parse_args()
    if not os.path.exists(KFORGE):
        sys.exit("build first: cargo build --release")
    if a.what == "init":
        bench_init(a.runs or 10)
    else:
        bench_snapshot(a.runs or 5, [int(s) for s in a.sizes.split(",")], a.shape)


if __name__ == "__main__":
    main()
