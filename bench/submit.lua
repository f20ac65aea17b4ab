-- wrk script: one connection per wrk thread, so per-thread state is per-reporter state.
--
--   wrk -t C -c C -d 10s -s bench/submit.lua http://127.0.0.1:PORT -- intake BODY_FILE BOUNDARY
--     (BODY_FILE: one multipart body, or several separated by @@NEXT@@, taken in turn)
--   wrk -t C -c C -d 10s -s bench/submit.lua http://127.0.0.1:PORT -- ceiling BODY_FILE
--
-- intake: a submission is GET /report (no cookie: a new reporter) then POST /report, multipart,
-- with the CSRF token of that page and the session cookie it set. Latency is timed from sending
-- the GET to the end of the POST's response. ceiling: one POST /insert per unit.
-- done() prints one line "BENCH_JSON {...}" with the counts and every unit's latency.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local clock = ffi.new("bench_timespec")
local function now_us()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000000 + tonumber(clock.tv_nsec) / 1000
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  mode = args[1]
  local file = assert(io.open(args[2], "rb"))
  local template = file:read("*a")
  file:close()
  if mode == "intake" then
    -- One or more bodies (a mix of reports), separated by @@NEXT@@; each reporter starts
    -- at a random one and takes them in turn. Split once here, so a request only joins
    -- three strings.
    heads, tails = {}, {}
    local from = 1
    while true do
      local stop = string.find(template, "@@NEXT@@", from, true)
      local body = string.sub(template, from, (stop or 0) - 1)
      local at = string.find(body, "@@CSRF@@", 1, true)
      heads[#heads + 1] = string.sub(body, 1, at - 1)
      tails[#tails + 1] = string.sub(body, at + 8)
      if not stop then break end
      from = stop + 8
    end
    math.randomseed(tonumber(tostring({}):match("0x(%x+)"), 16) or os.time())
    turn = math.random(#heads)
    content_type = "multipart/form-data; boundary=" .. args[3]
  else
    ceiling_body = template
  end
  latencies = {}
  ok = 0
  bad = 0
  statuses = {}
  token = nil
  cookie = nil
  started = 0
end

function request()
  if mode == "ceiling" then
    started = now_us()
    return wrk.format("POST", "/insert",
      { ["Content-Type"] = "application/x-www-form-urlencoded" }, ceiling_body)
  end
  if token == nil then
    started = now_us()
    return wrk.format("GET", "/report", {}, nil)
  end
  return wrk.format("POST", "/report", { ["Content-Type"] = content_type, ["Cookie"] = cookie },
    heads[turn] .. token .. tails[turn])
end

local function failed(status)
  bad = bad + 1
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  token = nil
  cookie = nil
end

function response(status, headers, body)
  if mode == "ceiling" then
    if status == 200 then
      ok = ok + 1
      latencies[#latencies + 1] = now_us() - started
    else
      failed(status)
    end
    return
  end
  if token == nil then
    local found = body and string.match(body, 'name="csrf_token"[^>]-value="([^"]+)"')
    local set = headers["Set-Cookie"] or headers["set-cookie"]
    if status ~= 200 or not found or not set then
      failed(status)
      return
    end
    token = found
    cookie = string.match(set, "^([^;]+)")
    return
  end
  if status == 200 and body and string.find(body, "receipt-copy", 1, true) then
    ok = ok + 1
    latencies[#latencies + 1] = now_us() - started
    token = nil
    cookie = nil
    turn = turn % #heads + 1
  else
    failed(status)
  end
end

function done(summary, latency, requests)
  local all, total_ok, total_bad, merged, codes = {}, 0, 0, {}, {}
  for _, thread in ipairs(threads) do
    for _, value in ipairs(thread:get("latencies")) do
      all[#all + 1] = string.format("%.0f", value)
    end
    total_ok = total_ok + thread:get("ok")
    total_bad = total_bad + thread:get("bad")
    for key, count in pairs(thread:get("statuses")) do
      merged[key] = (merged[key] or 0) + count
    end
  end
  for key, count in pairs(merged) do
    codes[#codes + 1] = string.format('"%s": %d', key, count)
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"duration_us": %d, "requests": %d, "ok": %d, "bad": %d, ' ..
    '"socket_errors": %d, "statuses": {%s}, "latencies_us": [%s]}\n',
    summary.duration, summary.requests, total_ok, total_bad,
    errors.connect + errors.read + errors.write + errors.timeout,
    table.concat(codes, ", "), table.concat(all, ",")))
end
