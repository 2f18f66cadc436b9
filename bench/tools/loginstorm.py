#!/usr/bin/env python3
"""A login storm: POST /api/v1/sessions at a fixed rate (open loop), for bench/run.

    loginstorm.py --url http://127.0.0.1:PORT --rate 50 --seconds 30 --password P \
        --logins editor01,editor02,... --out storm.json

Requests start on a fixed schedule (every 1/rate seconds) whatever the server's answer time, each
on its own thread from a pool; when more than --max-outstanding logins are still waiting, the tick is
counted as "skipped" instead of piling up. Every login is a correct password, so each one costs a
full argon2id verification and opens a session (INSERT sessions + refresh_tokens + audit row).
The summary is written as JSON: attempts, answers by status, achieved rate, latency percentiles.
"""

import argparse
import http.client
import json
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(p / 100.0 * len(values) + 0.5)) - 1))
    return values[k]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--rate", type=float, default=50.0)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--password", required=True)
    ap.add_argument("--logins", required=True, help="comma-separated login ids, used round-robin")
    ap.add_argument("--max-outstanding", type=int, default=64)
    ap.add_argument("--out")
    args = ap.parse_args()

    url = urllib.parse.urlparse(args.url)
    logins = [l for l in args.logins.split(",") if l]
    lock = threading.Lock()
    statuses = {}
    latencies = []
    outstanding = [0]
    local = threading.local()

    def connection():
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            local.conn = conn
        return conn

    def login(i):
        body = json.dumps({"login_id": logins[i % len(logins)], "password": args.password})
        start = time.monotonic()
        status = "error"
        try:
            conn = connection()
            conn.request("POST", "/api/v1/sessions", body=body, headers={"Content-Type": "application/json"})
            res = conn.getresponse()
            res.read()
            status = str(res.status)
        except Exception:  # a dropped connection: count it, open a new one next time
            local.conn = None
        elapsed = time.monotonic() - start
        with lock:
            statuses[status] = statuses.get(status, 0) + 1
            latencies.append(elapsed * 1000.0)
            outstanding[0] -= 1

    skipped = 0
    sent = 0
    interval = 1.0 / args.rate
    pool = ThreadPoolExecutor(max_workers=args.max_outstanding)
    begin = time.monotonic()
    deadline = begin + args.seconds
    tick = begin
    i = 0
    while tick < deadline:
        now = time.monotonic()
        if now < tick:
            time.sleep(tick - now)
        with lock:
            busy = outstanding[0] >= args.max_outstanding
            if not busy:
                outstanding[0] += 1
        if busy:
            skipped += 1
        else:
            pool.submit(login, i)
            sent += 1
        i += 1
        tick = begin + i * interval
    pool.shutdown(wait=True)
    wall = time.monotonic() - begin
    ok = statuses.get("201", 0)
    summary = {
        "target_rate": args.rate,
        "seconds": round(wall, 3),
        "scheduled": i,
        "sent": sent,
        "skipped": skipped,
        "status": statuses,
        "ok": ok,
        "ok_rate": round(ok / args.seconds, 2),
        "p50_ms": percentile(latencies, 50),
        "p99_ms": percentile(latencies, 99),
        "max_ms": max(latencies) if latencies else None,
    }
    text = json.dumps(summary)
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
