-- The value of each counter (0 when absent) and the number of unexpired slots of each slot key
-- (RedisLimitStore.read).
-- KEYS: the counter keys, then the slot keys.
-- ARGV[1]: the number of counters.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local counters = tonumber(ARGV[1])
local out = {}
for i = 1, #KEYS do
  if i <= counters then
    out[i] = tonumber(redis.call('GET', KEYS[i]) or '0')
  else
    out[i] = redis.call('ZCOUNT', KEYS[i], '(' .. now, '+inf')
  end
end
return out
