package com.clickeen.sf.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.BlobStore;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every blob backend must do. */
abstract class BlobStoreContract {
  Backends backends;
  BlobStore blobs;

  abstract Backends open() throws Exception;

  @BeforeEach
  void setUp() throws Exception {
    backends = open();
    blobs = backends.blobs();
  }

  @AfterEach
  void tearDown() {
    if (backends != null) { // null when a missing server skipped the test in setUp
      backends.close();
    }
  }

  @Test
  void put_get_replace_delete_and_missing() {
    String key = "logs/test/sdr.copilot/2026-11-24/" + System.nanoTime() + ".json";
    assertThat(blobs.get(key)).isEmpty();
    blobs.put(key, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    blobs.put(key, "{\"a\":2}".getBytes(StandardCharsets.UTF_8));
    assertThat(blobs.get(key)).hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("{\"a\":2}"));
    assertThat(blobs.delete(key)).isTrue();
    assertThat(blobs.get(key)).isEmpty();
    assertThat(blobs.delete(key)).isFalse();
  }

  @Test
  void keys_that_could_escape_are_refused_on_every_backend() {
    assertThatThrownBy(() -> blobs.put("../x", new byte[1])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> blobs.put("/abs", new byte[1])).isInstanceOf(IllegalArgumentException.class);
  }
}
