package com.clickeen.sf.cli;

import com.clickeen.sf.json.Json;
import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.HelpArticles;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "articles", mixinStandardHelpOptions = true,
    description = "Help articles the Support Agent answers from when a request carries none.",
    subcommands = {ArticlesCommand.Import.class, ArticlesCommand.ListArticles.class})
public final class ArticlesCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Import articles: .md files (first '# ' line is the title, the file name the id) or .json files "
          + "({id, title, body, url?, locale?} or an array of them), from files or folders.")
  static final class Import implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Article files (.md or .json) or folders of them.")
    List<Path> paths;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() throws IOException {
      int added = 0;
      int updated = 0;
      try (Backends b = LocalContext.open(dataDir.resolve())) {
        for (Path root : paths) {
          if (!Files.exists(root)) {
            System.err.println("sf articles import: " + root + " does not exist");
            return 2;
          }
          try (Stream<Path> files = Files.isDirectory(root) ? Files.walk(root) : Stream.of(root)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
              for (HelpArticles.HelpArticle a : read(f)) {
                if (b.helpArticles().upsertArticle(a)) {
                  added++;
                } else {
                  updated++;
                }
              }
            }
          }
        }
      } catch (IllegalArgumentException e) {
        System.err.println("sf articles import: " + e.getMessage());
        return 2;
      }
      System.out.println(added + " added, " + updated + " updated");
      return 0;
    }

    static List<HelpArticles.HelpArticle> read(Path f) throws IOException {
      String name = f.getFileName().toString();
      long now = System.currentTimeMillis();
      if (name.endsWith(".md")) {
        String text = Files.readString(f);
        String title = text.lines().filter(l -> l.startsWith("# ")).findFirst().map(l -> l.substring(2).strip())
            .orElse(name.substring(0, name.length() - 3));
        return List.of(new HelpArticles.HelpArticle(name.substring(0, name.length() - 3), title, text, null, null, now));
      }
      if (name.endsWith(".json")) {
        JsonNode n = Json.parse(Files.readAllBytes(f));
        List<JsonNode> items = n.isArray() ? java.util.stream.StreamSupport.stream(n.spliterator(), false).toList() : List.of(n);
        return items.stream().map(a -> {
          if (!a.path("id").isTextual() || !a.path("title").isTextual() || !a.path("body").isTextual()) {
            throw new IllegalArgumentException(f + ": each article needs string fields id, title and body");
          }
          return new HelpArticles.HelpArticle(a.path("id").asText(), a.path("title").asText(), a.path("body").asText(),
              a.path("url").asText(null), a.path("locale").asText(null), now);
        }).toList();
      }
      return List.of();
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List stored articles.")
  static final class ListArticles implements Callable<Integer> {
    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() {
      try (Backends b = LocalContext.open(dataDir.resolve())) {
        for (HelpArticles.HelpArticle a : b.helpArticles().articles(10_000)) {
          System.out.println(a.id() + "\t" + a.title());
        }
      }
      return 0;
    }
  }
}
