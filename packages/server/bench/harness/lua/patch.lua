-- PATCH /v1/customers/<random id>: a new name (so search keys change too) and new metadata.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local ids = read_lines(os.getenv("BENCH_VALUES"))
local counter = 0

function request()
  counter = counter + 1
  local body = '{"name":"Renamed ' .. run_tag .. " " .. counter .. '","metadata":{"plan":"pro","seats":' .. math.random(1, 50) .. '}}'
  return wrk.format("PATCH", "/v1/customers/" .. ids[math.random(#ids)], json_headers, body)
end
