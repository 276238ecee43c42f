-- Reads a session record and restarts its idle time (RedisSessionRecords.touch): its time to live becomes the idle
-- timeout, but never runs beyond the end its lifetime set; a record past that end is removed.
-- KEYS[1]: the record's key.
-- ARGV[1]: the idle timeout in milliseconds.
-- Returns {value, end in milliseconds since the epoch}, or {} when there is no live record.
local got = redis.call('HMGET', KEYS[1], 'v', 'e')
if not got[1] or not got[2] then
  return {}
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local expires = tonumber(got[2])
if not expires or now >= expires then
  redis.call('DEL', KEYS[1])
  return {}
end
redis.call('PEXPIRE', KEYS[1], math.min(tonumber(ARGV[1]), expires - now))
return {got[1], got[2]}
