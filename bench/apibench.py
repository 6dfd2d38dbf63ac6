#!/usr/bin/env python3
"""Drives Keyward and nginx with identical wrk runs and prints requests/s, latency and server CPU.

Each comparison alternates the two servers (A B A B ...), so drift in the machine's load hits both
alike. Server CPU per request comes from /proc/<pid>/stat (user + system ticks of every process of
the server), sampled around each run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

TICK = os.sysconf("SC_CLK_TCK")
LUA = """
wrk.method = "POST"
wrk.body = "{body}"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %.1f %.1f %.1f %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), latency.max, e.connect + e.read + e.write + e.timeout, e.status))
end
"""


@dataclass
class Run:
    requests: int
    seconds: float
    p50_us: float
    p99_us: float
    max_us: float
    socket_errors: int
    non_2xx: int
    cpu_us: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    @property
    def cpu_per_request(self) -> float:
        return self.cpu_us / max(1, self.requests)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def process_tree(pid: int) -> list[int]:
    pids = [pid]
    try:
        for line in open(f"/proc/{pid}/task/{pid}/children").read().split():
            pids += process_tree(int(line))
    except OSError:
        pass
    return pids


def cpu_ticks(pid: int) -> int:
    total = 0
    for p in process_tree(pid):
        try:
            fields = open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except OSError:
            pass
    return total


def wrk(url: str, script: str, connections: int, seconds: int, pid: int, timeout: str = "2s") -> Run:
    before = cpu_ticks(pid)
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout}", "-s", script, url],
        capture_output=True, text=True, timeout=seconds + 30,
    ).stdout
    after = cpu_ticks(pid)
    line = next(l for l in out.splitlines() if l.startswith("BENCH "))
    req, dur, p50, p99, mx, errs, non2xx = line.split()[1:]
    return Run(int(req), int(dur) / 1e6, float(p50), float(p99), float(mx), int(errs), int(non2xx),
               (after - before) * 1e6 / TICK)


class Keyward:
    def __init__(self, binary: str, credentials: int, threads: int):
        self.binary = os.path.abspath(binary)
        self.dir = tempfile.mkdtemp(prefix="keyward-bench-")
        self.env = {**os.environ, "KEYWARD_DATA_DIR": self.dir, "KEYWARD_PASSWORD_COST": "minimal",
                    "KEYWARD_ADMIN_PASSWORD": "bench-admin-password"}
        started = time.monotonic()
        seeded = json.loads(subprocess.run(
            [self.binary, "bench-seed", "--credentials", str(credentials), "--batch", "200000", "--json"],
            env=self.env, capture_output=True, text=True, check=True).stdout)
        self.seed_seconds = time.monotonic() - started
        # The wrong-secret runs fail authentication on purpose: exempt loopback from bans.
        subprocess.run([self.binary, "settings", "set", "--ban-exemption", "127.0.0.0/8"], env=self.env,
                       capture_output=True, check=True)
        self.identifier, self.secret = seeded["identifier"], seeded["secret"]
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/includes/api.php"
        started = time.monotonic()
        self.proc = subprocess.Popen(
            [self.binary, "serve", "--listen", f"127.0.0.1:{self.port}", "--no-access-log", "--threads", str(threads)],
            env=self.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        for line in self.proc.stdout:
            if "listening on" in line:
                break
        self.start_seconds = time.monotonic() - started
        subprocess.Popen(["cat"], stdin=self.proc.stdout, stdout=subprocess.DEVNULL)

    def body(self, wrong: bool = False) -> str:
        secret = (self.secret[:-3] + ("xyz" if not self.secret.endswith("xyz") else "abc")) if wrong else self.secret
        return f"action=GetAdminDetails&identifier={self.identifier}&secret={secret}&responsetype=json"

    def rss_mib(self) -> float:
        for line in open(f"/proc/{self.proc.pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


class Nginx:
    def __init__(self, body: str, workers: int):
        self.dir = tempfile.mkdtemp(prefix="nginx-bench-")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/includes/api.php"
        escaped = body.replace("\\", "\\\\").replace("'", "\\'")
        conf = f"""
worker_processes {workers};
pid {self.dir}/nginx.pid;
error_log {self.dir}/error.log;
daemon off;
events {{ worker_connections 8192; }}
http {{
  access_log off;
  client_body_temp_path {self.dir};
  keepalive_requests 1000000;
  server {{
    listen 127.0.0.1:{self.port};
    location = /includes/api.php {{ default_type application/json; return 200 '{escaped}'; }}
  }}
}}
"""
        open(f"{self.dir}/nginx.conf", "w").write(conf)
        self.proc = subprocess.Popen(["nginx", "-c", f"{self.dir}/nginx.conf", "-p", self.dir],
                                     stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)

    def stop(self):
        self.proc.send_signal(signal.SIGQUIT)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


def write_lua(body: str) -> str:
    fd, path = tempfile.mkstemp(suffix=".lua")
    os.write(fd, LUA.format(body=body).encode())
    os.close(fd)
    return path


def summarize(runs: list[Run]) -> dict:
    return {
        "rps": statistics.median(r.rps for r in runs),
        "p50_ms": statistics.median(r.p50_us for r in runs) / 1000,
        "p99_ms": statistics.median(r.p99_us for r in runs) / 1000,
        "max_ms": max(r.max_us for r in runs) / 1000,
        "cpu_us": statistics.median(r.cpu_per_request for r in runs),
        "errors": sum(r.socket_errors for r in runs),
        "non2xx": sum(r.non_2xx for r in runs),
    }


def row(name: str, s: dict) -> str:
    return (f"  {name:<22} {s['rps']:>10,.0f} req/s   p50 {s['p50_ms']:6.3f} ms   p99 {s['p99_ms']:6.3f} ms   "
            f"cpu {s['cpu_us']:6.1f} µs/req   socket errors {s['errors']}   non-2xx {s['non2xx']}")


def compare(keyward: Keyward, nginx: Nginx, connections: int, args, wrong: bool = False, label: str = "") -> tuple[dict, dict]:
    kw_script = write_lua(keyward.body(wrong))
    ng_script = write_lua(keyward.body(wrong))
    kw_runs, ng_runs = [], []
    for i in range(args.runs):
        order = [("n", nginx), ("k", keyward)] if i % 2 == 0 else [("k", keyward), ("n", nginx)]
        for tag, server in order:
            pid = server.proc.pid
            if tag == "k":
                kw_runs.append(wrk(keyward.url, kw_script, connections, args.duration, pid))
            else:
                ng_runs.append(wrk(nginx.url, ng_script, connections, args.duration, pid))
    os.unlink(kw_script)
    os.unlink(ng_script)
    k, n = summarize(kw_runs), summarize(ng_runs)
    print(f"\n{label or 'GetAdminDetails'}: {connections} connections, {args.runs} runs of {args.duration} s each, alternating")
    print(row("nginx (static body)", n))
    print(row("keyward", k))
    print(f"  ratio keyward/nginx:    requests/s {k['rps'] / n['rps']:.2f}×   cpu/request {k['cpu_us'] / n['cpu_us']:.2f}×")
    sys.stdout.flush()
    return k, n


def keyward_only(keyward: Keyward, connections: int, args, wrong: bool) -> dict:
    script = write_lua(keyward.body(wrong))
    runs = [wrk(keyward.url, script, connections, args.duration, keyward.proc.pid) for _ in range(args.runs)]
    os.unlink(script)
    return summarize(runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--binary", default=".build/release/keyward")
    parser.add_argument("--credentials", type=int, default=10_000)
    parser.add_argument("--million", type=int, default=1_000_000, help="size of the large-database run (0 skips it)")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--connections", default="32,128")
    parser.add_argument("--threads", type=int, default=2, help="Keyward threads and nginx workers")
    parser.add_argument("--sweep", default="1,8,32,64,127,128,129,256,512", help="connection counts for the stall sweep ('' skips)")
    parser.add_argument("--quick", action="store_true", help="10k credentials, 32 connections, 3 runs of 3 s, no 1M, short sweep")
    args = parser.parse_args()
    if args.quick:
        args.duration, args.connections, args.million, args.sweep = 3, "32", 0, "1,128,512"

    print(f"Keyward API benchmark — {time.strftime('%Y-%m-%d %H:%M:%S')}, {os.cpu_count()} CPUs, "
          f"wrk 1 thread, keyward --threads {args.threads}, nginx worker_processes {args.threads}")
    targets = []
    keyward = Keyward(args.binary, args.credentials, args.threads)
    print(f"seeded {args.credentials:,} credentials in {keyward.seed_seconds:.1f} s; server ready in "
          f"{keyward.start_seconds:.2f} s; RSS {keyward.rss_mib():.0f} MiB")
    probe = subprocess.run(["curl", "-s", "-d", keyward.body(), keyward.url], capture_output=True, text=True).stdout
    nginx = Nginx(probe, args.threads)
    try:
        results = {}
        for c in [int(x) for x in args.connections.split(",") if x]:
            results[c] = compare(keyward, nginx, c, args)
        k32, n32 = results.get(32, next(iter(results.values())))
        targets.append(("requests/s ≥ 0.9× nginx (32 conn)", k32["rps"] >= 0.9 * n32["rps"]))
        targets.append(("cpu/request ≤ 1.1× nginx (32 conn)", k32["cpu_us"] <= 1.1 * n32["cpu_us"]))
        targets.append(("p99 ≤ 1 ms (32 conn)", k32["p99_ms"] <= 1.0))

        wrong = keyward_only(keyward, 32, args, wrong=True)
        print("\nwrong secrets vs right secrets (keyward, 32 connections):")
        print(row("right secret", k32))
        print(row("wrong secret (403)", wrong))
        print(f"  ratio wrong/right:      cpu/request {wrong['cpu_us'] / k32['cpu_us']:.2f}×   "
              f"requests/s {wrong['rps'] / k32['rps']:.2f}×")
        targets.append(("wrong secrets cost no more than right ones", wrong["cpu_us"] <= k32["cpu_us"] * 1.05))

        if args.sweep:
            print("\nstall sweep (keyward, 3 s per connection count, 2 s request timeout):")
            script = write_lua(keyward.body())
            stalls = 0
            for c in [int(x) for x in args.sweep.split(",")]:
                r = wrk(keyward.url, script, c, 3, keyward.proc.pid)
                stalled = r.requests == 0 or r.socket_errors > 0
                stalls += stalled
                print(f"  {c:>4} connections: {r.rps:>10,.0f} req/s   p99 {r.p99_us / 1000:7.3f} ms   "
                      f"max {r.max_us / 1000:7.1f} ms   socket errors {r.socket_errors}{'   STALL' if stalled else ''}")
            os.unlink(script)
            targets.append(("no stall from 1 to 512 connections", stalls == 0))
    finally:
        nginx.stop()
        keyward.stop()

    if args.million:
        big = Keyward(args.binary, args.million, args.threads)
        print(f"\n{args.million:,} credentials: seeded in {big.seed_seconds:.1f} s; server ready in "
              f"{big.start_seconds:.2f} s; RSS {big.rss_mib():.0f} MiB")
        try:
            m = keyward_only(big, 32, args, wrong=False)
            print(row(f"{args.million:,} credentials", m))
            print(row(f"{args.credentials:,} credentials", k32))
            print(f"  ratio: requests/s {m['rps'] / k32['rps']:.2f}×   cpu/request {m['cpu_us'] / k32['cpu_us']:.2f}×")
            targets.append((f"{args.million:,} credentials within 10% of {args.credentials:,}", m["rps"] >= 0.9 * k32["rps"]))
        finally:
            big.stop()

    print("\ntargets:")
    for name, ok in targets:
        print(f"  {'PASS' if ok else 'MISS'}  {name}")


if __name__ == "__main__":
    main()
