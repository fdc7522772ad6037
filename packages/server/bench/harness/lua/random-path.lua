-- GET BENCH_PATH_PREFIX .. <random line of BENCH_VALUES> .. BENCH_PATH_SUFFIX
-- (ids, external ids or URL-encoded search terms taken from the data set);
-- without BENCH_VALUES, always GET BENCH_PATH_PREFIX.
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local values_file = os.getenv("BENCH_VALUES")
local values = values_file and read_lines(values_file) or { "" }
local prefix = os.getenv("BENCH_PATH_PREFIX")
local suffix = os.getenv("BENCH_PATH_SUFFIX") or ""

function request()
  return wrk.format("GET", prefix .. values[math.random(#values)] .. suffix, read_headers)
end
