package com.clickeen.sf.agents;

import com.clickeen.sf.grants.BudgetLedger;
import com.clickeen.sf.grants.Grant;
import com.clickeen.sf.grants.GrantCodec;
import com.clickeen.sf.learning.PromptExamples;
import com.clickeen.sf.store.ExampleBanks;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH micro-benchmarks of the execute hot path: grant verification, a budget reserve + settle, and building
 * an SDR prompt with examples. Run with {@code ./bench/run.sh} (or {@code bench/jmh.sh}); never in unit tests.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmark {
  GrantCodec codec;
  String token;
  BudgetLedger ledger;
  BudgetLedger.BudgetLimits limits;
  String grantKey;
  AgentResources sdr;
  List<ExampleBanks.Example> examples;

  @Setup
  public void setUp() {
    byte[] secret = "benchmark-secret-benchmark-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    codec = new GrantCodec(secret, Clock.systemUTC(), Duration.ZERO);
    long now = System.currentTimeMillis() / 1000;
    token = codec.mint(GrantCodec.payload(java.util.Map.of("kind", "anon", "sessionId", "s-123"),
        List.of("agent:sdr.copilot"), now, now + 3600, UUID.randomUUID().toString(), 1200, null, null, 25_000L));
    ledger = BudgetLedger.inMemory(Clock.systemUTC());
    limits = new BudgetLedger.BudgetLimits(Long.MAX_VALUE / 4, Long.MAX_VALUE, Long.MAX_VALUE);
    grantKey = "bench-grant";
    sdr = AgentResources.load("sdr.copilot");
    examples = List.of(
        new ExampleBanks.Example("e1", "sdr.copilot", 1, "i1", 0.9, null, "en", "How much does it cost?",
            "{\"message\":\"Free to start; paid plans add more.\",\"next\":\"continue\"}", "k1"),
        new ExampleBanks.Example("e2", "sdr.copilot", 1, "i2", 0.8, null, "en", "Can I embed it on Shopify?",
            "{\"message\":\"Yes, one line of embed code.\",\"next\":\"continue\"}", "k2"));
  }

  @Benchmark
  public Grant verifyGrant() throws Exception {
    return codec.verify(token);
  }

  @Benchmark
  public long reserveAndSettle() throws Exception {
    BudgetLedger.Reservation r = ledger.reserve(grantKey, limits,
        new BudgetLedger.BudgetAsk(1, 400, 16, 300_000, 1_100, Duration.ofSeconds(30)), Instant.now().plusSeconds(3600));
    ledger.settle(r, new BudgetLedger.BudgetSpend(1, 40, 120_000));
    return r.tokens();
  }

  @Benchmark
  public int buildSdrPrompt() {
    String system = sdr.promptV1() + PromptExamples.section(examples) + PromptParts.outputContract(sdr.resultSchema());
    String user = PromptParts.userMessage("Hi! How much does Clickeen cost for a small bakery website?");
    return system.length() + user.length();
  }
}
