#!/usr/bin/env python3
"""Who used the CPU during a measurement, for bench/run.

    cpuwatch.py OUT.json [PID=NAME …] &   # started before the measurement
    kill -TERM $!; wait $!                 # after it: OUT.json holds cores used per group

Samples /proc every 0.5 s until SIGTERM. Groups, in cores (1.0 = one core busy all the time):
the given pids under their names (the server, the peer), "postgres", "load tool" (wrk, pgbench,
python3, curl, hyperfine, xlsx-bench), "others": every other process seen, e.g. other developers'
compilers and tests (the noise of a figure; "others_top" names the busiest), and "kernel": the rest
of the machine's busy time from /proc/stat, mostly interrupt and softirq time of the loopback
traffic, and processes that lived less than one sample.
"""

import json
import os
import signal
import sys
import time

HZ = os.sysconf("SC_CLK_TCK")
LOAD_TOOLS = {"wrk", "pgbench", "python3", "curl", "hyperfine", "xlsx-bench", "timeout"}
ME = str(os.getpid())


def busy_total():
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return user + nice + system + irq + softirq + steal


def snapshot():
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or pid == ME:
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                s = f.read()
        except OSError:
            continue
        comm = s[s.index("(") + 1 : s.rindex(")")]
        fields = s[s.rindex(")") + 2 :].split()
        out[pid] = (comm, int(fields[11]) + int(fields[12]), fields[19])  # comm, utime+stime, starttime
    return out


def main():
    out_path = sys.argv[1]
    named = dict(arg.split("=", 1) for arg in sys.argv[2:])
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    start_time = time.monotonic()
    start_busy = busy_total()
    first = snapshot()
    # Per process (pid + start time, so a reused pid is another process): ticks at first sight, last seen.
    seen = {(pid, st): (comm, ticks, ticks) for pid, (comm, ticks, st) in first.items()}
    while not stop:
        time.sleep(0.5)
        for pid, (comm, ticks, st) in snapshot().items():
            key = (pid, st)
            if key in seen:
                c, t0, _ = seen[key]
                seen[key] = (c, t0, ticks)
            else:
                seen[key] = (comm, 0, ticks)  # started meanwhile: all its ticks are ours to count
    seconds = time.monotonic() - start_time
    groups = {}
    others = {}
    for (pid, _), (comm, t0, t1) in seen.items():
        delta = t1 - t0
        if delta <= 0:
            continue
        if pid in named:
            group = named[pid]
        elif comm.startswith("postgres"):
            group = "postgres"
        elif comm in LOAD_TOOLS or comm.startswith("wrk"):
            group = "load tool"
        else:
            group = "others"
            others[comm] = others.get(comm, 0) + delta / HZ
        groups[group] = groups.get(group, 0) + delta / HZ
    groups.setdefault("others", 0.0)
    groups["kernel"] = max(0.0, (busy_total() - start_busy) / HZ - sum(groups.values()))
    result = {k: round(v / seconds, 2) for k, v in sorted(groups.items())}
    top = sorted(others.items(), key=lambda x: -x[1])[:3]
    result["others_top"] = ", ".join(f"{name} {ticks / seconds:.2f}" for name, ticks in top if ticks / seconds >= 0.01)
    with open(out_path, "w") as f:
        f.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
