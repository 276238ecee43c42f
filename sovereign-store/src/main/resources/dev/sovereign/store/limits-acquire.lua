-- Takes every counter and slot, or none (RedisLimitStore.acquire).
-- KEYS: the counter keys, then the slot keys.
-- ARGV[1]: the number of counters; then per counter its limit, amount and time to live in ms; then per slot its
-- limit, member and time to live in ms.
-- Returns the index of the first counter or slot over its limit (-1 when all were taken), then each count.
if redis.replicate_commands then redis.replicate_commands() end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local counters = tonumber(ARGV[1])
local out = { -1 }
local refused = -1
for i = 1, #KEYS do
  local key = KEYS[i]
  local a = 1 + (i - 1) * 3
  local count
  local limit = tonumber(ARGV[a + 1])
  if i <= counters then
    count = tonumber(redis.call('GET', key) or '0')
    if refused < 0 and count + tonumber(ARGV[a + 2]) > limit then refused = i - 1 end
  else
    redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
    count = redis.call('ZCARD', key)
    if refused < 0 and count + 1 > limit then refused = i - 1 end
  end
  out[i + 1] = count
end
if refused >= 0 then
  out[1] = refused
  return out
end
for i = 1, #KEYS do
  local key = KEYS[i]
  local a = 1 + (i - 1) * 3
  if i <= counters then
    out[i + 1] = redis.call('INCRBY', key, ARGV[a + 2])
    if redis.call('PTTL', key) == -1 then redis.call('PEXPIRE', key, ARGV[a + 3]) end
  else
    local ttl = tonumber(ARGV[a + 3])
    redis.call('ZADD', key, now + ttl, ARGV[a + 2])
    local keep = math.max(ttl, 1)
    local left = redis.call('PTTL', key)
    if left < keep then redis.call('PEXPIRE', key, keep) end
    out[i + 1] = redis.call('ZCARD', key)
  end
end
return out
