-- Stores a session record (RedisSessionRecords.put): a hash of the value (v) and when the record ends at the latest
-- (e, milliseconds of the Redis server's clock), whose time to live is the idle timeout, never beyond that end.
-- KEYS[1]: the record's key.
-- ARGV[1]: the value; ARGV[2]: the idle timeout in milliseconds; ARGV[3]: the lifetime in milliseconds.
-- Returns the end, in milliseconds since the epoch.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local idle = tonumber(ARGV[2])
local lifetime = tonumber(ARGV[3])
local expires = now + lifetime
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'e', string.format('%d', expires))
redis.call('PEXPIRE', KEYS[1], math.min(idle, lifetime))
return expires
