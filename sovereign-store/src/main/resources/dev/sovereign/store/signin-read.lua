-- The failed sign-ins of an address within its window (RedisSessionRecords.failures).
-- KEYS[1]: the address's counter.
-- Returns {failures, milliseconds the window still runs}, {0, 0} when there is no window.
local count = redis.call('GET', KEYS[1])
if not count then
  return {0, 0}
end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  left = 0
end
return {tonumber(count) or 0, left}
