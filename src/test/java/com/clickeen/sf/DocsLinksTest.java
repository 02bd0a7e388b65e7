package com.clickeen.sf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation a clone has is the documentation: every link in README.md and docs/*.md points at a file
 * of this repository (and at a heading that exists, when it names one), and none points outside it.
 */
class DocsLinksTest {
  private static final Pattern LINK = Pattern.compile("(?<!!)\\[[^\\]]*\\]\\(([^)\\s]+)\\)|!\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  private static final Path ROOT = Path.of("").toAbsolutePath();

  static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>();
    docs.add(ROOT.resolve("README.md"));
    try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  @Test
  void every_link_resolves_to_a_file_and_heading_in_the_repository() throws IOException {
    List<String> broken = new ArrayList<>();
    int links = 0;
    for (Path doc : documents()) {
      String text = stripCode(Files.readString(doc));
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        String target = m.group(1) != null ? m.group(1) : m.group(2);
        links++;
        String where = ROOT.relativize(doc) + " -> " + target;
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
          broken.add(where + " (leaves the repository)");
          continue;
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
        if (!resolved.startsWith(ROOT)) {
          broken.add(where + " (outside the repository)");
        } else if (!Files.exists(resolved)) {
          broken.add(where + " (no such file)");
        } else if (anchor != null && resolved.toString().endsWith(".md")
            && !anchors(Files.readString(resolved)).contains(anchor)) {
          broken.add(where + " (no such heading)");
        }
      }
    }
    assertThat(links).isGreaterThan(20);
    assertThat(broken).isEmpty();
  }

  @Test
  void the_readme_links_every_document_in_docs() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    for (Path doc : documents().subList(1, documents().size())) {
      assertThat(readme).as(doc.getFileName().toString()).contains("](docs/" + doc.getFileName() + ")");
    }
  }

  /** Headings as GitHub anchors them: lower case, punctuation dropped, spaces to hyphens. */
  static Set<String> anchors(String markdown) {
    Set<String> out = new TreeSet<>();
    for (String line : stripCode(markdown).split("\n")) {
      if (line.startsWith("#")) {
        String title = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
        out.add(title.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
      }
    }
    return out;
  }

  /** Fenced code blocks hold examples, not links or headings. */
  private static String stripCode(String markdown) {
    return markdown.replaceAll("(?ms)^```.*?^```", "");
  }
}
