-- Adds each amount whatever the limit and frees the slots (RedisLimitStore.settle).
-- KEYS: the counter keys, then the slot keys.
-- ARGV[1]: the number of counters; then per counter its amount and time to live in ms; then per slot its member.
local counters = tonumber(ARGV[1])
for i = 1, counters do
  local key = KEYS[i]
  redis.call('INCRBY', key, ARGV[2 * i])
  if redis.call('PTTL', key) == -1 then redis.call('PEXPIRE', key, ARGV[2 * i + 1]) end
end
for i = counters + 1, #KEYS do
  redis.call('ZREM', KEYS[i], ARGV[1 + 2 * counters + (i - counters)])
end
return 0
