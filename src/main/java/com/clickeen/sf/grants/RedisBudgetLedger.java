package com.clickeen.sf.grants;

import com.clickeen.sf.errors.BudgetExceededException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The budget ledger on Redis, exact across instances: reserve, settle and release are each one Lua script,
 * so a grant's check-and-hold is a single atomic step on the server. An account is three keys sharing a hash
 * tag (cluster-safe): the totals, the held reservations, and their expiry times; a reservation whose holder
 * crashed frees itself when its expiry passes, and the keys expire with the grant.
 */
final class RedisBudgetLedger implements BudgetLedger {
  private static final String EXPIRE = """
      local now = tonumber(ARGV[1])
      local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)
      for _, id in ipairs(expired) do
        local r = redis.call('HGET', KEYS[2], id)
        if r then
          local req, tok, cost = string.match(r, '(%-?%d+),(%-?%d+),(%-?%d+)')
          redis.call('HINCRBY', KEYS[1], 'resReq', 0 - tonumber(req))
          redis.call('HINCRBY', KEYS[1], 'resTok', 0 - tonumber(tok))
          redis.call('HINCRBY', KEYS[1], 'resCost', 0 - tonumber(cost))
          redis.call('HDEL', KEYS[2], id)
        end
        redis.call('ZREM', KEYS[3], id)
      end
      """;
  private static final String READ = """
      local a = redis.call('HMGET', KEYS[1], 'usedReq', 'usedTok', 'usedCost', 'resReq', 'resTok', 'resCost')
      local usedReq, usedTok, usedCost = tonumber(a[1] or 0), tonumber(a[2] or 0), tonumber(a[3] or 0)
      local resReq, resTok, resCost = tonumber(a[4] or 0), tonumber(a[5] or 0), tonumber(a[6] or 0)
      """;
  /**
   * ARGV: now, maxReq (-1 = none), maxTokPerCall, maxCost (-1 = none), askReq, tokWanted, tokMin, fixedCost, perTok,
   * holdUntil, accountUntil, id. Spent tokens are counted ({@code usedTok}) but no pot of them is refused.
   */
  private static final String RESERVE = EXPIRE + READ + """
      local maxReq, maxTok, maxCost = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
      local askReq, wanted, tokMin = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
      local fixed, perTok = tonumber(ARGV[8]), tonumber(ARGV[9])
      if askReq > 0 and maxReq >= 0 and usedReq + resReq + askReq > maxReq then
        return {'maxRequests', usedReq, resReq}
      end
      local granted = math.min(wanted, maxTok)
      if maxCost >= 0 then
        local costLeft = maxCost - usedCost - resCost - fixed
        if perTok > 0 then
          granted = math.min(granted, math.floor(math.max(-1, costLeft) / perTok))
        end
        if costLeft < 0 or granted < tokMin then
          return {'maxCostUsd', usedCost + resCost, 0}
        end
      end
      local cost = fixed + granted * perTok
      redis.call('HINCRBY', KEYS[1], 'resReq', askReq)
      redis.call('HINCRBY', KEYS[1], 'resTok', granted)
      redis.call('HINCRBY', KEYS[1], 'resCost', cost)
      redis.call('HSET', KEYS[2], ARGV[12], askReq .. ',' .. granted .. ',' .. cost)
      redis.call('ZADD', KEYS[3], tonumber(ARGV[10]), ARGV[12])
      for i = 1, 4 do
        local ttl = redis.call('PTTL', KEYS[i])
        if ttl < 0 or ttl < tonumber(ARGV[11]) - now then
          redis.call('PEXPIREAT', KEYS[i], tonumber(ARGV[11]))
        end
      end
      return {'ok', granted, cost}
      """;
  /** ARGV: id, actReq, actTok, actCost. */
  private static final String SETTLE = """
      if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
      if redis.call('SISMEMBER', KEYS[4], ARGV[1]) == 1 then return 0 end
      local r = redis.call('HGET', KEYS[2], ARGV[1])
      if r then
        local req, tok, cost = string.match(r, '(%-?%d+),(%-?%d+),(%-?%d+)')
        redis.call('HINCRBY', KEYS[1], 'resReq', 0 - tonumber(req))
        redis.call('HINCRBY', KEYS[1], 'resTok', 0 - tonumber(tok))
        redis.call('HINCRBY', KEYS[1], 'resCost', 0 - tonumber(cost))
        redis.call('HDEL', KEYS[2], ARGV[1])
        redis.call('ZREM', KEYS[3], ARGV[1])
      end
      redis.call('HINCRBY', KEYS[1], 'usedReq', tonumber(ARGV[2]))
      redis.call('HINCRBY', KEYS[1], 'usedTok', tonumber(ARGV[3]))
      redis.call('HINCRBY', KEYS[1], 'usedCost', tonumber(ARGV[4]))
      redis.call('SADD', KEYS[4], ARGV[1])
      local ttl = redis.call('PTTL', KEYS[1])
      if ttl > 0 then redis.call('PEXPIRE', KEYS[4], ttl) end
      return 1
      """;
  private static final String RELEASE = """
      local r = redis.call('HGET', KEYS[2], ARGV[1])
      if not r then return 0 end
      local req, tok, cost = string.match(r, '(%-?%d+),(%-?%d+),(%-?%d+)')
      redis.call('HINCRBY', KEYS[1], 'resReq', 0 - tonumber(req))
      redis.call('HINCRBY', KEYS[1], 'resTok', 0 - tonumber(tok))
      redis.call('HINCRBY', KEYS[1], 'resCost', 0 - tonumber(cost))
      redis.call('HDEL', KEYS[2], ARGV[1])
      redis.call('ZREM', KEYS[3], ARGV[1])
      return 1
      """;
  private static final String SNAPSHOT = EXPIRE + READ + """
      return {usedReq, usedTok, usedCost, resReq, resTok, resCost}
      """;

  private final RedisCommands<String, byte[]> redis;
  private final String prefix;
  private final Clock clock;
  private final String reserveSha;
  private final String settleSha;
  private final String releaseSha;
  private final String snapshotSha;

  RedisBudgetLedger(StatefulRedisConnection<String, byte[]> connection, String prefix, Clock clock) {
    this.redis = connection.sync();
    this.prefix = prefix;
    this.clock = clock;
    this.reserveSha = redis.scriptLoad(RESERVE.getBytes(StandardCharsets.UTF_8));
    this.settleSha = redis.scriptLoad(SETTLE.getBytes(StandardCharsets.UTF_8));
    this.releaseSha = redis.scriptLoad(RELEASE.getBytes(StandardCharsets.UTF_8));
    this.snapshotSha = redis.scriptLoad(SNAPSHOT.getBytes(StandardCharsets.UTF_8));
  }

  private String[] keys(String grantKey) {
    String tag = prefix + "budget:{" + sha1(grantKey) + "}";
    return new String[] {tag + ":acct", tag + ":res", tag + ":exp", tag + ":settled"};
  }

  private static byte[][] args(Object... values) {
    byte[][] out = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      out[i] = String.valueOf(values[i]).getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  private List<Object> run(String sha, String script, String[] keys, byte[][] args) {
    try {
      return redis.evalsha(sha, ScriptOutputType.MULTI, keys, args);
    } catch (io.lettuce.core.RedisNoScriptException e) {
      return redis.eval(script, ScriptOutputType.MULTI, keys, args); // the server was restarted: scripts are gone
    }
  }

  private long runInt(String sha, String script, String[] keys, byte[][] args) {
    try {
      return redis.evalsha(sha, ScriptOutputType.INTEGER, keys, args);
    } catch (io.lettuce.core.RedisNoScriptException e) {
      return redis.eval(script, ScriptOutputType.INTEGER, keys, args);
    }
  }

  @Override
  public Reservation reserve(String grantKey, BudgetLimits limits, BudgetAsk ask, Instant accountUntil)
      throws BudgetExceededException {
    long now = clock.millis();
    String id = UUID.randomUUID().toString();
    long holdUntil = now + ask.hold().toMillis();
    List<Object> r = run(reserveSha, RESERVE, keys(grantKey), args(now,
        limits.maxRequests() == Long.MAX_VALUE ? -1 : limits.maxRequests(), limits.maxTokensPerCall(),
        limits.maxCostNanos() == Long.MAX_VALUE ? -1 : limits.maxCostNanos(), ask.requests(), ask.tokensWanted(),
        ask.tokensMin(), ask.fixedCostNanos(), ask.costNanosPerToken(), holdUntil,
        Math.max(accountUntil.toEpochMilli(), holdUntil), id));
    String status = new String((byte[]) r.get(0), StandardCharsets.UTF_8);
    long a = (Long) r.get(1);
    long b = (Long) r.get(2);
    switch (status) {
      case "ok" -> {
        return new Reservation(grantKey, id, ask.requests(), a, b, Instant.ofEpochMilli(holdUntil));
      }
      case "maxRequests" -> throw new BudgetExceededException("maxRequests", "grant budget maxRequests="
          + limits.maxRequests() + " is spent (" + a + " used, " + b + " in flight)");
      default -> throw new BudgetExceededException("maxCostUsd", String.format(
          "grant budget maxCostUsd=%s cannot cover the worst case of this call (%s USD spent or held)",
          BudgetLedger.nanosToUsd(limits.maxCostNanos()), BudgetLedger.nanosToUsd(a)));
    }
  }

  @Override
  public void settle(Reservation reservation, BudgetSpend actual) {
    runInt(settleSha, SETTLE, keys(reservation.grantKey()), args(reservation.id(), actual.requests(), actual.tokens(),
        actual.costNanos()));
  }

  @Override
  public void release(Reservation reservation) {
    runInt(releaseSha, RELEASE, keys(reservation.grantKey()), args(reservation.id()));
  }

  @Override
  public BudgetSnapshot snapshot(String grantKey) {
    List<Object> r = run(snapshotSha, SNAPSHOT, keys(grantKey), args(clock.millis()));
    return new BudgetSnapshot((Long) r.get(0), (Long) r.get(1), (Long) r.get(2), (Long) r.get(3), (Long) r.get(4),
        (Long) r.get(5));
  }

  private static String sha1(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
