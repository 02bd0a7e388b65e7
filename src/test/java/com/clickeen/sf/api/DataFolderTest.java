package com.clickeen.sf.api;

import static com.clickeen.sf.testing.TestService.json;
import static com.clickeen.sf.testing.TestService.sdrBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.clickeen.sf.llm.ModelRouter;
import com.clickeen.sf.testing.TestService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14 items 9 and 10: one instance per data folder; after a crash, its queue is taken back at once. */
class DataFolderTest {

  @Test
  void a_second_instance_on_the_same_data_folder_fails_naming_the_folder_and_the_holders_pid(@TempDir Path dir)
      throws Exception {
    try (TestService first = TestService.start(dir)) {
      assertThatThrownBy(() -> TestService.start(dir))
          .hasMessageContaining(dir.toAbsolutePath().toString())
          .hasMessageContaining("pid " + ProcessHandle.current().pid());
      assertThat(first.get("/healthz").statusCode()).isEqualTo(200);
    }
    // Released when the holder stops: the folder can be served again.
    try (TestService again = TestService.start(dir)) {
      assertThat(again.get("/healthz").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void interactions_a_crashed_process_had_taken_from_the_queue_are_written_right_after_the_restart(@TempDir Path dir)
      throws Exception {
    List<String> ids = new ArrayList<>();
    TestService first = TestService.start(dir, ModelRouter.offlineOnly(), false, Map.of());
    String grant = first.sdrGrant(null);
    for (int i = 0; i < 3; i++) {
      var r = first.post("/v1/execute", sdrBody(grant, "s-crash", "hi " + i));
      ids.add(json(r).path("requestId").asText());
    }
    // The dead process's worker had taken them (invisible to others for 60 s), then the process died.
    assertThat(first.app.backends().queue().poll(10, Duration.ofSeconds(60))).hasSize(3);
    first.app.stopWithoutDraining();

    try (TestService second = TestService.start(dir)) {
      await().atMost(Duration.ofSeconds(10))
          .until(() -> ids.stream().allMatch(id -> second.app.backends().interactions().interaction(id).isPresent()));
    }
  }
}
