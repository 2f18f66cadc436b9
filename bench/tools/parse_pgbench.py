#!/usr/bin/env python3
"""Summarises a pgbench run for bench/run: `parse_pgbench.py OUTPUT.txt [LOG_PREFIX]`.

Reads pgbench's report (tps without the initial connection time, transactions, failures, average
latency) and, when pgbench ran with `-l --log-prefix=LOG_PREFIX`, its per-transaction log files
(LOG_PREFIX.<pid>[.<thread>]; the third column is the latency in µs) for p50/p95/p99. Prints JSON.
"""

import glob
import json
import re
import sys


def main():
    text = open(sys.argv[1]).read()
    prefix = sys.argv[2] if len(sys.argv) > 2 else None

    def number(pattern, cast=float):
        m = re.search(pattern, text)
        return cast(m.group(1)) if m else None

    out = {
        "tps": number(r"tps = ([\d.]+) \(without initial connection time\)"),
        "transactions": number(r"number of transactions actually processed: (\d+)", int),
        "failed": number(r"number of failed transactions: (\d+)", int) or 0,
        "latency_avg_ms": number(r"latency average = ([\d.]+) ms"),
        "seconds": number(r"duration: (\d+) s", int),
        "clients": number(r"number of clients: (\d+)", int),
    }
    if prefix:
        latencies = []
        for path in glob.glob(prefix + ".*"):
            with open(path) as f:
                for line in f:
                    parts = line.split()
                    if len(parts) >= 3 and parts[2].isdigit():
                        latencies.append(int(parts[2]) / 1000.0)
        latencies.sort()
        if latencies:
            at = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
            out.update({"p50_ms": at(0.50), "p95_ms": at(0.95), "p99_ms": at(0.99), "max_ms": latencies[-1]})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
