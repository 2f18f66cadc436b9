#!/usr/bin/env python3
"""Waits until the machine is quiet, for bench/run: `quiet.py MAX_WAIT_SECONDS`.

Quiet = for 5 seconds in a row, all processes together used less than 0.25 of one core and no
rustc ran (other developers compile and run tests in the same tree on the same 2 cores). Prints
the busiest processes once a minute while waiting. Exits 0 when quiet, 1 when MAX_WAIT_SECONDS
passed first (bench/run then measures anyway and RESULTS.md shows the conditions).
"""

import os
import sys
import time

HZ = os.sysconf("SC_CLK_TCK")
THRESHOLD = 0.25  # cores
ME = os.getpid()


def snapshot():
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == ME:
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                s = f.read()
        except OSError:
            continue
        comm = s[s.index("(") + 1 : s.rindex(")")]
        fields = s[s.rindex(")") + 2 :].split()
        out[int(pid)] = (comm, int(fields[11]) + int(fields[12]))
    return out


def main():
    max_wait = float(sys.argv[1]) if len(sys.argv) > 1 else 1800
    start = time.monotonic()
    quiet_for = 0
    last_report = start
    before = snapshot()
    while time.monotonic() - start < max_wait:
        time.sleep(1)
        after = snapshot()
        by_name = {}
        for pid, (comm, ticks) in after.items():
            delta = ticks - before.get(pid, (comm, ticks))[1]
            if delta > 0:
                by_name[comm] = by_name.get(comm, 0) + delta / HZ
        before = after
        busy = sum(by_name.values())
        if busy < THRESHOLD and "rustc" not in by_name:
            quiet_for += 1
            if quiet_for >= 5:
                return 0
        else:
            quiet_for = 0
            if time.monotonic() - last_report >= 60:
                last_report = time.monotonic()
                top = ", ".join(f"{n} {c:.2f}" for n, c in sorted(by_name.items(), key=lambda x: -x[1])[:5])
                print(f"waiting for a quiet machine ({busy:.2f} cores busy: {top})", file=sys.stderr, flush=True)
    return 1


if __name__ == "__main__":
    sys.exit(main())
