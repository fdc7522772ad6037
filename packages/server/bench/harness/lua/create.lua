-- POST /v1/customers/ with a body no other request in any run repeats:
-- the run tag, a per-thread counter and a random number.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local counter = 0

function request()
  counter = counter + 1
  local n = run_tag .. "-" .. counter .. "-" .. math.random(1, 1000000000)
  local body = '{"email":"bench.' .. n .. '@example.com","name":"Bench ' .. n .. '","external_id":"bench_' .. n ..
    '","billing_address":{"country":"SE"},"metadata":{"source":"wrk","seats":' .. math.random(1, 50) .. '}}'
  return wrk.format("POST", "/v1/customers/", json_headers, body)
end
