package com.clickeen.sf.agents;

import static com.clickeen.sf.testing.TestService.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.Main;
import com.clickeen.sf.json.Json;
import com.clickeen.sf.testing.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without articles in the request, the Support Agent answers from the stored ones (./sf articles import). */
class SupportStoredArticlesTest {
  @TempDir
  Path dir;

  @Test
  void imported_articles_are_found_and_cited() throws Exception {
    Path kb = Files.createDirectories(dir.resolve("kb"));
    Files.writeString(kb.resolve("kb-export.md"), "# Export your widget data\n\nOpen Settings, then Data, and click "
        + "Export. A CSV file with your widget data downloads.\n");
    Files.writeString(kb.resolve("more.json"), "[{\"id\":\"kb-domains\",\"title\":\"Allowed domains\","
        + "\"body\":\"Widgets only load on the domains listed in Settings, Domains.\"}]");
    Path data = dir.resolve("data");
    try (TestService sf = TestService.start(data)) {
      assertThat(Main.commandLine().execute("articles", "import", "--data-dir", data.toString(), kb.toString())).isZero();
      String grant = sf.grant("u", List.of("agent:support.agent"), 2000, 2L, null, null);
      JsonNode r = json(sf.post("/v1/execute", TestService.executeBody(grant, "support.agent",
          Json.parse("{\"question\":\"How do I export my widget data?\"}"))));
      assertThat(r.path("result").path("escalate").asBoolean()).as(r.toString()).isFalse();
      assertThat(r.path("result").path("citedArticleIds").toString()).contains("kb-export");
    }
    assertThat(Main.commandLine().execute("articles", "import", "--data-dir", data.toString(),
        dir.resolve("missing").toString())).isEqualTo(2);
  }
}
