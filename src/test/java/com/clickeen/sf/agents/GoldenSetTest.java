package com.clickeen.sf.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped golden sets pass on the offline model, through the same command a person runs. */
class GoldenSetTest {
  record Run(int exit, String out) {}

  static Run eval(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      String[] full = new String[args.length + 1];
      full[0] = "eval";
      System.arraycopy(args, 0, full, 1, args.length);
      int exit = Main.commandLine().execute(full);
      return new Run(exit, buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void the_editor_golden_set_in_clickeens_format_passes() {
    Run r = eval("--golden", "golden/editor");
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).containsPattern("(?m)^49 passed, 0 failed$");
  }

  @Test
  void every_other_agent_has_at_least_ten_passing_golden_cases() {
    for (String agent : new String[] {"sdr.copilot", "support.agent", "marketing.copywriter", "content.writer",
        "ui.translator", "ops.monitor"}) {
      Run r = eval("--golden", "golden/agents", "--agent", agent);
      assertThat(r.exit()).as(agent + "\n" + r.out()).isZero();
      String last = r.out().strip().lines().reduce((a, b) -> b).orElse("");
      int passed = Integer.parseInt(last.split(" ")[0]);
      assertThat(passed).as(agent).isGreaterThanOrEqualTo(10);
      assertThat(last).endsWith(", 0 failed");
    }
  }

  @Test
  void a_failing_case_is_reported_and_the_exit_code_is_1(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("cases.jsonl"), "# one case that cannot pass\n"
        + "{\"name\":\"wrong-next\",\"agentId\":\"sdr.copilot\",\"input\":{\"sessionId\":\"x\",\"message\":\"bye\"},"
        + "\"expect\":{\"equals\":{\"result.next\":\"continue\"}}}\n");
    Run r = eval("--golden", dir.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("FAIL  sdr.copilot / wrong-next").contains("result.next = \"end\"").contains("0 passed, 1 failed");
  }

  @Test
  void an_unreadable_golden_set_exits_2_naming_the_line(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("cases.jsonl"), "{\"name\":\"ok\",\"agentId\":\"sdr.copilot\",\"input\":{}}\n{broken\n");
    assertThat(eval("--golden", dir.toString()).exit()).isEqualTo(2);
    assertThat(eval("--golden", dir.resolve("missing").toString()).exit()).isEqualTo(2);
  }
}
