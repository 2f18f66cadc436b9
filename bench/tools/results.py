#!/usr/bin/env python3
"""Writes bench/RESULTS.md from the raw outputs of bench/run (bench/out/*.json): `results.py OUT`."""

import datetime
import json
import os
import platform
import subprocess
import sys

OUT = sys.argv[1]


def load(name, default=None):
    path = os.path.join(OUT, name + ".json")
    if not os.path.exists(path):
        return default
    with open(path) as f:
        return json.loads(f.read().strip() or "null")


def cmd(name):
    path = os.path.join(OUT, name + ".cmd")
    return open(path).read().strip() if os.path.exists(path) else ""


def cond(name):
    """Cores used during the measurement, by group; "others" (not the benchmark) is its noise."""
    cpu = load(name + ".cpu") or {}
    if not cpu:
        return "–"
    order = ["server", "peer", "postgres", "load tool", "kernel", "others"]
    text = ", ".join(f"{k} {cpu[k]:.2f}" for k in order if k in cpu)
    if cpu.get("others_top"):
        text += f" ({cpu['others_top']})"
    if cpu.get("others", 0) >= 0.25:
        text += " ⚠️ noisy"
    tries = load(name.split(".")[0] + ".attempts") or {}
    if tries.get("attempts", 1) > 1:
        text += f"; quietest of {tries['attempts']} attempts (others {', '.join(str(x) for x in tries.get('others', []))})"
    return text


def f0(x):
    return "–" if x is None else f"{x:,.0f}"


def f1(x):
    return "–" if x is None else f"{x:,.1f}"


def f2(x):
    return "–" if x is None else f"{x:,.2f}"


def mark(ok):
    return "✅" if ok else "❌"


run = load("run") or {}
seed = load("seed") or {}
gen = load("gen") or {}
periods = load("periods") or {}

jwt = load("table_jwt") or {}
token = load("table_token") or {}
dash = load("dashboard") or {}
save = load("save") or {}
save_check = load("save.check") or {}
quiet = load("storm.quiet") or {}
storm = load("storm.table") or {}
storm_logins = load("storm.logins") or {}
pg_table = load("pgbench_table") or {}
pg_json = load("pgbench_table_json") or {}
pg_save = load("pgbench_save") or {}
peer = load("postgraphile") or {}
full = load("full_table_jwt") or {}
full_other = load("full_table_other") or {}
full_pg = load("full_pgbench_table") or {}
export = load("export") or {}
export_http = load("export_http")
stale = load("stale_check")

PHASES = [
    ("table_jwt", "start, logins, GET table (JWT)"),
    ("table_token", "GET table (API token)"),
    ("dashboard", "GET dashboard"),
    ("export", "xlsx export endpoint (hyperfine)"),
    ("save", "PUT report, If-Match"),
    ("storm.quiet", "GET table, quiet run before the storm"),
    ("storm.table", "GET table during the login storm"),
    ("full", "full size (another server process): GET table"),
]
rss = {k: (load(k + ".rss") or {}).get("hwm_kb") for k, _ in PHASES}
server_peak_mb = max([v for v in rss.values() if v] or [0]) / 1024.0
no_storm_peak_mb = max([v for k, v in rss.items() if v and k != "storm.table"] or [0]) / 1024.0
peak_phase = max(((v or 0, k) for k, v in rss.items()), default=(0, "–"))[1]
peer_rss = (load("postgraphile.rss") or {}).get("hwm_kb")


def ratio(a, b):
    return a / b if a and b else None


# ---- machine
def sh(command):
    try:
        return subprocess.run(command, shell=True, capture_output=True, text=True, timeout=20).stdout.strip()
    except Exception:
        return ""


cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-").strip()
mem_kb = sh("awk '/MemTotal/ {print $2}' /proc/meminfo")
mem = f"{int(mem_kb) / 1024 / 1024:.1f} GiB" if mem_kb.isdigit() else "?"
pg_version = sh("psql -X -At -c 'SHOW server_version' postgres")
pg_settings = sh("psql -X -At -F '=' -c \"SELECT name, setting || coalesce(unit, '') FROM pg_settings WHERE name IN ('shared_buffers', 'max_connections', 'synchronous_commit', 'fsync') ORDER BY name\" postgres").replace("\n", ", ")
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")

# ---- targets
r_ceiling = ratio(jwt.get("rps"), pg_table.get("tps"))
r_ceiling_token = ratio(token.get("rps"), pg_table.get("tps"))
r_peer = ratio(jwt.get("rps"), peer.get("rps"))
r_save = ratio(save.get("rps"), pg_save.get("tps"))
r_scale = ratio(jwt.get("rps"), full.get("rps"))
r_storm = ratio(storm.get("p99_ms"), quiet.get("p99_ms"))
xlsx_ms = export.get("median_ms")

targets = [
    ("Table (JWT) ≥ 1.0× its pgbench ceiling", f"{f0(jwt.get('rps'))} req/s vs {f0(pg_table.get('tps'))} tx/s", r_ceiling and f"{r_ceiling:.2f}×", r_ceiling is not None and r_ceiling >= 1.0),
    ("Table (API token) ≥ 1.0× its pgbench ceiling", f"{f0(token.get('rps'))} req/s vs {f0(pg_table.get('tps'))} tx/s", r_ceiling_token and f"{r_ceiling_token:.2f}×", r_ceiling_token is not None and r_ceiling_token >= 1.0),
    ("Table ≥ 10× PostGraphile 4", f"{f0(jwt.get('rps'))} vs {f1(peer.get('rps'))} req/s", r_peer and f"{r_peer:.1f}×", r_peer is not None and r_peer >= 10),
    ("Table p99 ≤ 50 ms at 32 connections (JWT)", f"{f2(jwt.get('p99_ms'))} ms", jwt.get("p99_ms") and f"{jwt['p99_ms'] / 50:.2f}× of the limit", jwt.get("p99_ms") is not None and jwt["p99_ms"] <= 50),
    ("Table p99 ≤ 50 ms at 32 connections (API token)", f"{f2(token.get('p99_ms'))} ms", token.get("p99_ms") and f"{token['p99_ms'] / 50:.2f}× of the limit", token.get("p99_ms") is not None and token["p99_ms"] <= 50),
    ("Report save ≥ 50 % of pgbench's same transaction", f"{f0(save.get('rps'))} req/s vs {f0(pg_save.get('tps'))} tx/s", r_save and f"{r_save * 100:.0f} %", r_save is not None and r_save >= 0.5),
    ("Full size (2.4 M reports) within 1.2× of the seed size", f"{f0(full.get('rps'))} vs {f0(jwt.get('rps'))} req/s", r_scale and f"seed/full = {r_scale:.2f}×", r_scale is not None and r_scale <= 1.2),
    ("xlsx of one period ≤ 100 ms (median)", f"{f2(xlsx_ms)} ms", xlsx_ms and f"{xlsx_ms / 100:.2f}× of the limit", xlsx_ms is not None and xlsx_ms <= 100),
    ("Server RSS ≤ 150 MB under load (peak VmHWM of every phase)", f"{server_peak_mb:.1f} MB (in: {dict(PHASES).get(peak_phase, peak_phase)})", f"{server_peak_mb / 150:.2f}× of the limit", 0 < server_peak_mb <= 150),
    ("… the same, every phase but the login storm", f"{no_storm_peak_mb:.1f} MB", f"{no_storm_peak_mb / 150:.2f}× of the limit", 0 < no_storm_peak_mb <= 150),
    ("Table p99 during the login storm ≤ 2× quiet", f"{f2(storm.get('p99_ms'))} ms vs {f2(quiet.get('p99_ms'))} ms", r_storm and f"{r_storm:.2f}×", r_storm is not None and r_storm <= 2.0),
]

lines = []
w = lines.append
w("# Benchmark results")
w("")
w(f"Written by `bench/run` on {now} (commit `{run.get('git', '?')}`{', backend/ with uncommitted changes' if run.get('git_dirty') else ''}). "
  f"Every figure below comes from this one run on this one machine; the raw outputs are in `bench/out/` after a run. "
  f"How each figure is measured: [bench/README.md](README.md).")
if run.get("quick"):
    w("")
    w("> **Quick run** (`bench/run --quick`): short load tests and a small synthetic size; not the figures of record.")
w("")
incidents = os.path.join(OUT, "incidents.txt")
if os.path.exists(incidents):
    w("")
    w("> **Incidents during this run** (the figures are from the repeats): " + "; ".join(l.strip() for l in open(incidents) if l.strip()))
w("")
w("## Machine")
w("")
w(f"- CPU: {cpu} × {os.cpu_count()} (nproc {sh('nproc')}), shared by the server, PostgreSQL and the load tool")
w(f"- Memory: {mem}; kernel {platform.release()}")
w(f"- PostgreSQL {pg_version} on 127.0.0.1 ({pg_settings})")
w(f"- Tools: {run.get('pgbench', '?')}; wrk {run.get('wrk', '?')}; Node.js {run.get('node', '?')}, PostGraphile {run.get('postgraphile', '?')}")
w(f"- Load: {run.get('connections')} connections, {run.get('threads')} wrk threads, {run.get('duration')} s per test; pgbench `-c {run.get('connections')} -j {run.get('threads')} -M prepared`")
w(f"- Server: release build, `APP_ENV=development LOG_FORMAT=json RUST_LOG=info` (request logs as in production, to a file), "
  f"`HTTP_WORKERS` = cores, `DB_POOL_SIZE` 10 (defaults), `LOGIN_LIMIT_PER_ADDRESS=1000000` (see the login storm)")
w(f"- `bench/run` took {run.get('total_seconds', 0) / 60:.1f} min (of which the build {run.get('build_seconds', 0) / 60:.1f} min)")
w("")
w("## Targets")
w("")
w("| target | measured | ratio | |")
w("|---|---|---|---|")
for name, measured, r, ok in targets:
    w(f"| {name} | {measured} | {r or '–'} | {mark(ok)} |")
w("")
w("## Endpoints under load")
w("")
w(f"Seed database ({f0(seed.get('reports'))} reports). Table: period {periods.get('table_period')} (令和7年度 9月末, 70 rows, "
  f"{f0(os.path.getsize(os.path.join(OUT, 'table-seed.json')) if os.path.exists(os.path.join(OUT, 'table-seed.json')) else None)} bytes of JSON), "
  f"served from the cache after the first request. Errors = non-2xx answers + socket errors/timeouts.")
w("")
w("| endpoint | req/s | p50 ms | p95 ms | p99 ms | max ms | requests | errors | server peak RSS | cores used (conditions) |")
w("|---|---|---|---|---|---|---|---|---|---|")


def row(label, d, rss_key=None):
    errors = (d.get("non2xx") or 0) + (d.get("socket_errors") or 0)
    rss_text = f"{rss[rss_key] / 1024:.1f} MB" if rss_key and rss.get(rss_key) else "–"
    return f"| {label} | {f0(d.get('rps'))} | {f2(d.get('p50_ms'))} | {f2(d.get('p95_ms'))} | {f2(d.get('p99_ms'))} | {f2(d.get('max_ms'))} | {f0(d.get('requests'))} | {errors} | {rss_text} |"


w(row("GET table, JWT", jwt, "table_jwt") + f" {cond('table_jwt')} |")
w(row("GET table, API token", token, "table_token") + f" {cond('table_token')} |")
w(row(f"GET dashboard (period {periods.get('open_period')})", dash, "dashboard") + f" {cond('dashboard')} |")
w(row("PUT report, If-Match", save, "save") + f" {cond('save')} |")
w("")
w(f"Report saves: {f0(save_check.get('versions_written'))} versions and {f0(save_check.get('audit_rows_written'))} audit rows written "
  f"for {f0((save.get('status') or {}).get('200'))} answers 200 (statuses: {save.get('status')}).")
if stale:
    w(f"Never stale: {stale.get('text')}")
w("")
w("Commands:")
w("")
w("```")
for name in ["table_jwt", "table_token", "dashboard", "save"]:
    w(f"{name}: {cmd(name)}")
w("```")
w("")
w("## The ceiling: pgbench with the same SQL")
w("")
w("The server is stopped while pgbench runs, so PostgreSQL and pgbench have the machine.")
w("")
w("| script | tx/s | p50 ms | p95 ms | p99 ms | transactions | failed | cores used (conditions) |")
w("|---|---|---|---|---|---|---|---|")


def pgrow(label, d, name):
    return f"| {label} | {f0(d.get('tps'))} | {f2(d.get('p50_ms'))} | {f2(d.get('p95_ms'))} | {f2(d.get('p99_ms'))} | {f0(d.get('transactions'))} | {d.get('failed', '–')} | {cond(name)} |"


w(pgrow("`bench/pgbench/table.sql`: the 8 statements of an uncached table", pg_table, "pgbench_table"))
w(pgrow("`bench/pgbench/cached.sql`: what a cached table request still runs (profile)", load("pgbench_cached") or {}, "pgbench_cached"))
w(pgrow("`bench/pgbench/table_json.sql`: the table as one JSON document (reference)", pg_json, "pgbench_table_json"))
w(pgrow("`bench/pgbench/save.sql`: the save transaction (triggers in place)", pg_save, "pgbench_save"))
w("")
w("```")
for name in ["pgbench_table", "pgbench_cached", "pgbench_table_json", "pgbench_save"]:
    w(f"{name}: {cmd(name)}")
w("```")
w("")
w("## The peer: PostGraphile 4")
w("")
w("One GraphQL query (`bench/postgraphile/table.graphql`: the period's reports with rows, departments, measures and directions) "
  "on the same seed database, default settings, one Node.js process.")
w("")
w("| | req/s | p50 ms | p95 ms | p99 ms | errors | peak RSS | conditions |")
w("|---|---|---|---|---|---|---|---|")
w(f"| PostGraphile {run.get('postgraphile', '')} | {f1(peer.get('rps'))} | {f2(peer.get('p50_ms'))} | {f2(peer.get('p95_ms'))} | {f2(peer.get('p99_ms'))} | "
  f"{(peer.get('non2xx') or 0) + (peer.get('socket_errors') or 0)} | {f'{peer_rss / 1024:.1f} MB' if peer_rss else '–'} | {cond('postgraphile')} |")
w(f"| the table endpoint (JWT, above) | {f0(jwt.get('rps'))} | {f2(jwt.get('p50_ms'))} | {f2(jwt.get('p95_ms'))} | {f2(jwt.get('p99_ms'))} | | | |")
w("")
w(f"```\n{cmd('postgraphile')}\n```")
w("")
w("## Scale")
w("")
w(f"Full synthetic size: {f0(gen.get('plans'))} plans, {f0(gen.get('periods'))} periods, {f0(gen.get('reports'))} reports, "
  f"{f0(gen.get('report_versions'))} report versions; database {f1((gen.get('db_bytes') or 0) / 2**30)} GiB (reports with indexes "
  f"{f1((gen.get('reports_bytes') or 0) / 2**30)} GiB); generated in {f0(gen.get('seconds'))} s by `bench/gen/full.sql`. "
  f"Seed size: {f0(seed.get('reports'))} reports.")
w("")
w("| | seed req/s | full req/s | seed/full | seed p99 ms | full p99 ms |")
w("|---|---|---|---|---|---|")
w(f"| GET table, JWT, period {periods.get('table_period')} | {f0(jwt.get('rps'))} | {f0(full.get('rps'))} | {f2(r_scale)} | {f2(jwt.get('p99_ms'))} | {f2(full.get('p99_ms'))} |")
w(f"| GET table, JWT, a generated plan's period ({periods.get('full_other_period')}) | | {f0(full_other.get('rps'))} | {f2(ratio(jwt.get('rps'), full_other.get('rps')))} | | {f2(full_other.get('p99_ms'))} |")
w(f"| pgbench `table.sql` (the ceiling) | {f0(pg_table.get('tps'))} | {f0(full_pg.get('tps'))} | {f2(ratio(pg_table.get('tps'), full_pg.get('tps')))} | {f2(pg_table.get('p99_ms'))} | {f2(full_pg.get('p99_ms'))} |")
w("")
w(f"Conditions: full table {cond('full_table_jwt')}; other period {cond('full_table_other')}; pgbench {cond('full_pgbench_table')}.")
w("")
w("## Server memory per phase")
w("")
w("Peak resident set (`VmHWM`) of the server process in each phase; the peak is reset between phases "
  "(`echo 5 > /proc/PID/clear_refs`), so each figure is that phase's own peak. Target: 150 MB.")
w("")
w("| phase | peak RSS | |")
w("|---|---|---|")
for key, label in PHASES:
    v = rss.get(key)
    w(f"| {label} | {f'{v / 1024:.1f} MB' if v else '–'} | {mark(v is not None and v / 1024 <= 150) if v else ''} |")
w("")
after_storm = (load("storm.after.rss") or {}).get("rss_kb")
if after_storm:
    w("")
    w(f"10 s after the storm the server still held {after_storm / 1024:.1f} MB.")
w("")
w("## Export")
w("")
w(f"`shinko_api::export::xlsx::write` on the compiled table of period {periods.get('table_period')} ({export.get('rows', '–')} rows, "
  f"{f0(export.get('bytes'))} bytes of xlsx), {export.get('runs', '–')} runs after 3 warm-up runs ({cond('export')}):")
w("")
w(f"- median **{f2(export.get('median_ms'))} ms** (quartiles {f2(export.get('p25_ms'))}–{f2(export.get('p75_ms'))} ms, min {f2(export.get('min_ms'))}, max {f2(export.get('max_ms'))})")
if export_http:
    w(f"- the whole endpoint `GET /periods/{periods.get('table_period')}/table.xlsx` (compiles the table, uncached, then writes; curl included): "
      f"median {f2(export_http.get('median_ms'))} ms over {export_http.get('runs')} runs (min {f2(export_http.get('min_ms'))}, max {f2(export_http.get('max_ms'))})")
w("")
w(f"```\n{cmd('export')}\n{cmd('export_http')}\n```")
w("")
w("## Login storm")
w("")
w(f"`LOGIN_LIMIT_PER_ADDRESS=1000000` in the server's environment for this whole run: the default (30 per minute per "
  f"address) would answer most of a storm from one address with 429 before any hashing. Logins: editor01…17 round-robin, "
  f"correct password (a full argon2id verification each), open loop at {run.get('login_rate')}/s "
  f"(`bench/tools/loginstorm.py`), started 2 s before the table load and ending after it.")
w("")
w("| | req/s | p50 ms | p95 ms | p99 ms | errors | conditions |")
w("|---|---|---|---|---|---|---|")
w(f"| GET table, quiet (right before) | {f0(quiet.get('rps'))} | {f2(quiet.get('p50_ms'))} | {f2(quiet.get('p95_ms'))} | {f2(quiet.get('p99_ms'))} | {(quiet.get('non2xx') or 0) + (quiet.get('socket_errors') or 0)} | {cond('storm.quiet')} |")
w(f"| GET table, during the storm | {f0(storm.get('rps'))} | {f2(storm.get('p50_ms'))} | {f2(storm.get('p95_ms'))} | {f2(storm.get('p99_ms'))} | {(storm.get('non2xx') or 0) + (storm.get('socket_errors') or 0)} | {cond('storm.table')} |")
w("")
w(f"Logins during the storm: {storm_logins.get('sent', '–')} sent, {storm_logins.get('skipped', '–')} ticks skipped (over 64 outstanding), "
  f"answers {storm_logins.get('status')}, {f1(storm_logins.get('ok_rate'))} successful logins/s; login latency p50 "
  f"{f1(storm_logins.get('p50_ms'))} ms, p99 {f1(storm_logins.get('p99_ms'))} ms.")
w("")
w(f"```\n{cmd('storm.table')}\n{cmd('storm.logins')}\n```")
extra = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ANALYSIS.md")
if os.path.exists(extra):
    w("")
    w(open(extra).read().rstrip())
print("\n".join(lines))
