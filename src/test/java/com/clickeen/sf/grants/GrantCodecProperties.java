package com.clickeen.sf.grants;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickeen.sf.SettableClock;
import com.clickeen.sf.errors.GrantException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Properties of the grant parser: it never fails any other way than GrantException, and what Paris mints verifies. */
class GrantCodecProperties {
  static final long NOW = 1_800_000_000L;
  final GrantCodec codec = new GrantCodec(GrantCodecTest.SECRET, new SettableClock(Instant.ofEpochSecond(NOW)),
      Duration.ZERO);

  @Property(tries = 2000)
  void any_text_is_a_grant_or_a_GrantException(@ForAll @StringLength(max = 5000) String token) {
    try {
      codec.verify(token);
    } catch (GrantException e) {
      assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(600);
    }
  }

  @Property(tries = 2000)
  void any_signed_payload_is_a_grant_or_a_GrantException(@ForAll("payloads") String payload) {
    try {
      Grant g = codec.verify(GrantCodecTest.sign(payload));
      assertThat(g.expiresAtEpochSeconds()).isGreaterThan(NOW);
      assertThat(g.caps()).isNotNull();
    } catch (GrantException e) {
      assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(600);
    }
  }

  @Property(tries = 500)
  void a_payload_minted_like_paris_verifies_with_its_claims(@ForAll("subjects") String sub,
      @ForAll("caps") List<String> caps, @ForAll("lifetimes") long lifetime, @ForAll("maxTokens") long maxTokens) throws Exception {
    String token = codec.mint(GrantCodec.payload(sub, caps, NOW, NOW + lifetime, "j-" + sub.hashCode(), maxTokens,
        3L, null, 25_000L));
    Grant g = codec.verify(token);
    assertThat(g.subject()).isEqualTo(Subject.of(sub));
    assertThat(g.caps()).isEqualTo(caps);
    assertThat(g.budgets().maxTokens()).isEqualTo(maxTokens);
    assertThat(g.expiresAtEpochSeconds()).isEqualTo(NOW + lifetime);
  }

  @Property(tries = 500)
  void one_changed_character_of_a_good_grant_is_refused(@ForAll("positions") double where, @ForAll char c) {
    String good = codec.mint(GrantCodec.payload("u", List.of("agent:sdr.copilot"), NOW, NOW + 60, "j", 500, 1L, null, null));
    int i = (int) (where * good.length());
    String bad = good.substring(0, i) + c + good.substring(i + 1);
    if (bad.equals(good)) {
      return;
    }
    try {
      codec.verify(bad);
      throw new AssertionError("accepted an altered grant: " + bad);
    } catch (GrantException expected) {
      // refused
    }
  }

  @Provide
  Arbitrary<String> subjects() {
    return Arbitraries.strings().ofMinLength(1).ofMaxLength(256);
  }

  @Provide
  Arbitrary<List<String>> caps() {
    return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(40).map(s -> "agent:" + s).list().ofMaxSize(64);
  }

  @Provide
  Arbitrary<Long> lifetimes() {
    return Arbitraries.longs().between(1, 86_400);
  }

  @Provide
  Arbitrary<Long> maxTokens() {
    return Arbitraries.longs().between(1, 10_000_000);
  }

  @Provide
  Arbitrary<Double> positions() {
    return Arbitraries.integers().between(0, 999).map(i -> i / 1000.0);
  }

  /** JSON objects with Paris's field names and values of every JSON type, right or wrong. */
  @Provide
  Arbitrary<String> payloads() {
    Arbitrary<String> scalar = Arbitraries.oneOf(
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.longs().between(NOW - 100, NOW + 200_000).map(String::valueOf),
        Arbitraries.doubles().map(d -> Double.isFinite(d) ? String.valueOf(d) : "1e400"),
        Arbitraries.strings().ofMaxLength(30).map(GrantCodecProperties::quote),
        Arbitraries.of("true", "false", "null", "[]", "{}", "[\"agent:sdr.copilot\"]", "{\"maxTokens\":500}",
            "{\"kind\":\"anon\",\"sessionId\":\"s\"}", "{\"kind\":\"user\",\"userId\":\"u\",\"workspaceId\":\"w\"}",
            "\"paris\"", "1", "-1", "99999999999999999999"));
    Arbitrary<String> field = Combinators.combine(
        Arbitraries.of("v", "iss", "sub", "iat", "exp", "jti", "caps", "budgets", "mode", "trace", "x"), scalar)
        .as((k, v) -> quote(k) + ":" + v);
    return field.list().ofMaxSize(12).map(fs -> "{" + String.join(",", fs) + "}");
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      if (ch == '"' || ch == '\\') {
        b.append('\\').append(ch);
      } else if (ch < 0x20) {
        b.append(String.format("\\u%04x", (int) ch));
      } else {
        b.append(ch);
      }
    }
    return b.append('"').toString();
  }
}
