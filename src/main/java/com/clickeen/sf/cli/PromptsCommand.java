package com.clickeen.sf.cli;

import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.PromptVersions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "prompts", mixinStandardHelpOptions = true,
    description = "Prompt versions per agent: exactly one is active; activating an older one is a rollback. A change "
        + "reaches running instances within seconds.",
    subcommands = {PromptsCommand.ListPrompts.class, PromptsCommand.Show.class, PromptsCommand.Add.class,
        PromptsCommand.Activate.class, PromptsCommand.Propose.class, PromptsCommand.Gate.class})
public final class PromptsCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }


  @Command(name = "list", mixinStandardHelpOptions = true, description = "Versions of an agent's prompt.")
  static final class ListPrompts implements Callable<Integer> {
    @Mixin
    AgentOption agent;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
      String id = agent.id();
      try (Backends b = LocalContext.open(dataDir.resolve())) {
        for (PromptVersions.PromptVersion v : b.prompts().prompts(id)) {
          var p = b.prompts().provenance(id, v.version()).orElse(null);
          String origin = p == null || p.origin() == null ? "" : " [" + p.origin() + " from v" + p.parentVersion() + " by "
              + p.proposer() + gateLabel(p.gateJson()) + "]";
          System.out.printf("%s v%d %s %s%s  %s%n", v.active() ? "*" : " ", v.version(), v.id(),
              Instant.ofEpochMilli(v.createdAtMs()), origin, v.text().lines().findFirst().orElse(""));
        }
      }
      return 0;
    }
  }

  @Command(name = "show", description = "Print a version's text (default: the active one).")
  static final class Show implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Mixin
    AgentOption agent;

    @Option(names = "--version", paramLabel = "N", description = "The version to print (default: the active one).")
    Integer version;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
      String id = agent.id();
      try (Backends b = LocalContext.open(dataDir.resolve())) {
        var found = b.prompts().prompts(id).stream()
            .filter(v -> version == null ? v.active() : v.version() == version).findFirst();
        if (found.isEmpty()) {
          System.err.println("sf prompts show: " + id + " has no " + (version == null ? "active version" : "version " + version));
          return 2;
        }
        System.out.println(found.get().text());
      }
      return 0;
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add the next version from a file.")
  static final class Add implements Callable<Integer> {
    @Mixin
    AgentOption agent;

    @Parameters(index = "0", paramLabel = "FILE", description = "A text file with the prompt (placeholders as in v1).")
    Path file;

    @Option(names = "--activate", description = "Make it the active version at once.")
    boolean activate;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() throws Exception {
      String id = agent.id();
      if (!Files.isRegularFile(file)) {
        System.err.println("sf prompts add: " + file + " is not a file");
        return 2;
      }
      String text = Files.readString(file).strip();
      if (text.isEmpty()) {
        System.err.println("sf prompts add: " + file + " is empty");
        return 2;
      }
      try (Backends b = LocalContext.open(dataDir.resolve())) {
        PromptVersions.PromptVersion v = b.prompts().addPrompt(id, text, System.currentTimeMillis());
        if (activate) {
          b.prompts().activatePrompt(id, v.version());
        }
        System.out.println("added " + v.id() + (activate ? " (active)" : " (inactive; ./sf prompts activate --agent " + id
            + " --version " + v.version() + ")"));
      }
      return 0;
    }
  }

  @Command(name = "activate", description = "Make a version the active one. A candidate proposed by the loop is "
      + "promoted by its experiment; --force activates it by hand.")
  static final class Activate implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--force", description = "Activate a candidate without an experiment.")
    boolean force;

    @Mixin
    AgentOption agent;

    @Option(names = "--version", required = true, paramLabel = "N", description = "The version to make active.")
    int version;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
      String id = agent.id();
      try (Backends b = LocalContext.open(dataDir.resolve())) {
        var provenance = b.prompts().provenance(id, version);
        if (provenance.isPresent() && provenance.get().isCandidate() && !force) {
          System.err.println("sf prompts activate: " + id + " v" + version + " is a candidate; test it with "
              + "./sf experiments start --agent " + id + " --candidate " + version + " (or activate it with --force)");
          return 2;
        }
        if (!b.prompts().activatePrompt(id, version)) {
          System.err.println("sf prompts activate: " + id + " has no version " + version);
          return 2;
        }
        System.out.println(id + " v" + version + " is active");
      }
      return 0;
    }
  }

  static String gateLabel(String gateJson) {
    if (gateJson == null) {
      return ", gate not run";
    }
    return gateJson.contains("\"passed\":true") ? ", gate passed" : ", gate failed";
  }

  @Command(name = "propose", mixinStandardHelpOptions = true,
      description = "Propose a candidate version now from the agent's latest failure report on its active version "
          + "(the reflective proposer on a real analysis model, else the offline rule proposer). The candidate is "
          + "stored inactive; exit 1 when none was stored, with the reason.")
  static final class Propose implements Callable<Integer> {
    @Mixin
    AgentOption agent;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
      String id = agent.id();
      try (ToolContext t = ToolContext.open(dataDir.resolve())) {
        var p = t.app().jobs().evolution().propose(id, true);
        if (!p.stored()) {
          System.err.println("sf prompts propose: no candidate for " + id + ": " + p.skipped());
          return 1;
        }
        System.out.println("candidate " + p.candidate().id() + " (v" + p.candidate().version() + ") by " + p.proposer());
        System.out.println("rationale: " + p.rationale());
        System.out.println("next: ./sf prompts gate --agent " + id + " --version " + p.candidate().version());
      }
      return 0;
    }
  }

  @Command(name = "gate", description = "Run the offline gate on a version: its contract, then the golden set and "
      + "recent interactions replayed next to the active version. Prints the result (stored on the version) and "
      + "exits 1 when it fails.")
  static final class Gate implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Mixin
    AgentOption agent;

    @Option(names = "--version", required = true, paramLabel = "N", description = "The version to gate.")
    int version;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
      String id = agent.id();
      try (ToolContext t = ToolContext.open(dataDir.resolve())) {
        var prompts = t.backends().prompts();
        var active = prompts.activePrompt(id).orElse(null);
        if (active == null || active.version() == version) {
          System.err.println("sf prompts gate: " + id + (active == null ? " has no active version"
              : " v" + version + " is the active version; gate another one"));
          return 2;
        }
        if (prompts.prompts(id).stream().noneMatch(p -> p.version() == version)) {
          System.err.println("sf prompts gate: " + id + " has no version " + version);
          return 2;
        }
        var verdict = t.app().gate().check(id, version);
        prompts.saveGate(id, version, verdict.json());
        System.out.println(verdict.json());
        System.out.println((verdict.passed() ? "PASSED  " : "FAILED  ") + verdict.reason());
        return verdict.passed() ? 0 : 1;
      }
    }
  }
}
