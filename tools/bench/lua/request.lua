-- wrk script for the benchmark: the request comes from the environment (set by the harness),
-- and done() prints one machine-readable line with the numbers the harness reports.
local method = os.getenv("BENCH_METHOD")
if method and #method > 0 then wrk.method = method end
local body = os.getenv("BENCH_BODY")
if body and #body > 0 then wrk.body = body end
local headers = os.getenv("BENCH_HEADERS") or ""
for line in headers:gmatch("[^\n]+") do
  local name, value = line:match("^([^:]+):%s*(.*)$")
  if name then wrk.headers[name] = value end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH_JSON {\"requests\":%d,\"duration_us\":%d,\"bytes\":%d," ..
    "\"errors\":{\"connect\":%d,\"read\":%d,\"write\":%d,\"status\":%d,\"timeout\":%d}," ..
    "\"latency_us\":{\"p50\":%d,\"p90\":%d,\"p99\":%d,\"max\":%d,\"mean\":%.1f}}\n",
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
end
