package com.clickeen.sf.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The streamed text of a field, cut anywhere, adds up to the field's value as a JSON parser reads it. */
class StringFieldScannerProperties {

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(60).filter(StringFieldScannerProperties::wellFormed),
        Arbitraries.strings().withChars("\"\\/\n\t\r\b\f{}[],:é 😀ab\u2028").ofMaxLength(40)
            .filter(StringFieldScannerProperties::wellFormed));
  }

  /** Text a model can send: no surrogate without its partner. */
  static boolean wellFormed(String s) {
    return java.nio.charset.StandardCharsets.UTF_8.newEncoder().canEncode(s);
  }

  @Property(tries = 500)
  void the_pieces_add_up_to_the_value_wherever_the_stream_is_cut(@ForAll("texts") String value,
      @ForAll("texts") String other, @ForAll @IntRange(min = 1, max = 7) int cuts, @ForAll long seed,
      @ForAll boolean asciiEscapes) throws Exception {
    ObjectNode o = Json.object();
    o.put("next", other);
    o.putObject("meta").put("message", "nested, not ours").putArray("list").add(other).add(7);
    o.put("message", value);
    o.put("after", other);
    String raw = asciiEscapes
        ? Json.mapper().writer().with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
            .writeValueAsString(o)
        : Json.text(o);
    StringFieldScanner scanner = new StringFieldScanner("message");
    StringBuilder got = new StringBuilder();
    for (String piece : split(raw, cuts, seed)) {
      StringFieldScanner.Piece p = scanner.feed(piece);
      assertThat(p.startedOver()).isFalse();
      if (!p.text().isEmpty()) {
        assertThat(Character.isHighSurrogate(p.text().charAt(p.text().length() - 1))).as("no split pair").isFalse();
      }
      got.append(p.text());
    }
    assertThat(got.toString()).isEqualTo(value);
    assertThat(scanner.complete()).isTrue();
  }

  @Example
  void a_second_answer_starts_over_and_is_read_anew() {
    StringFieldScanner s = new StringFieldScanner("answer");
    assertThat(s.feed("```json\n{\"answer\":\"Fir").text()).isEqualTo("Fir");
    assertThat(s.feed("st\"}\n").text()).isEqualTo("st");
    StringFieldScanner.Piece again = s.feed("{\"escalate\":false,\"answer\":\"Sec");
    assertThat(again.startedOver()).isTrue();
    assertThat(again.text()).isEqualTo("Sec");
    assertThat(s.feed("ond\"}").text()).isEqualTo("ond");
  }

  @Example
  void a_field_that_is_not_a_string_or_not_at_the_top_gives_no_text() {
    StringFieldScanner s = new StringFieldScanner("message");
    assertThat(s.feed("{\"message\": 7, \"x\": {\"message\": \"deep\"}, \"y\": [\"message\", \"no\"]}").text()).isEmpty();
    StringFieldScanner broken = new StringFieldScanner("message");
    assertThat(broken.feed("{\"message\":\"bad \\uZZ").text()).isEqualTo("bad \uFFFDZ"); // a bad escape reads as U+FFFD
  }

  private static List<String> split(String raw, int cuts, long seed) {
    java.util.Random random = new java.util.Random(seed);
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < cuts; i++) {
      at.add(random.nextInt(raw.length() + 1));
    }
    at.sort(null);
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int cut : at) {
      out.add(raw.substring(from, cut));
      from = cut;
    }
    out.add(raw.substring(from));
    return out;
  }
}
