package com.clickeen.sf;

import com.clickeen.sf.cli.AotTrainCommand;
import com.clickeen.sf.cli.ArticlesCommand;
import com.clickeen.sf.cli.BenchCommand;
import com.clickeen.sf.cli.EvalCommand;
import com.clickeen.sf.cli.ExamplesCommand;
import com.clickeen.sf.cli.ExperimentsCommand;
import com.clickeen.sf.cli.ExportCommand;
import com.clickeen.sf.cli.JobsCommand;
import com.clickeen.sf.cli.PromptsCommand;
import com.clickeen.sf.cli.ReportsCommand;
import com.clickeen.sf.cli.GrantCommand;
import com.clickeen.sf.cli.MigrateCommand;
import com.clickeen.sf.cli.OutcomeCommand;
import com.clickeen.sf.cli.ServeCommand;
import com.clickeen.sf.cli.SimulateCommand;
import com.clickeen.sf.cli.UsageError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sf} command line. */
@Command(
    name = "sf",
    mixinStandardHelpOptions = true,
    version = "San Francisco " + Application.VERSION,
    description = "San Francisco — runs Clickeen's AI workforce.",
    footer = {"", "The whole test suite is the launcher's own command: ./sf test (what CI runs; see README.md, Tests).",
        "Every command takes --help."},
    exitCodeListHeading = "%nExit codes (every command):%n",
    exitCodeList = {"0:done", "1:the operation failed (the message says why)",
        "2:bad usage or input: an unknown command or option, a missing or bad value, an unknown agent"},
    subcommands = {ServeCommand.class, GrantCommand.class, OutcomeCommand.class, MigrateCommand.class,
        EvalCommand.class, ArticlesCommand.class, JobsCommand.class, PromptsCommand.class, ExportCommand.class,
        ExamplesCommand.class, ReportsCommand.class, ExperimentsCommand.class, BenchCommand.class, AotTrainCommand.class,
        SimulateCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Jetty sizes a padding from whether object references are compressed, and asks the platform MBean server
    // (JMX) to find out: 85 ms of one core in a start-up profile, for a hint. References are 4 bytes under the
    // default compressed oops (heaps below 32 GB): 64-byte cache lines hold 16 of them.
    if (System.getProperty("org.eclipse.jetty.util.referencesPerCacheLine") == null) {
      System.setProperty("org.eclipse.jetty.util.referencesPerCacheLine", "16");
    }
    if (args.length > 0 && "serve".equals(args[0])) {
      // The start that is timed: picocli builds only this command, not the whole tree of fourteen (about
      // 0.1 s of one core's start-up).
      CommandLine serve = withErrorHandler(new CommandLine(new ServeCommand()).setCommandName("sf serve"));
      System.exit(serve.execute(java.util.Arrays.copyOfRange(args, 1, args.length)));
    }
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return withErrorHandler(new CommandLine(new Main()));
  }

  private static CommandLine withErrorHandler(CommandLine cl) {
    cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
      cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
      return ex instanceof UsageError || ex instanceof SfConfig.ConfigException ? CommandLine.ExitCode.USAGE : 1;
    });
    // "sf nosuch --help": picocli would print the top-level help and answer 0; an unknown word is a usage error.
    cl.setExecutionStrategy(parseResult -> {
      CommandLine.ParseResult leaf = parseResult;
      while (leaf.hasSubcommand()) {
        leaf = leaf.subcommand();
      }
      if (!leaf.unmatched().isEmpty()) {
        throw new CommandLine.UnmatchedArgumentException(leaf.commandSpec().commandLine(), leaf.unmatched());
      }
      return new CommandLine.RunLast().execute(parseResult);
    });
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
