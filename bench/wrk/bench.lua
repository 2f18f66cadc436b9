-- wrk script of every HTTP benchmark in bench/run, configured through the environment:
--
--   BENCH_TOKEN      bearer token (JWT or API token); none for PostGraphile
--   BENCH_BODY_FILE  POST this file as application/json (the GraphQL query)
--   BENCH_SAVE       "1": PUT /api/v1/reports/{id} with If-Match (see below)
--   BENCH_REPORTS    for saves: the reports and their current ETags, "id-version,id-version,…"
--   BENCH_OUT        file the summary is written to (JSON)
--
-- Every response is counted by status; anything but 2xx is an error in the summary, as are
-- wrk's socket errors and timeouts.
--
-- Saves: each wrk thread takes every n-th report of BENCH_REPORTS and writes them round-robin,
-- each request with If-Match set to the ETag ("id-version") the previous response for that report
-- returned, so every write is checked against the current version, as the web app does it. A
-- report is not sent again while its previous write is in flight (a conflict the benchmark would
-- cause itself, not measure). Every body differs (a counter in the text), so every request stores
-- a new version: UPDATE reports, INSERT report_versions, the audit trigger and the plan_versions
-- bump, in one transaction.

local token = os.getenv("BENCH_TOKEN")
local body_file = os.getenv("BENCH_BODY_FILE")
local save = os.getenv("BENCH_SAVE") == "1"
local out = os.getenv("BENCH_OUT")

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_index", thread_count)
  table.insert(threads, thread)
end

-- Per-thread state (each wrk thread runs its own copy of this script).
status_counts = {}
non2xx = 0
local ids = {}
local versions = {}
local in_flight = {}
local next_index = 1
local counter = 0
local texts = {
  "令和7年度は関係機関と連携し、講座を年4回開催した。参加者アンケートでは概ね好評であった。",
  "相談窓口の周知を図るため、市の広報紙およびホームページに掲載した。引き続き関係課と連携して実施する。",
  "ゲートキーパー養成講座を市職員向けに2回、市民向けに1回実施し、計85名が受講した。",
  "自殺対策推進会議を開催し、計画の進捗状況を報告した。各分野の連携強化のため、情報共有をした。",
}

function init(args)
  if token then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
  if body_file then
    local f = assert(io.open(body_file, "r"))
    wrk.body = f:read("*a")
    f:close()
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
  end
  if save then
    local all = {}
    for id, version in string.gmatch(os.getenv("BENCH_REPORTS") or "", "(%d+)%-(%d+)") do
      table.insert(all, { id = id, version = version })
    end
    local n = 0
    for i, r in ipairs(all) do
      -- Thread k of m takes reports k, k+m, k+2m, … (thread_index is set before init runs).
      if (i - 1) % (tonumber(os.getenv("BENCH_THREADS") or "1")) == (thread_index - 1) then
        n = n + 1
        ids[n] = r.id
        versions[r.id] = r.version
      end
    end
    assert(n > 0, "BENCH_REPORTS holds no report for this thread")
  end
end

local function escape_json(s)
  return (s:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end))
end

function request()
  if not save then
    return wrk.format()
  end
  local now = os.time()
  local id
  for _ = 1, #ids do
    local candidate = ids[next_index]
    next_index = next_index % #ids + 1
    local since = in_flight[candidate]
    if since == nil or now - since > 2 then
      id = candidate
      break
    end
  end
  id = id or ids[next_index]
  in_flight[id] = now
  counter = counter + 1
  local text = texts[counter % #texts + 1] .. "（更新" .. thread_index .. "-" .. counter .. "）"
  local body = '{"progress":"' .. escape_json(text) .. '","implementation_status":"in_progress","evaluation":"A","future_direction":"continue","remarks":""}'
  local headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["If-Match"] = '"' .. id .. "-" .. versions[id] .. '"',
  }
  return wrk.format("PUT", "/api/v1/reports/" .. id, headers, body)
end

function response(status, headers, body)
  status_counts[status] = (status_counts[status] or 0) + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
  if save then
    local etag = headers["etag"] or headers["ETag"]
    local id, version
    if etag then
      id, version = string.match(etag, '"(%d+)%-(%d+)"')
    elseif body then
      -- 412: the problem document names the current version of the report.
      id = string.match(body, '"current":{"id":(%d+)')
      version = string.match(body, '"current_version":(%d+)')
    end
    if id then
      in_flight[id] = nil
      if version then
        versions[id] = version
      end
    end
  end
end

function done(summary, latency, requests)
  local codes = {}
  local errors = 0
  for _, t in ipairs(threads) do
    errors = errors + (t:get("non2xx") or 0)
    local counts = t:get("status_counts") or {}
    for status, n in pairs(counts) do
      codes[status] = (codes[status] or 0) + n
    end
  end
  local socket = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local parts = {}
  for status, n in pairs(codes) do
    table.insert(parts, string.format('"%d": %d', status, n))
  end
  local seconds = summary.duration / 1e6
  local json = string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, ' ..
    '"non2xx": %d, "socket_errors": %d, "timeouts": %d, "bytes": %d, "status": {%s}}',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors, socket, summary.errors.timeout, summary.bytes, table.concat(parts, ", "))
  io.write(json .. "\n")
  if out then
    local f = assert(io.open(out, "w"))
    f:write(json .. "\n")
    f:close()
  end
end
