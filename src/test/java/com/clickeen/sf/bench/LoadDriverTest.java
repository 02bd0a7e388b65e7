package com.clickeen.sf.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadDriverTest {
  private static final String CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @Test
  void fixedRateSendsEveryDueRequestAndCountsLatencyFromItsDueTime() throws Exception {
    // 200/s with 40 ms answers keeps about 8 of the 64 connections busy
    try (MockLlm mock = new MockLlm(0, 40)) {
      LoadDriver.RateResult r = new LoadDriver().rate("direct", "http://127.0.0.1:" + mock.port() + "/v1/chat/completions",
          Map.of("content-type", "application/json"), n -> CHAT, 200, 0.2, 1.0);
      // every request due in the measured second is answered and counted, however slow the answers are
      assertThat(r.requests()).isEqualTo(200);
      assertThat(r.errors()).isZero();
      assertThat(r.connections()).isEqualTo(LoadDriver.RATE_CONNECTIONS);
      assertThat(r.ratePerSecond()).isEqualTo(200);
      // the mock answers after 40 ms: no percentile can be below that
      assertThat(r.p50Ms()).isGreaterThanOrEqualTo(40.0);
      assertThat(r.p99Ms()).isGreaterThanOrEqualTo(r.p50Ms());
      assertThat(r.p999Ms()).isGreaterThanOrEqualTo(r.p99Ms());
    }
  }

  @Test
  void aGatewayThatFallsBehindShowsInTheLatencyNotInTheRate() throws Exception {
    // 64 connections at 400 ms per answer carry 160/s; at 400/s the requests queue behind them
    try (MockLlm mock = new MockLlm(0, 400)) {
      LoadDriver.RateResult r = new LoadDriver().rate("slow", "http://127.0.0.1:" + mock.port() + "/v1/chat/completions",
          Map.of("content-type", "application/json"), n -> CHAT, 400, 0, 1.0);
      assertThat(r.requests()).isEqualTo(400);
      assertThat(r.errors()).isZero();
      // the last requests of the second were sent ~1.5 s after they were due: the percentiles say so
      assertThat(r.p99Ms()).isGreaterThan(1_000.0);
    }
  }

  @Test
  void fixedRateCountsFailuresAsErrors() throws Exception {
    // nothing listens on port 9 of loopback: every request fails
    LoadDriver.RateResult r = new LoadDriver().rate("nowhere", "http://127.0.0.1:9/v1/chat/completions",
        Map.of("content-type", "application/json"), n -> CHAT, 50, 0, 0.4);
    assertThat(r.requests()).isEqualTo(20);
    assertThat(r.errors()).isEqualTo(20);
  }

  @Test
  void rateTableShowsWhatEachGatewayAdds(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("direct-rate.json"), """
        {"target":"direct","ratePerSecond":1000,"requests":10000,"errors":0,"seconds":10,"throughput":1000,
         "p50Ms":0.5,"p90Ms":0.7,"p99Ms":1.0,"p999Ms":2.0,"maxMs":3.0}""");
    Files.writeString(dir.resolve("sanfrancisco-rate.json"), """
        {"target":"sanfrancisco","ratePerSecond":1000,"requests":10000,"errors":0,"seconds":10,"throughput":1000,
         "p50Ms":0.75,"p90Ms":1.0,"p99Ms":2.5,"p999Ms":4.0,"maxMs":9.0}""");
    String t = Report.rateTable(dir);
    assertThat(t).contains("fixed 1,000 requests/s")
        .contains("| San Francisco | 1000 | 0.750 / 2.500 / 4.000 | 0.250 / 1.500 / 2.000 | 0 |")
        .doesNotContain("Portkey");
    assertThat(Report.rateTable(dir.resolve("none"))).isEmpty();
  }
}
