package com.clickeen.sf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line as a new user meets it: every {@code ./sf <command> --help} answers 0, every option says what
 * it is for, an unknown command is 2 (also with --help), and the same mistake has the same exit code everywhere
 * (0 done, 1 the operation failed, 2 bad usage or input).
 */
class CliHelpTest {
  @TempDir
  Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** Every command and subcommand, as the words typed after ./sf. */
  static List<List<String>> commands() {
    List<List<String>> all = new ArrayList<>();
    collect(Main.commandLine(), new ArrayList<>(), all);
    return all;
  }

  private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
    for (var e : cl.getSubcommands().entrySet()) {
      if (!e.getKey().equals(e.getValue().getCommandName())) {
        continue; // an alias
      }
      List<String> p = new ArrayList<>(path);
      p.add(e.getKey());
      out.add(p);
      collect(e.getValue(), p, out);
    }
  }

  @TestFactory
  Stream<DynamicTest> every_command_answers_help_with_exit_0() {
    return commands().stream().map(words -> DynamicTest.dynamicTest("sf " + String.join(" ", words) + " --help", () -> {
      List<String> args = new ArrayList<>(words);
      args.add("--help");
      Run r = run(args.toArray(String[]::new));
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).contains("Usage: sf " + String.join(" ", words));
    }));
  }

  @Test
  void there_are_commands_to_check_and_the_top_level_help_names_the_test_command() {
    assertThat(commands()).hasSizeGreaterThan(25);
    Run r = run("--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("./sf test").contains("Exit codes");
  }

  @Test
  void every_option_and_parameter_has_a_description() {
    List<String> missing = new ArrayList<>();
    for (List<String> words : commands()) {
      CommandSpec spec = Main.commandLine().getCommandSpec();
      for (String w : words) {
        spec = spec.subcommands().get(w).getCommandSpec();
      }
      for (ArgSpec a : spec.args()) {
        boolean described = a.description().length > 0 && !String.join("", a.description()).isBlank();
        if (!described) {
          missing.add("sf " + String.join(" ", words) + " " + a.paramLabel() + (a.isOption()
              ? " (" + ((CommandLine.Model.OptionSpec) a).longestName() + ")" : ""));
        }
      }
      assertThat(spec.usageMessage().description()).as("sf " + String.join(" ", words) + " description").isNotEmpty();
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void an_unknown_command_is_exit_2_also_with_help() {
    assertThat(run("nosuch").exit()).isEqualTo(2);
    Run r = run("nosuch", "--help");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("nosuch");
    assertThat(run("jobs", "nosuch", "--help").exit()).isEqualTo(2);
  }

  @Test
  void jobs_run_help_lists_the_jobs() {
    Run r = run("jobs", "run", "--help");
    assertThat(r.out()).contains("score-interactions", "update-example-banks", "analyze-and-improve",
        "evaluate-experiments", "cleanup-old-sessions");
  }

  @Test
  void the_job_names_in_help_are_the_jobs_the_service_has() {
    try (ToolContext t = ToolContext.open(dir)) {
      assertThat(t.app().jobs().all().stream().map(com.clickeen.sf.jobs.Job::name).toList())
          .containsExactlyElementsOf(JobsCommand.NAMES);
    }
  }

  /** Runs a command whose answer goes to standard output (the command prints there itself). */
  static Run runCapturingStdout(String... args) {
    java.io.PrintStream before = System.out;
    java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      Run r = run(args);
      return new Run(r.exit(), buffer.toString(java.nio.charset.StandardCharsets.UTF_8) + r.out(), r.err());
    } finally {
      System.setOut(before);
    }
  }

  @Test
  void reports_and_examples_say_whether_their_job_ran_and_what_it_did() {
    String data = dir.toString();
    assertThat(runCapturingStdout("reports", "--data-dir", data).out()).contains("analyze-and-improve has not run yet");
    assertThat(runCapturingStdout("examples", "list", "--agent", "sdr.copilot", "--data-dir", data).out())
        .contains("update-example-banks has not run");
    assertThat(run("jobs", "run", "analyze-and-improve", "--data-dir", data).exit()).isZero();
    assertThat(run("jobs", "run", "update-example-banks", "--data-dir", data).exit()).isZero();
    assertThat(runCapturingStdout("reports", "--data-dir", data).out())
        .contains("analyze-and-improve last ran").contains("(ok: ").doesNotContain("has not run");
    assertThat(runCapturingStdout("examples", "list", "--agent", "sdr.copilot", "--data-dir", data).out())
        .contains("sdr.copilot has no examples: update-example-banks last ran").contains("(ok: ");
  }

  @Test
  void grant_mint_refuses_capabilities_that_name_no_agent_with_exit_2() {
    String data = dir.toString();
    Run noPrefix = run("grant", "mint", "--sub", "v1", "--caps", "sdr.copilot", "--data-dir", data);
    assertThat(noPrefix.exit()).isEqualTo(2);
    assertThat(noPrefix.err()).contains("sdr.copilot").contains("agent:sdr.copilot");
    Run unknown = run("grant", "mint", "--sub", "v1", "--caps", "agent:nosuch.agent", "--data-dir", data);
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("nosuch.agent");
  }

  @Test
  void an_unknown_agent_is_exit_2_in_every_command_that_takes_one() {
    String data = dir.toString();
    for (String[] args : List.of(
        new String[] {"prompts", "list", "--agent", "nosuch", "--data-dir", data},
        new String[] {"prompts", "show", "--agent", "nosuch", "--data-dir", data},
        new String[] {"examples", "list", "--agent", "nosuch", "--data-dir", data},
        new String[] {"reports", "--agent", "nosuch", "--data-dir", data},
        new String[] {"export", "--agent", "nosuch", "--since", "2026-11-01", "--data-dir", data})) {
      Run r = run(args);
      assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).contains("unknown agent 'nosuch'");
    }
  }
}
