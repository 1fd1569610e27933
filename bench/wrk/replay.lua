-- Replays pre-generated, pre-signed requests, each once, so that wrk spends no CPU on building or signing them.
--
-- BENCH_WRK_SUMMARY=<summary.json> [BENCH_STATUS_HOOK=1] wrk -s bench/wrk/replay.lua <url> -- <request file prefix> <path>
--
-- Thread k (0, 1, ...) reads <prefix>.k: records "<length>\n<header lines>\r\n\r\n<body>" written by
-- BenchRequests; the request line and Host are put in front here. A thread that runs out of records starts over
-- and counts it ("wrapped"): the ids then repeat, which the harness reports.
-- With BENCH_STATUS_HOOK=1, a response() hook counts every status code exactly; without it wrk's own
-- count of answers >= 400 is used (wrk hands responses to Lua only when response() exists). The summary, sent
-- and wrapped counts go as JSON to BENCH_WRK_SUMMARY (done() runs in wrk's main Lua state, which gets no args).

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local prefix, path = args[1], args[2]
  local file = assert(io.open(prefix .. "." .. id, "rb"))
  local data = file:read("*a")
  file:close()
  local head = "POST " .. path .. " HTTP/1.1\r\nHost: " .. wrk.host .. ":" .. wrk.port .. "\r\n"
  requests = {}
  local pos = 1
  while pos <= #data do
    local newline = data:find("\n", pos, true)
    local length = tonumber(data:sub(pos, newline - 1))
    requests[#requests + 1] = head .. data:sub(newline + 1, newline + length)
    pos = newline + 1 + length
  end
  data = nil
  count = #requests
  index = 0
  sent = 0
  wrapped = 0
  statuses = {}
  if count == 0 then
    error("no requests in " .. prefix .. "." .. id)
  end
end

function request()
  index = index + 1
  if index > count then
    index = 1
    wrapped = wrapped + 1
  end
  sent = sent + 1
  return requests[index]
end

if os.getenv("BENCH_STATUS_HOOK") == "1" then
  function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
  end
end

local function json_map(map)
  local parts = {}
  for key, value in pairs(map) do
    parts[#parts + 1] = string.format('"%s": %d', tostring(key), value)
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end

function done(summary, latency, requests_)
  local sent_total, wrapped_total, statuses_total = 0, 0, {}
  for _, thread in ipairs(threads) do
    sent_total = sent_total + (thread:get("sent") or 0)
    wrapped_total = wrapped_total + (thread:get("wrapped") or 0)
    for status, n in pairs(thread:get("statuses") or {}) do
      statuses_total[status] = (statuses_total[status] or 0) + n
    end
  end
  local errors = summary.errors
  local out = assert(io.open(os.getenv("BENCH_WRK_SUMMARY"), "w"))
  out:write(string.format([[{"duration_us": %d, "requests": %d, "bytes": %d, "sent": %d, "wrapped": %d,
 "errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d},
 "statuses": %s,
 "latency_us": {"mean": %.1f, "max": %d, "p50": %d, "p90": %d, "p99": %d, "p999": %d}}
]], summary.duration, summary.requests, summary.bytes, sent_total, wrapped_total,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout, json_map(statuses_total),
    latency.mean, latency.max, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9)))
  out:close()
end
