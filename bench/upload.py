#!/usr/bin/env python3
"""Off-node backups: kforge's encrypted S3 upload and fetch against rclone, same snapshot, same server.

Usage: python3 bench/upload.py [--runs N] [--size-mib 1024] [--snapshot PATH]

A SeaweedFS `weed mini` server is started on loopback (plain HTTP for both tools, so neither pays
for TLS the other skips). etcd 3.5 is filled with 900 KB values up to about --size-mib and one
snapshot is taken with `kforge snapshot save` (kept with --snapshot PATH for the next run). Then,
alternating which tool goes first:

- upload: `kforge snapshot save --upload s3://… --encrypt-to age1…` (the upload phase as kforge
  reports it: open, read, age-encrypt, multipart upload, complete, the record beside it) against
  `rclone copyto` of the same snapshot file, unencrypted (its wall time);
- the same kforge upload with `--sign-key` (an ed25519 SSHSIG over the record, uploaded beside
  it): the cost of signing and the record against the unsigned upload;
- peak RSS of the kforge process that saved and uploaded (GNU time %M);
- fetch: `kforge snapshot status s3://…/NAME --identity KEY` (download, decrypt, sha256 trailer
  check, database status) against `rclone copyto` down plus `sha256sum` of the file.

Printed: medians, min and max, and the ratios kforge / rclone (below 1: kforge faster).
Build first: cargo build --release (or set KFORGE to the binary).
"""
import argparse, json, os, shutil, socket, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KFORGE = os.environ.get("KFORGE", os.path.join(ROOT, "target", "release", "kforge"))
DEPS = os.environ.get("KFORGE_TEST_DEPS", "/opt/kforge-test")
E35 = os.path.join(DEPS, "etcd-v3.5.1")
ETCD, ETCDCTL = os.path.join(E35, "etcd"), os.path.join(E35, "etcdctl")
WEED, RCLONE = os.path.join(DEPS, "bin", "weed"), os.path.join(DEPS, "bin", "rclone")
KEY = ("BENCHKEY", "bench-secret-0123456789")


def free_ports(n):
    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def run(argv, **kw):
    p = subprocess.run(argv, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(argv)}\n{p.stdout}\n{p.stderr}")
    return p


def wait(pred, secs, what):
    end = time.time() + secs
    while time.time() < end:
        if pred():
            return
        time.sleep(0.3)
    sys.exit(f"timed out: {what}")


def start_weed(d):
    p = free_ports(11)
    os.makedirs(os.path.join(d, "data"))
    with open(os.path.join(d, "s3.json"), "w") as f:
        json.dump({"identities": [{"name": "bench", "credentials": [
            {"accessKey": KEY[0], "secretKey": KEY[1]}],
            "actions": ["Admin", "Read", "List", "Tagging", "Write"]}]}, f)
    flags = ["master.port", "master.port.grpc", "volume.port", "volume.port.grpc", "filer.port",
             "filer.port.grpc", "s3.port", "s3.port.grpc", "admin.port", "admin.port.grpc"]
    argv = [WEED, "mini", f"-dir={d}/data", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
            f"-s3.config={d}/s3.json", "-admin.ui=false", "-webdav=false", "-s3.port.iceberg=0",
            "-s3.port.lance=0", "-master.telemetry=false"] + [f"-{f}={v}" for f, v in zip(flags, p)]
    proc = subprocess.Popen(argv, stdout=open(os.path.join(d, "weed.log"), "w"),
                            stderr=subprocess.STDOUT)
    endpoint = f"http://127.0.0.1:{p[6]}"
    wait(lambda: subprocess.run(["curl", "-s", "-o", "/dev/null", endpoint + "/"]).returncode == 0,
         60, "weed mini")
    run(["curl", "-s", "-f", "-X", "PUT", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user",
         f"{KEY[0]}:{KEY[1]}", endpoint + "/bench"])
    return proc, endpoint


def make_snapshot(d, size_mib, out):
    c, pe = free_ports(2)
    ep = f"http://127.0.0.1:{c}"
    etcd = subprocess.Popen([ETCD, "--data-dir", f"{d}/etcd", "--listen-client-urls", ep,
                             "--advertise-client-urls", ep, "--listen-peer-urls",
                             f"http://127.0.0.1:{pe}", "--initial-advertise-peer-urls",
                             f"http://127.0.0.1:{pe}", "--initial-cluster",
                             f"default=http://127.0.0.1:{pe}", "--quota-backend-bytes",
                             str(8 << 30)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait(lambda: subprocess.run([ETCDCTL, "--endpoints", ep, "endpoint", "health"],
                                    capture_output=True).returncode == 0, 30, "etcd")
        value = os.urandom(900_000)
        for i in range(size_mib * 1024 * 1024 // 900_000 + 1):
            subprocess.run([ETCDCTL, "--endpoints", ep, "put", f"/bench/{i:06}"], input=value,
                           capture_output=True, check=True)
        run([KFORGE, "snapshot", "save", "--endpoints", ep, out])
    finally:
        etcd.kill()
        etcd.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--size-mib", type=int, default=1024)
    ap.add_argument("--snapshot", help="reuse (or keep) the snapshot file here")
    a = ap.parse_args()
    d = tempfile.mkdtemp(prefix="kforge-bench-upload-")
    weed = None
    try:
        weed, endpoint = start_weed(os.path.join(d, "weed"))
        snap = a.snapshot or os.path.join(d, "snap.db")
        if not os.path.exists(snap):
            print(f"filling etcd to ~{a.size_mib} MiB and saving {snap} ...", flush=True)
            make_snapshot(d, a.size_mib, snap)
        size = os.path.getsize(snap)
        run(["age-keygen", "-o", f"{d}/key.txt"])
        run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bench", "-f", f"{d}/sign"])
        recipient = run(["age-keygen", "-y", f"{d}/key.txt"]).stdout.strip()
        with open(f"{d}/creds", "w") as f:
            f.write(f"[default]\naws_access_key_id = {KEY[0]}\naws_secret_access_key = {KEY[1]}\n")
        s3 = ["--s3-endpoint", endpoint, "--s3-credentials-file", f"{d}/creds"]
        rc = [RCLONE, "--s3-provider", "Other", "--s3-endpoint", endpoint, "--s3-access-key-id",
              KEY[0], "--s3-secret-access-key", KEY[1], "--s3-region", "us-east-1",
              "--s3-no-check-bucket", "--config", "/dev/null", "-q"]
        # kforge uploads what it saves: an etcd is booted on a restore of the snapshot and each
        # kforge run saves from it (the upload phase is timed by kforge itself); rclone copies the
        # prepared file, of the same size.
        c, pe = free_ports(2)
        ep = f"http://127.0.0.1:{c}"
        run([KFORGE, "snapshot", "restore", snap, "--data-dir", f"{d}/etcd-src", "--name", "b",
             "--initial-advertise-peer-urls", f"http://127.0.0.1:{pe}"])
        etcd = subprocess.Popen([ETCD, "--name", "b", "--data-dir", f"{d}/etcd-src",
                                 "--listen-client-urls", ep, "--advertise-client-urls", ep,
                                 "--listen-peer-urls", f"http://127.0.0.1:{pe}",
                                 "--initial-advertise-peer-urls", f"http://127.0.0.1:{pe}",
                                 "--initial-cluster", f"b=http://127.0.0.1:{pe}",
                                 "--quota-backend-bytes", str(8 << 30)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait(lambda: subprocess.run([ETCDCTL, "--endpoints", ep, "endpoint", "health"],
                                        capture_output=True).returncode == 0, 60, "etcd")
            up_k, up_s, up_r, rss, down_k, down_r = [], [], [], [], [], []
            for i in range(a.runs):
                def kforge_save(target, extra, into):
                    local = f"{d}/{target}"
                    os.makedirs(local, exist_ok=True)
                    p = run(["/usr/bin/time", "-f", "%M", KFORGE, "snapshot", "save", "-o", "json",
                             "--endpoints", ep, "--dir", local, "--upload", f"s3://bench/{target}",
                             "--encrypt-to", recipient, "--node-name", "bench"] + extra + s3)
                    out = json.loads(p.stdout)
                    into.append(out["uploads"][0]["durationSeconds"])
                    rss.append(int(p.stderr.strip().splitlines()[-1]) / 1024)
                    shutil.rmtree(local)
                    return f"{target}/{out['uploads'][0]['name']}"

                def kforge_up():
                    return kforge_save(f"k{i}", [], up_k)

                def kforge_signed():
                    kforge_save(f"s{i}", ["--sign-key", f"{d}/sign"], up_s)

                def rclone_up():
                    t0 = time.perf_counter()
                    run(rc + ["copyto", snap, f":s3:bench/r{i}/snap.db"])
                    up_r.append(time.perf_counter() - t0)

                order = ([kforge_up, kforge_signed, rclone_up] if i % 2 == 0
                         else [rclone_up, kforge_signed, kforge_up])
                names = [f() for f in order]
                kname = next(n for n in names if n)

                def kforge_down():
                    t0 = time.perf_counter()
                    run([KFORGE, "snapshot", "status", f"s3://bench/{kname}", "--identity",
                         f"{d}/key.txt"] + s3)
                    down_k.append(time.perf_counter() - t0)

                def rclone_down():
                    t0 = time.perf_counter()
                    run(rc + ["copyto", f":s3:bench/r{i}/snap.db", f"{d}/down.db"])
                    run(["sha256sum", f"{d}/down.db"])
                    down_r.append(time.perf_counter() - t0)
                    os.remove(f"{d}/down.db")

                for f in ([kforge_down, rclone_down] if i % 2 == 0 else [rclone_down, kforge_down]):
                    f()
        finally:
            etcd.kill()
            etcd.wait()

        def show(name, v):
            print(f"  {name:48} median {statistics.median(v):7.2f}s  min {min(v):7.2f}  max {max(v):7.2f}")

        print(f"snapshot {size / 2**20:.0f} MiB, {a.runs} alternating runs, weed mini on loopback (HTTP)")
        show("kforge upload (age-encrypted, multipart)", up_k)
        show("kforge upload, record signed (--sign-key)", up_s)
        show("rclone copyto (plain)", up_r)
        print(f"  signing + record cost: {(statistics.median(up_s) / statistics.median(up_k) - 1) * 100:+.1f}% of the upload")
        print(f"  upload ratio kforge/rclone: {statistics.median(up_k) / statistics.median(up_r):.2f}")
        print(f"  kforge peak RSS (save + upload): median {statistics.median(rss):.1f} MiB, max {max(rss):.1f} MiB")
        show("kforge status URL (download+decrypt+verify)", down_k)
        show("rclone copyto down + sha256sum", down_r)
        print(f"  fetch ratio kforge/rclone: {statistics.median(down_k) / statistics.median(down_r):.2f}")
    finally:
        if weed:
            weed.kill()
            weed.wait()
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
