package com.clickeen.sf.learning.simulation;

import com.clickeen.sf.SettableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs one policy through the synthetic world under a settable clock: {@code perDay} interactions a day,
 * evenly spread; an hourly look, the daily bank rebuild at 03:00 and, every {@code proposalEveryDays} days
 * (the first after one week), a candidate at 04:00. The first bank rebuild is on day 2, so day 1 is version 1
 * without examples for every policy. Every policy on one seed sees the same visitors, the
 * same random draws per answer and the same candidates; only what it serves differs.
 *
 * <p>Simplified: outcomes (continue, convert, pay) are known as soon as the answer is scored; the service
 * attributes conversions up to 7 days later and the metric waits for that maturity.
 */
public final class Simulation {
  /** Monday 5 January 2026, 00:00 UTC: day 1 of every run. */
  public static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
  private static final long DAY_MS = 86_400_000L;
  private static final long HOUR_MS = 3_600_000L;

  /** @param days how many days; @param perDay interactions per day; @param seed the world's seed */
  public record Run(int days, int perDay, long seed, String agentId) {
    public Run {
      if (days < 1 || perDay < 24) {
        throw new IllegalArgumentException("simulation: --days must be >= 1 and --per-day >= 24, got " + days + " and "
            + perDay);
      }
    }
  }

  /** One policy's run: per day, the mean true quality and the mean measured score; then its decisions. */
  public record Result(String policy, double[] trueQuality, double[] measured, Policy.Log log) {
    public double day1() {
      return trueQuality[0];
    }

    public double dayN() {
      return trueQuality[trueQuality.length - 1];
    }

    public int promotions() {
      return Report.count(log.decisions(), "PROMOTE", false);
    }

    /** Promotions of candidates whose true effect was negative. */
    public int harmfulPromotions() {
      return Report.count(log.decisions(), "PROMOTE", true);
    }

    public int rollbacks() {
      return Report.count(log.decisions(), "ROLLBACK", false);
    }
  }

  private Simulation() {}

  public static Result run(WorldSettings w, Run run, String policyName) {
    PolicyBase policy = Policies.create(policyName, w, run.seed());
    SyntheticModel model = new SyntheticModel(w, run.agentId());
    SyntheticProposer proposer = new SyntheticProposer(w, run.seed());
    SplittableRandom random = new SplittableRandom(run.seed());
    SettableClock clock = new SettableClock(START);
    double[] cumulative = cumulativeShares(w);
    double[] truth = new double[run.days()];
    double[] measured = new double[run.days()];
    long index = 0;
    for (int day = 0; day < run.days(); day++) {
      long dayStart = START.toEpochMilli() + day * DAY_MS;
      double sumTrue = 0;
      double sumScore = 0;
      int hour = -1;
      for (int i = 0; i < run.perDay(); i++) {
        long now = dayStart + i * DAY_MS / run.perDay();
        clock.set(Instant.ofEpochMilli(now));
        int h = (int) ((now - dayStart) / HOUR_MS);
        while (hour < h) {
          hour++;
          ticks(policy, proposer, w, day, hour, dayStart + hour * HOUR_MS);
        }
        int visitor = random.nextInt(w.visitors());
        WorldSettings.Segment s = w.segments().get(segment(cumulative, random.nextDouble()));
        Policy.Serving serving = policy.serve("v" + visitor);
        SyntheticModel.Answer a = model.answer(serving.latent() + s.preference(), random);
        policy.record(serving, a, clock.millis());
        policy.offer(index++, s, a, clock.millis());
        sumTrue += a.trueQuality();
        sumScore += a.score();
      }
      while (hour < 23) {
        hour++;
        ticks(policy, proposer, w, day, hour, dayStart + hour * HOUR_MS);
      }
      truth[day] = sumTrue / run.perDay();
      measured[day] = sumScore / run.perDay();
    }
    return new Result(policy.name(), truth, measured, policy.log());
  }

  private static void ticks(PolicyBase p, SyntheticProposer proposer, WorldSettings w, int day, int hour, long at) {
    p.tick(Policy.Tick.HOURLY, at, null);
    if (hour == 3 && day > 0) {
      p.tick(Policy.Tick.DAILY, at, null);
    }
    if (hour == 4 && day > 0 && day % w.proposalEveryDays() == 0) {
      p.tick(Policy.Tick.PROPOSAL, at, proposer.propose());
    }
  }

  static double[] cumulativeShares(WorldSettings w) {
    double[] c = new double[w.segments().size()];
    double acc = 0;
    for (int i = 0; i < c.length; i++) {
      acc += w.segments().get(i).share();
      c[i] = acc;
    }
    return c;
  }

  static int segment(double[] cumulative, double u) {
    for (int i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }

  /** Runs the named policies on the same seed. */
  public static List<Result> runAll(WorldSettings w, Run run, List<String> policies) {
    List<Result> out = new ArrayList<>();
    for (String p : policies) {
      out.add(run(w, run, p));
    }
    return out;
  }
}
