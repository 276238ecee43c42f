-- Counts a failed sign-in (RedisSessionRecords.addFailure): the first failure starts the window, as its time to live.
-- KEYS[1]: the address's counter.
-- ARGV[1]: the window in milliseconds.
-- Returns the failures within the window, this one included.
local count = redis.call('INCR', KEYS[1])
if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return count
