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
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sf} command line. */
@Command(
    name = "sf",
    mixinStandardHelpOptions = true,
    version = "San Francisco " + Application.VERSION,
    description = "San Francisco — runs Clickeen's AI workforce.",
    subcommands = {ServeCommand.class, GrantCommand.class, OutcomeCommand.class, MigrateCommand.class,
        EvalCommand.class, ArticlesCommand.class, JobsCommand.class, PromptsCommand.class, ExportCommand.class,
        ExamplesCommand.class, ReportsCommand.class, ExperimentsCommand.class, BenchCommand.class, AotTrainCommand.class,
        SimulateCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
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
      return 1;
    });
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
