package com.clickeen.sf.store.contract;

import static org.awaitility.Awaitility.await;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every KV backend must do. Subclasses only say how to open one. */
abstract class KeyValueStoreContract {
  Backends backends;
  KeyValueStore kv;

  abstract Backends open() throws Exception;

  @BeforeEach
  void setUp() throws Exception {
    backends = open();
    kv = backends.kv();
  }

  @AfterEach
  void tearDown() {
    if (backends != null) { // null when a missing server skipped the test in setUp
      backends.close();
    }
  }

  @Test
  void put_get_overwrite_and_delete() {
    assertThat(kv.get("a")).isEmpty();
    kv.put("a", "1".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1));
    kv.put("a", "2".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1));
    assertThat(kv.get("a")).hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("2"));
    assertThat(kv.delete("a")).isTrue();
    assertThat(kv.delete("a")).isFalse();
    assertThat(kv.get("a")).isEmpty();
  }

  @Test
  void entries_expire_after_their_ttl() throws Exception {
    kv.put("short", new byte[] {1, 2, 3}, Duration.ofMillis(300));
    kv.put("long", new byte[] {4}, Duration.ofMinutes(5));
    assertThat(kv.get("short")).isPresent();
    await().atMost(Duration.ofSeconds(10)).until(() -> kv.get("short").isEmpty());
    assertThat(kv.get("long")).hasValueSatisfying(v -> assertThat(v).containsExactly(4));
  }

  @Test
  void binary_values_round_trip_and_a_zero_ttl_is_refused() {
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    kv.put("bin", all, Duration.ofMinutes(1));
    assertThat(kv.get("bin")).hasValueSatisfying(v -> assertThat(v).isEqualTo(all));
    assertThatThrownBy(() -> kv.put("x", all, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }
}
