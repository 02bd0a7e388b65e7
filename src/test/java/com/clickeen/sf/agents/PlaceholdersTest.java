package com.clickeen.sf.agents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaceholdersTest {
  @Test
  void variables_html_printf_and_mustache_are_found() {
    assertThat(Placeholders.of("Hello, {name}! <b>Bold</b> %s {{user.name}}"))
        .containsExactlyInAnyOrder("{name}", "<b>", "</b>", "%s", "{{user.name}}");
  }

  @Test
  void translated_text_inside_icu_branches_keeps_the_same_skeleton() {
    String en = "{count, plural, one {# question} other {# questions}}";
    String fr = "{count, plural, one {# question} other {# questions au total}}";
    assertThat(Placeholders.of(fr)).isEqualTo(Placeholders.of(en));
    assertThat(Placeholders.of(en)).contains("{count,plural}", "count:one", "count:other", "#");
  }

  @Test
  void a_renamed_argument_a_lost_branch_or_a_dropped_tag_is_a_difference() {
    String en = "{count, plural, one {# item} other {# items}} for <b>{name}</b>";
    assertThat(Placeholders.of("{n, plural, one {# item} other {# items}} for <b>{name}</b>")).isNotEqualTo(Placeholders.of(en));
    assertThat(Placeholders.of("{count, plural, other {# items}} for <b>{name}</b>")).isNotEqualTo(Placeholders.of(en));
    assertThat(Placeholders.of("{count, plural, one {# item} other {# items}} for {name}")).isNotEqualTo(Placeholders.of(en));
    assertThat(Placeholders.of("{count, plural, one {# item} other {# items}} for <b>{nom}</b>")).isNotEqualTo(Placeholders.of(en));
  }

  @Test
  void nested_select_arguments_are_compared_too() {
    String en = "{g, select, female {{name} updated her widget} other {{name} updated a widget}}";
    String ok = "{g, select, female {{name} a mis à jour son widget} other {{name} a mis à jour un widget}}";
    String bad = "{g, select, female {{nom} a mis à jour son widget} other {{name} a mis à jour un widget}}";
    assertThat(Placeholders.of(ok)).isEqualTo(Placeholders.of(en));
    assertThat(Placeholders.of(bad)).isNotEqualTo(Placeholders.of(en));
  }

  @Test
  void unbalanced_braces_never_match_balanced_ones() {
    assertThat(Placeholders.of("Hello {name")).isNotEqualTo(Placeholders.of("Hello {name}"));
  }
}
