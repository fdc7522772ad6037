-- Shared by every load script: auth headers, counting non-2xx answers in each
-- wrk thread, and one machine-readable result line printed by done().
-- Parameters come from the environment (set by bench/run.ts).
token = os.getenv("BENCH_TOKEN") or ""
read_headers = { ["Authorization"] = "Bearer " .. token }
json_headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
-- Differs between wrk runs, so create bodies stay unique across runs against one server.
run_tag = os.getenv("BENCH_TAG") or "0"

function read_lines(path)
  local list = {}
  for line in io.lines(path) do
    if line ~= "" then list[#list + 1] = line end
  end
  if #list == 0 then error("no lines in " .. path) end
  return list
end

non2xx = 0
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + (thread:get("non2xx") or 0) end
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"duration_us":%d,"non2xx":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d,"p50_us":%d,"p99_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, bad, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.mean))
end
