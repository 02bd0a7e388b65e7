package com.clickeen.sf.scaleout;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.StorageSettings;
import com.clickeen.sf.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backend that cannot be reached stops the start with a message naming it. */
class StartupChecksTest {
  @TempDir
  Path dir;

  @Test
  void unreachable_postgresql_is_named() {
    assertThatThrownBy(() -> Backends.open(new StorageSettings(dir, "jdbc:postgresql://127.0.0.1:1/nowhere?user=x&password=secret",
        null, "sf:", null), Clock.systemUTC()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("PostgreSQL")
        .hasMessageContaining("127.0.0.1:1")
        .hasMessageNotContaining("secret");
  }

  @Test
  void unreachable_redis_is_named() {
    assertThatThrownBy(() -> Backends.open(new StorageSettings(dir, null, "redis://127.0.0.1:1", "sf:", null),
        Clock.systemUTC()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("Redis (redis://127.0.0.1:1) is not reachable");
  }

  @Test
  void unreachable_s3_is_named() {
    assertThatThrownBy(() -> Backends.open(new StorageSettings(dir, null, null, "sf:",
        "s3://bucket?endpoint=http://127.0.0.1:1&region=us-east-1&accessKey=a&secretKey=b"), Clock.systemUTC()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("S3 bucket 'bucket' at http://127.0.0.1:1");
  }

  @Test
  void a_sql_url_of_another_database_is_refused() {
    assertThatThrownBy(() -> Backends.open(new StorageSettings(dir, "jdbc:mysql://127.0.0.1/x", null, "sf:", null),
        Clock.systemUTC()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("jdbc:postgresql");
  }
}
