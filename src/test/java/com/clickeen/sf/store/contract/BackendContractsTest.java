package com.clickeen.sf.store.contract;

import com.clickeen.sf.grants.BudgetLedger;
import com.clickeen.sf.store.Backends;
import com.clickeen.sf.store.StorageSettings;
import com.clickeen.sf.testing.TestBackends;
import java.nio.file.Files;
import java.time.Clock;
import org.junit.jupiter.api.Nested;

/**
 * Each port's contract against each backend: embedded (SQLite, files), PostgreSQL and Redis on 127.0.0.1,
 * and S3 (S3Mock started by the tests). Each backend is a few lines saying how to get its instance. The SQL
 * index's ports each have their contract, run on SQLite and on PostgreSQL.
 */
class BackendContractsTest {
  static Backends embedded() throws Exception {
    return Backends.embedded(Files.createTempDirectory("sf-contract-"), Clock.systemUTC());
  }

  static Backends postgres() throws Exception {
    return with(TestBackends.postgresUrl(), null, "sf:", null);
  }

  static Backends with(String sql, String redis, String prefix, String blob) throws Exception {
    return Backends.open(new StorageSettings(Files.createTempDirectory("sf-contract-"), sql, redis, prefix, blob),
        Clock.systemUTC());
  }

  @Nested
  class EmbeddedKv extends KeyValueStoreContract {
    @Override
    Backends open() throws Exception {
      return embedded();
    }
  }

  /** The embedded log with SF_LOG_SYNC_MS=0: writes go through the group-commit thread, synced. */
  static Backends embeddedSyncedPerGroup(java.nio.file.Path dir) {
    return Backends.open(new StorageSettings(dir, null, null, "sf:", null, 0), Clock.systemUTC());
  }

  @Nested
  class EmbeddedKvSyncedPerGroup extends KeyValueStoreContract {
    @Override
    Backends open() throws Exception {
      return embeddedSyncedPerGroup(Files.createTempDirectory("sf-contract-"));
    }
  }

  @Nested
  class RedisKv extends KeyValueStoreContract {
    @Override
    Backends open() throws Exception {
      return with(null, TestBackends.redisUrl(), TestBackends.redisPrefix(), null);
    }
  }

  @Nested
  class EmbeddedQueue extends DurableQueueContract {
    private java.nio.file.Path dir;

    @Override
    Backends open() throws Exception {
      if (dir == null) {
        dir = Files.createTempDirectory("sf-contract-q-");
      }
      return Backends.embedded(dir, Clock.systemUTC());
    }
  }

  @Nested
  class EmbeddedQueueSyncedPerGroup extends DurableQueueContract {
    private java.nio.file.Path dir;

    @Override
    Backends open() throws Exception {
      if (dir == null) {
        dir = Files.createTempDirectory("sf-contract-q-");
      }
      return embeddedSyncedPerGroup(dir);
    }
  }

  @Nested
  class RedisQueue extends DurableQueueContract {
    private String prefix;

    @Override
    Backends open() throws Exception {
      if (prefix == null) {
        prefix = TestBackends.redisPrefix();
      }
      return with(null, TestBackends.redisUrl(), prefix, null);
    }
  }

  @Nested
  class FileBlobs extends BlobStoreContract {
    @Override
    Backends open() throws Exception {
      return embedded();
    }
  }

  @Nested
  class S3Blobs extends BlobStoreContract {
    @Override
    Backends open() throws Exception {
      return with(null, null, "sf:", TestBackends.s3Url());
    }
  }

  @Nested
  class SqliteInteractions extends InteractionsContract {
    @Override
    Backends open() throws Exception {
      return embedded();
    }
  }

  @Nested
  class PostgresInteractions extends InteractionsContract {
    @Override
    Backends open() throws Exception {
      return postgres();
    }
  }

  @Nested
  class SqliteOutcomes extends OutcomesContract {
    @Override
    Backends open() throws Exception {
      return embedded();
    }
  }

  @Nested
  class PostgresOutcomes extends OutcomesContract {
    @Override
    Backends open() throws Exception {
      return postgres();
    }
  }

  @Nested
  class SqliteReviews extends ReviewsContract {
    @Override
    Backends open() throws Exception {
      return embedded();
    }
  }

  @Nested
  class PostgresReviews extends ReviewsContract {
    @Override
    Backends open() throws Exception {
      return postgres();
    }
  }

  @Nested
  class SqliteScores extends ScoresContract {
    @Override
    Backends open() throws Exception {
      return embedded();
    }
  }

  @Nested
  class PostgresScores extends ScoresContract {
    @Override
    Backends open() throws Exception {
      return postgres();
    }
  }

  @Nested
  class SqlitePromptVersions extends PromptVersionsContract {
    @Override
    Backends open() throws Exception {
      return embedded();
    }
  }

  @Nested
  class PostgresPromptVersions extends PromptVersionsContract {
    @Override
    Backends open() throws Exception {
      return postgres();
    }
  }

  @Nested
  class SqliteExampleBanks extends ExampleBanksContract {
    @Override
    Backends open() throws Exception {
      return embedded();
    }
  }

  @Nested
  class PostgresExampleBanks extends ExampleBanksContract {
    @Override
    Backends open() throws Exception {
      return postgres();
    }
  }

  @Nested
  class SqliteFailureReports extends FailureReportsContract {
    @Override
    Backends open() throws Exception {
      return embedded();
    }
  }

  @Nested
  class PostgresFailureReports extends FailureReportsContract {
    @Override
    Backends open() throws Exception {
      return postgres();
    }
  }

  @Nested
  class SqliteJobRuns extends JobRunsContract {
    @Override
    Backends open() throws Exception {
      return embedded();
    }
  }

  @Nested
  class PostgresJobRuns extends JobRunsContract {
    @Override
    Backends open() throws Exception {
      return postgres();
    }
  }

  @Nested
  class SqliteHelpArticles extends HelpArticlesContract {
    @Override
    Backends open() throws Exception {
      return embedded();
    }
  }

  @Nested
  class PostgresHelpArticles extends HelpArticlesContract {
    @Override
    Backends open() throws Exception {
      return postgres();
    }
  }

  @Nested
  class SqliteExperiments extends ExperimentStoreContract {
    @Override
    Backends open() throws Exception {
      return embedded();
    }
  }

  @Nested
  class PostgresExperiments extends ExperimentStoreContract {
    @Override
    Backends open() throws Exception {
      return postgres();
    }
  }

  @Nested
  class InMemoryLedger extends BudgetLedgerContract {
    @Override
    BudgetLedger ledger() {
      return BudgetLedger.inMemory(Clock.systemUTC());
    }
  }

  @Nested
  class RedisLedger extends BudgetLedgerContract {
    @Override
    BudgetLedger ledger() throws Exception {
      Backends b = with(null, TestBackends.redisUrl(), TestBackends.redisPrefix(), null);
      return BudgetLedger.onRedis(b.redis(), b.redisPrefix(), Clock.systemUTC());
    }
  }
}
