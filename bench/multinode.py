#!/usr/bin/env python3
"""Two Keyward nodes on one PostgreSQL behind nginx: revocation propagation, then API throughput
through the balancer against a single SQLite node. Run by bench/multinode.sh, which provides the
database (KEYWARD_TEST_POSTGRES_URL) and the tools.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

import http.client

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import apibench  # noqa: E402  (wrk runs, the Lua script and the single SQLite node)

DEADLINE = 1.0


free_port = apibench.free_port


class Client:
    """One keep-alive HTTP connection to a server, posting API requests."""

    def __init__(self, port: int):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)

    def post(self, fields: dict) -> tuple[int, dict]:
        body = urllib.parse.urlencode({**fields, "responsetype": "json"})
        for attempt in range(2):
            try:
                self.connection.request("POST", "/includes/api.php", body,
                                        {"Content-Type": "application/x-www-form-urlencoded"})
                response = self.connection.getresponse()
                data = response.read()
                return response.status, (json.loads(data) if data else {})
            except (OSError, http.client.HTTPException):
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                if attempt:
                    raise
        raise AssertionError("unreachable")


class Node:
    def __init__(self, binary: str, env: dict, name: str):
        self.name = name
        self.port = free_port()
        self.dir = env["KEYWARD_DATA_DIR"]
        self.log = open(os.path.join(self.dir, f"{name}.log"), "ab")
        self.proc = subprocess.Popen(
            [binary, "serve", "--listen", f"127.0.0.1:{self.port}", "--no-access-log", "--trusted-proxy", "127.0.0.1"],
            env={**env, "KEYWARD_DATABASE_URL": env["KEYWARD_DATABASE_URL"] + f"&application_name={name}"},
            stdout=subprocess.PIPE, stderr=self.log, text=True)
        deadline = time.monotonic() + 60
        for line in self.proc.stdout:
            if "listening on" in line:
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not start")
        subprocess.Popen(["cat"], stdin=self.proc.stdout, stdout=subprocess.DEVNULL)
        self.client = Client(self.port)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Balancer:
    """nginx with both nodes as one upstream (round robin, keep-alive to the nodes)."""

    def __init__(self, ports: list[int], workers: int):
        self.dir = tempfile.mkdtemp(prefix="nginx-multinode-")
        self.port = free_port()
        servers = "\n".join(f"    server 127.0.0.1:{port};" for port in ports)
        conf = f"""
worker_processes {workers};
pid {self.dir}/nginx.pid;
error_log {self.dir}/error.log;
daemon off;
events {{ worker_connections 8192; }}
http {{
  access_log off;
  client_body_temp_path {self.dir};
  proxy_temp_path {self.dir};
  keepalive_requests 1000000;
  upstream keyward {{
{servers}
    keepalive 256;
  }}
  server {{
    listen 127.0.0.1:{self.port};
    location / {{
      proxy_pass http://keyward;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For $remote_addr;
    }}
  }}
}}
"""
        with open(f"{self.dir}/nginx.conf", "w") as f:
            f.write(conf)
        self.proc = subprocess.Popen(["nginx", "-c", f"{self.dir}/nginx.conf", "-p", self.dir],
                                     stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        self.client = Client(self.port)
        self.url = f"http://127.0.0.1:{self.port}/includes/api.php"

    def stop(self):
        self.proc.send_signal(signal.SIGQUIT)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest value with at least `fraction` of them at or below it."""
    ordered = sorted(values)
    return ordered[min(len(ordered), max(1, math.ceil(fraction * len(ordered)))) - 1]


def revocations(a: Node, b: Node, balancer: Balancer, manager: dict, admin_id: int, iterations: int) -> dict:
    """Generate on A, use through the balancer, remove on B, poll both until rejected."""
    visible, propagation, late, polls = [], [], 0, 0
    for _ in range(iterations):
        status, body = a.client.post({**manager, "action": "GenerateApiCredential", "adminid": str(admin_id),
                                      "roleids": "bench"})
        assert body.get("result") == "success", body
        credential = {"identifier": body["identifier"], "secret": body["secret"], "action": "WhmcsDetails"}
        generated = time.monotonic()
        while balancer.client.post(credential)[0] != 200:
            assert time.monotonic() - generated < 5, "a new credential never worked through the balancer"
            time.sleep(0.001)
        visible.append(time.monotonic() - generated)
        status, body = b.client.post({**manager, "action": "DeleteApiCredential", "id": str(body["id"])})
        assert body.get("result") == "success", body
        removed = time.monotonic()
        rejected = {}
        while len(rejected) < 2:
            for node in (a, b):
                if node.name in rejected:
                    continue
                status, _ = node.client.post(credential)
                now = time.monotonic() - removed
                polls += 1
                if status == 200 and now > DEADLINE:
                    late += 1
                elif status == 403:
                    rejected[node.name] = now
            assert time.monotonic() - removed < 10, "a removed credential still works after 10 s"
        propagation.append(max(rejected.values()))
        # It stays rejected everywhere, the balancer included.
        for client in (a.client, b.client, balancer.client, balancer.client):
            if client.post(credential)[0] == 200:
                late += 1
    return {"visible": visible, "propagation": propagation, "late": late, "polls": polls}


def throughput(url: str, body: str, pids: list[int], connections: int, seconds: int, runs: int) -> dict:
    script = apibench.write_lua(body)
    results = []
    for _ in range(runs):
        before = sum(apibench.cpu_ticks(pid) for pid in pids)
        run = apibench.wrk(url, script, connections, seconds, pids[0])
        after = sum(apibench.cpu_ticks(pid) for pid in pids)
        run.cpu_us = (after - before) * 1e6 / apibench.TICK
        results.append(run)
    os.unlink(script)
    return apibench.summarize(results)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--binary", default=".build/release/keyward")
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--credentials", type=int, default=10_000)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="3 runs of 3 s")
    args = parser.parse_args()
    if args.quick:
        args.duration = 3
    base_url = os.environ.get("KEYWARD_TEST_POSTGRES_URL")
    if not base_url:
        sys.exit("KEYWARD_TEST_POSTGRES_URL is unset: run bench/multinode.sh (it starts PostgreSQL)")
    binary = os.path.abspath(args.binary)
    schema = "bench_" + secrets.token_hex(6)
    data_dir = tempfile.mkdtemp(prefix="keyward-multinode-")
    env = {**os.environ, "KEYWARD_DATABASE_URL": f"{base_url}&schema={schema}", "KEYWARD_DATA_DIR": data_dir,
           "KEYWARD_SECRET_KEY": secrets.token_hex(32), "KEYWARD_PASSWORD_COST": "minimal",
           "KEYWARD_ADMIN_PASSWORD": "bench-admin-password", "NO_COLOR": "1"}

    print(f"Keyward multi-node benchmark — {time.strftime('%Y-%m-%d %H:%M:%S')}, {os.cpu_count()} CPUs, "
          f"PostgreSQL on loopback, 2 nodes behind nginx (1 worker)")
    started = time.monotonic()
    seeded = json.loads(subprocess.run(
        [binary, "bench-seed", "--credentials", str(args.credentials), "--batch", "10000", "--json"],
        env=env, capture_output=True, text=True, check=True, timeout=900).stdout)
    print(f"seeded {args.credentials:,} credentials into PostgreSQL in {time.monotonic() - started:.1f} s")
    for setting in (["--api-ban-threshold", "1000000"], ["--ban-exemption", "127.0.0.0/8"]):
        subprocess.run([binary, "settings", "set", *setting], env=env, capture_output=True, check=True)
    bench_admin = json.loads(subprocess.run([binary, "admin", "show", "bench", "--json"], env=env,
                                            capture_output=True, text=True, check=True).stdout)["id"]
    manager = {"identifier": seeded["identifier"], "secret": seeded["secret"]}

    a = Node(binary, env, "kw-node-a")
    b = Node(binary, env, "kw-node-b")
    balancer = Balancer([a.port, b.port], workers=1)
    try:
        result = revocations(a, b, balancer, manager, bench_admin, args.iterations)
        ms = [value * 1000 for value in result["propagation"]]
        seen = [value * 1000 for value in result["visible"]]
        print(f"\nrevocation: {args.iterations} times generate on A → use via nginx → remove on B → poll A and B")
        print(f"  propagation (removal answered → rejected on both nodes): p50 {percentile(ms, 0.5):.1f} ms   "
              f"p99 {percentile(ms, 0.99):.1f} ms   max {max(ms):.1f} ms")
        print(f"  new credential usable through nginx after:                p50 {percentile(seen, 0.5):.1f} ms   "
              f"p99 {percentile(seen, 0.99):.1f} ms   max {max(seen):.1f} ms")
        print(f"  requests accepted after the {DEADLINE:.0f}-second deadline: {result['late']} "
              f"(of {result['polls']} polls)   {'PASS' if result['late'] == 0 else 'FAIL'}")
        sys.stdout.flush()

        body = (f"action=GetAdminDetails&identifier={seeded['identifier']}&secret={seeded['secret']}"
                "&responsetype=json")
        multi = throughput(balancer.url, body, [a.proc.pid, b.proc.pid, balancer.proc.pid], args.connections,
                           args.duration, args.runs)
    finally:
        balancer.stop()
        a.stop()
        b.stop()

    single_node = apibench.Keyward(binary, args.credentials, threads=2)
    try:
        single = throughput(single_node.url, single_node.body(), [single_node.proc.pid], args.connections,
                            args.duration, args.runs)
    finally:
        single_node.stop()
    print(f"\nGetAdminDetails, {args.connections} connections, {args.runs} runs of {args.duration} s (wrk, 1 thread):")
    print(apibench.row("2 nodes via nginx", multi))
    print(apibench.row("1 SQLite node", single))
    print(f"  ratio 2 nodes via nginx / 1 SQLite node: requests/s {multi['rps'] / single['rps']:.2f}×   "
          f"(cpu/request counts both nodes and nginx)")
    subprocess.run(["psql", "-X", "-q", base_url, "-c", f"DROP SCHEMA IF EXISTS {schema} CASCADE"],
                   capture_output=True)
    shutil.rmtree(data_dir, ignore_errors=True)
    sys.exit(0 if result["late"] == 0 else 1)


if __name__ == "__main__":
    main()
