-- wrk script: POSTs beacon batches of 20 `calls` events, each with a unique batch id (so the
-- collector validates, de-duplicates, journals and aggregates every one), from 500 shops.
-- Used by bench/wrk.ts; by hand: wrk -t2 -c64 -d10s -s beacons.lua 'http://127.0.0.1:PORT/v1/beacons?key=pk_bench_key_0001'
local guards = { "cart", "recs", "search", "reviews" }
local run = os.getenv("BENCH_RUN") or tostring(os.time())
local threads = {}
local next_thread = 0

function setup(thread)
  thread:set("tid", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

local prefixes, suffixes = {}, {}
local counter = 0

function init(args)
  local events = {}
  for i = 0, 19 do
    events[#events + 1] = string.format(
      '{"type":"calls","age":%d,"guard":"%s","success":1,"failure":0,"timeout":0,"reject":0,"fallback":0,"latency":[1,0,0,0,0,0,0,0,0,0]}',
      1000 + i * 37, guards[(i % 4) + 1])
  end
  local ev = table.concat(events, ",")
  for s = 0, 499 do
    prefixes[s] = '{"v":1,"id":"'
    suffixes[s] = string.format('","sentAt":%d,"app":"bench","shop":"shop-%d.myshopify.com","page":"product","sdk":"0.1.0","events":[%s]}', os.time() * 1000, s, ev)
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "text/plain;charset=UTF-8"
  wrk.headers["Origin"] = "https://bench.example"
end

function request()
  counter = counter + 1
  local s = counter % 500
  local body = prefixes[s] .. string.format("w%s_%d_%d", run, tid, counter) .. suffixes[s]
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  local errs = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format('WRK_RESULT {"requests":%d,"non2xx":%d,"errors":%d,"durationUs":%d,"p50us":%d,"p99us":%d}\n',
    summary.requests, non2xx, errs, summary.duration, latency:percentile(50), latency:percentile(99)))
end
