-- wrk script for bench/mixed.sh: pages that must come from the database.
-- Each request asks for a random page of a random section, issue or
-- author listing, so that most miss the page cache.  The lists of slugs
-- come from the environment (BENCH_SECTIONS, BENCH_AUTHORS: space
-- separated; BENCH_ISSUES, BENCH_PAGES, BENCH_AUTHOR_PAGES: numbers), set
-- by bench/mixed.sh.
local function words(s)
  local t = {}
  for w in string.gmatch(s or "", "%S+") do t[#t + 1] = w end
  return t
end

local sections = words(os.getenv("BENCH_SECTIONS"))
local authors = words(os.getenv("BENCH_AUTHORS"))
local issues = tonumber(os.getenv("BENCH_ISSUES") or "1")
local pages = tonumber(os.getenv("BENCH_PAGES") or "1")
local author_pages = tonumber(os.getenv("BENCH_AUTHOR_PAGES") or "1")

math.randomseed(os.time())

request = function()
  local r = math.random(3)
  local path
  if r == 1 and #sections > 0 then
    path = "/sections/" .. sections[math.random(#sections)] ..
      "?page=" .. math.random(pages)
  elseif r == 2 and #authors > 0 then
    path = "/authors/" .. authors[math.random(#authors)] ..
      "?page=" .. math.random(author_pages)
  else
    path = "/issues/" .. math.random(issues)
  end
  return wrk.format("GET", path)
end
