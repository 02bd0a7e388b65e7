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
        PromptsCommand.Activate.class})
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
          System.out.printf("%s v%d %s %s  %s%n", v.active() ? "*" : " ", v.version(), v.id(),
              Instant.ofEpochMilli(v.createdAtMs()), v.text().lines().findFirst().orElse(""));
        }
      }
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a version's text (default: the active one).")
  static final class Show implements Callable<Integer> {
    @Mixin
    AgentOption agent;

    @Option(names = "--version")
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

    @Parameters(index = "0", paramLabel = "FILE")
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

  @Command(name = "activate", mixinStandardHelpOptions = true, description = "Make a version the active one.")
  static final class Activate implements Callable<Integer> {
    @Mixin
    AgentOption agent;

    @Option(names = "--version", required = true)
    int version;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
      String id = agent.id();
      try (Backends b = LocalContext.open(dataDir.resolve())) {
        if (!b.prompts().activatePrompt(id, version)) {
          System.err.println("sf prompts activate: " + id + " has no version " + version);
          return 2;
        }
        System.out.println(id + " v" + version + " is active");
      }
      return 0;
    }
  }
}
