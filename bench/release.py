#!/usr/bin/env python3
"""The release binary against its predecessor and etcdctl, same machine, alternating runs.

Usage: python3 bench/release.py --new dist-binary --old old-binary [--runs N]

- artifact sizes (dist/ after scripts/release.sh) and the glibc floor (objdump -T);
- cold start: `kforge version` against `etcdctl version` (etcd 3.5.1, a static Go binary),
  each run after dropping nothing but with a fresh process (the page cache is warm for both);
- `kforge init --root` with RSA-2048 and ECDSA-P256 keys, new binary against the old one
  (the crypto provider change and the zig-built aws-lc must not slow key generation).
Medians and peak RSS (GNU time) as markdown tables.
"""
import argparse, os, re, statistics, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import ROOT, etcd35_dir, table, timed  # noqa: E402


def glibc_floor(binary):
    out = subprocess.run(["objdump", "-T", binary], capture_output=True, text=True, check=True).stdout
    vers = {tuple(int(x) for x in v.split(".")) for v in re.findall(r"GLIBC_([0-9.]+)", out)}
    return ".".join(str(x) for x in max(vers)) if vers else "none"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--new", required=True, help="the release binary (target/x86_64-unknown-linux-gnu/dist/kforge)")
    ap.add_argument("--old", required=True, help="the previous release build (cargo build --release of the old tree)")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--dist", default=os.path.join(ROOT, "dist"))
    a = ap.parse_args()

    print("### Artifacts\n")
    rows = []
    if os.path.isdir(a.dist):
        for f in sorted(os.listdir(a.dist)):
            rows.append([f, f"{os.path.getsize(os.path.join(a.dist, f)) / 1e6:.1f} MB"])
    for label, b in (("new binary", a.new), ("old binary", a.old)):
        rows.append([f"{label} ({glibc_floor(b)} glibc floor)", f"{os.path.getsize(b) / 1e6:.1f} MB"])
    table(rows, ["artifact", "size"])

    print("\n### Cold start (median of %d)\n" % a.runs)
    etcdctl = os.path.join(etcd35_dir(), "etcdctl")
    res = {"kforge version (new)": [], "kforge version (old)": [], "etcdctl version": []}
    for _ in range(a.runs):
        res["kforge version (new)"].append(timed([a.new, "version"]))
        res["kforge version (old)"].append(timed([a.old, "--version"]))
        res["etcdctl version"].append(timed([etcdctl, "version"]))
    base = statistics.median(t for t, _ in res["etcdctl version"])
    table([[k, f"{statistics.median(t for t, _ in v) * 1000:.1f} ms",
            f"{statistics.median(t for t, _ in v) / base:.2f}x",
            f"{max(m for _, m in v):.1f} MiB"] for k, v in res.items()],
          ["command", "median", "vs etcdctl", "peak RSS"])

    print("\n### init --root (median of %d)\n" % a.runs)
    rows = []
    for alg in ("RSA-2048", "ECDSA-P256"):
        times = {"new": [], "old": []}
        for _ in range(a.runs):
            for label, b in (("new", a.new), ("old", a.old)):
                with tempfile.TemporaryDirectory() as d:
                    times[label].append(timed([b, "init", "--root", d, "--apiserver-advertise-address", "127.0.0.1",
                                               "--node-name", "bench", "-q", "--encryption-algorithm", alg]))
        new = statistics.median(t for t, _ in times["new"])
        old = statistics.median(t for t, _ in times["old"])
        rows.append([alg, f"{new:.3f} s", f"{old:.3f} s", f"{new / old:.2f}x",
                     f"{max(m for _, m in times['new']):.1f} / {max(m for _, m in times['old']):.1f} MiB"])
    table(rows, ["keys", "new", "old", "new/old", "peak RSS new / old"])


if __name__ == "__main__":
    main()
