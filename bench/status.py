#!/usr/bin/env python3
"""`kforge snapshot status` (verifying by default, and --no-verify) against the floor of a verifying
read, `openssl dgst -sha256` over the same file, and against `etcdutl snapshot status` (etcd 3.5,
which does not verify), same snapshot, same run, alternating order.

Usage: python3 bench/status.py [--runs N] [--mib 1024] [--shape keys|values] [--snapshot PATH]

A snapshot of about --mib MiB is built from real etcd 3.5 (filled with etcdctl, saved with
etcdctl). With --snapshot PATH an existing file is reused, or the new one is kept at PATH for the
next run. The page cache is warm for every tool (one untimed read first). Printed: median, min and
max wall time, peak RSS (GNU time %M) and the ratios the issue asks for.
Build first: cargo build --release (or set KFORGE to the binary).
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import Etcd, timed, table  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KFORGE = os.environ.get("KFORGE", os.path.join(ROOT, "target", "release", "kforge"))


def build_snapshot(path, mib, shape):
    work = tempfile.mkdtemp(prefix="kforge-bench-status-")
    etcd = Etcd(work)
    try:
        (etcd.fill_to if shape == "values" else etcd.fill_keys)(mib)
        subprocess.run([etcd.etcdctl, "--endpoints", etcd.ep, "snapshot", "save", path], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        etcd.stop()
        shutil.rmtree(work)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--mib", type=int, default=1024, help="snapshot size to build, MiB")
    ap.add_argument("--shape", default="keys", choices=["keys", "values"],
                    help="keys: 1 KiB values (many leaf pages); values: 1 MiB values (overflow pages)")
    ap.add_argument("--snapshot", help="reuse this snapshot, or keep the one built here")
    a = ap.parse_args()
    if not os.path.exists(KFORGE):
        sys.exit("build first: cargo build --release")
    tmp = None
    snap = a.snapshot
    if not snap:
        tmp = tempfile.mkdtemp(prefix="kforge-bench-status-snap-")
        snap = os.path.join(tmp, "snap.db")
    if not os.path.exists(snap):
        print(f"building a {a.mib} MiB snapshot ({a.shape}) at {snap} ...", file=sys.stderr)
        build_snapshot(snap, a.mib, a.shape)
    from bench import etcd35_dir
    etcdutl = os.path.join(etcd35_dir(), "etcdutl")
    tools = {
        "kforge status": [KFORGE, "snapshot", "status", "-o", "json", snap],
        "kforge status --no-verify": [KFORGE, "snapshot", "status", "--no-verify", "-o", "json", snap],
        "openssl dgst -sha256": ["openssl", "dgst", "-sha256", snap],
        "etcdutl status": [etcdutl, "snapshot", "status", "-w", "json", snap],
    }
    try:
        names = list(tools)
        for n in names:  # warm the page cache, check every tool runs
            timed(tools[n])
        res = {n: ([], []) for n in names}
        for i in range(a.runs):
            order = names if i % 2 == 0 else list(reversed(names))
            for n in order:
                t, m = timed(tools[n])
                res[n][0].append(t)
                res[n][1].append(m)
        size = os.path.getsize(snap) / (1 << 20)
        print(f"\nsnapshot of {size:.0f} MiB ({a.shape}), {a.runs} alternating runs each, warm page cache\n")
        rows = [[n, f"{statistics.median(v[0]):.3f} s", f"{min(v[0]):.3f} s", f"{max(v[0]):.3f} s",
                 f"{max(v[1]):.0f} MiB"] for n, v in res.items()]
        table(rows, ["command", "median", "min", "max", "peak RSS"])
        med = {n: statistics.median(v[0]) for n, v in res.items()}
        print(f"\nkforge status / openssl dgst -sha256: {med['kforge status'] / med['openssl dgst -sha256']:.2f}x "
              f"(target <= 1.15)")
        print(f"kforge status / etcdutl status: {med['kforge status'] / med['etcdutl status']:.2f}x (target <= 1.00)")
        print(f"etcdutl status / kforge status --no-verify: "
              f"{med['etcdutl status'] / med['kforge status --no-verify']:.1f}x faster")
        print(f"peak RSS etcdutl / kforge status: {max(res['etcdutl status'][1]) / max(res['kforge status'][1]):.0f}x")
    finally:
        if tmp:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
