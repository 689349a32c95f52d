#!/usr/bin/env python3
"""STAND-IN for kube-apiserver, kube-controller-manager, kube-scheduler and the
kubelet's healthz, which have no binaries on these machines. It only answers
the health endpoints the way those components do (`ok`, and for
`/readyz?verbose` the `[+]name ok` / `[-]name failed: reason withheld` lines),
over HTTPS with the certificate kforge generated (or plain HTTP for the
kubelet's healthz). Nothing else about those components is imitated.

usage: standin.py --port P [--cert C --key K] [--failing etcd,...]
"""
import argparse, http.server, ssl, sys

CHECKS = ["ping", "log", "etcd", "etcd-readiness", "informer-sync", "poststarthook/start-apiserver-admission-initializer"]

ap = argparse.ArgumentParser()
ap.add_argument("--port", type=int, required=True)
ap.add_argument("--cert")
ap.add_argument("--key")
ap.add_argument("--failing", default="")
a = ap.parse_args()
failing = set(filter(None, a.failing.split(",")))


class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        path, _, query = self.path.partition("?")
        if path not in ("/livez", "/readyz", "/healthz"):
            self.send_response(404); self.end_headers(); return
        bad = [c for c in CHECKS if c in failing]
        if "verbose" in query:
            lines = [f"[-]{c} failed: reason withheld" if c in failing else f"[+]{c} ok" for c in CHECKS]
            lines.append(f"{path[1:]} check failed" if bad else f"{path[1:]} check passed")
            body = "\n".join(lines) + "\n"
        else:
            body = (f"[-]{bad[0]} failed: reason withheld\n{path[1:]} check failed\n" if bad else "ok")
        self.send_response(500 if bad else 200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


srv = http.server.ThreadingHTTPServer(("127.0.0.1", a.port), H)
if a.cert:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(a.cert, a.key)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
print("ready", flush=True)
srv.serve_forever()
