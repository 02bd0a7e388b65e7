package com.clickeen.sf;

import com.clickeen.sf.agents.AgentRegistry;
import com.clickeen.sf.agents.ExecuteService;
import com.clickeen.sf.api.ApiServer;
import com.clickeen.sf.grants.BudgetLedger;
import com.clickeen.sf.grants.GrantCodec;
import com.clickeen.sf.jobs.QueueWorker;
import com.clickeen.sf.learning.InteractionLog;
import com.clickeen.sf.learning.InteractionWriter;
import com.clickeen.sf.learning.OutcomeService;
import com.clickeen.sf.learning.PromptStore;
import com.clickeen.sf.llm.ModelRouter;
import com.clickeen.sf.metrics.Metrics;
import com.clickeen.sf.sessions.SessionStore;
import com.clickeen.sf.store.Backends;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running San Francisco: backends, services, queue worker and HTTP server, wired once. */
public final class Application implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Application.class);
  public static final String VERSION = "0.1.0";

  private final SfConfig config;
  private final Backends backends;
  private final BudgetLedger ledger;
  private final ExecuteService execute;
  private final QueueWorker worker;
  private final ApiServer api;
  private final OutcomeService outcomes;
  private final Metrics metrics = Metrics.create();
  private final com.clickeen.sf.learning.LearningEvents events;
  private final com.clickeen.sf.jobs.LearningJobs jobs;
  private final com.clickeen.sf.jobs.JobRunner jobRunner;
  private com.clickeen.sf.jobs.JobScheduler scheduler;

  private Application(SfConfig config, Clock clock, ModelRouter router, boolean startWorker) {
    this.config = config;
    this.backends = Backends.open(config.storage(), clock);
    try {
      this.ledger = backends.redis() == null ? BudgetLedger.inMemory(clock)
          : BudgetLedger.onRedis(backends.redis(), backends.redisPrefix(), clock);
      GrantCodec codec = new GrantCodec(config.grantSecret(), clock, config.clockSkew());
      AgentRegistry agents = AgentRegistry.standard();
      PromptStore prompts = new PromptStore(backends.prompts(), clock,
          new com.clickeen.sf.learning.experiments.ArmChooser(backends.experiments(), backends.prompts(), clock));
      this.execute = new ExecuteService(agents, codec, ledger, router,
          SessionStore.onKv(backends.kv(), config.sessionTtl()), prompts, new InteractionLog(backends.queue()), clock,
          new ExecuteService.Settings(config.env(), config.defaultTimeout(), config.maxTimeout(), config.clockSkew()),
          metrics, new com.clickeen.sf.agents.HelpCenter(backends.helpArticles(), clock),
          new com.clickeen.sf.learning.PromptExamples(backends.exampleBanks(), clock));
      execute.seedPrompts();
      this.outcomes = new OutcomeService(config.grantSecret(), backends.outcomes(), clock);
      InteractionWriter writer = new InteractionWriter(backends.blobs(), backends.interactions(), backends.experiments());
      this.events = new com.clickeen.sf.learning.LearningEvents(backends.outcomes(), backends.queue(), clock,
          config.attributionWindow());
      Map<String, Consumer<byte[]>> handlers = Map.of(
          com.clickeen.sf.learning.LearningEvents.TOPIC_CONVERTED, events::attribute,
          com.clickeen.sf.learning.LearningEvents.TOPIC_PAID, events::attribute);
      this.worker = new QueueWorker(backends.queue(), Map.of(InteractionLog.TOPIC, writer::writeAll), handlers);
      this.jobs = new com.clickeen.sf.jobs.LearningJobs(backends, clock,
          new com.clickeen.sf.jobs.LearningJobs.Settings(config.sessionTtl(), config.rawRetention()),
          com.clickeen.sf.learning.Scoring.standard());
      this.jobRunner = new com.clickeen.sf.jobs.JobRunner(backends.jobRuns(), clock);
      if (startWorker) {
        worker.start();
        if (config.jobsEnabled()) {
          this.scheduler = new com.clickeen.sf.jobs.JobScheduler(backends.sql(), backends.sqlDialect(), jobs.all(),
              jobRunner, clock, config.timezone(), config.jobsPollInterval());
          scheduler.start();
        }
      }
      this.api = new ApiServer(execute, outcomes, agents, backends.queue()::stats, metrics, VERSION, events,
          new com.clickeen.sf.learning.ReviewService(backends.reviews()));
    } catch (RuntimeException e) {
      backends.close();
      throw e;
    }
  }

  /** Opens the backends and services without serving HTTP (the eval runner and other tools). */
  public static Application open(SfConfig config, Clock clock, ModelRouter router, boolean startWorker) {
    return new Application(config, clock, router, startWorker);
  }

  public ExecuteService executeService() {
    return execute;
  }

  /** Opens the backends and starts serving on the configured host and port. */
  public static Application start(SfConfig config, Clock clock, ModelRouter router, boolean startWorker) {
    Application app = new Application(config, clock, router, startWorker);
    try {
      int port = app.api.start(config.host(), config.port());
      LOG.info("San Francisco {} listening on http://{}:{} — storage: {}; models: {}", VERSION, config.host(), port,
          app.backends.description(), router.describe());
      LOG.info("configuration: {}", config.describe());
      router.prepareInBackground();
      return app;
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
  }

  public int port() {
    return api.port();
  }

  public Backends backends() {
    return backends;
  }

  public QueueWorker worker() {
    return worker;
  }

  public BudgetLedger ledger() {
    return ledger;
  }

  public OutcomeService outcomes() {
    return outcomes;
  }

  public com.clickeen.sf.jobs.LearningJobs jobs() {
    return jobs;
  }

  public com.clickeen.sf.jobs.JobRunner jobRunner() {
    return jobRunner;
  }

  public com.clickeen.sf.learning.LearningEvents events() {
    return events;
  }

  public Metrics metrics() {
    return metrics;
  }

  public SfConfig config() {
    return config;
  }

  /** Stops taking requests, writes what is queued, then closes the stores. */
  @Override
  public void close() {
    stop(true);
  }

  /**
   * Stops like a crash would, as far as queued work is concerned: nothing queued is written now. What was
   * accepted stays in the durable queue and is written by the next start (tests use this).
   */
  public void stopWithoutDraining() {
    stop(false);
  }

  private void stop(boolean drain) {
    api.close();
    if (scheduler != null) {
      scheduler.close();
    }
    execute.close();
    worker.close();
    if (!drain) {
      ledger.close();
      backends.close();
      return;
    }
    try {
      worker.drainAll();
    } catch (RuntimeException e) {
      LOG.warn("shutdown: queued interactions stay queued and will be written at the next start: {}", e.getMessage());
    }
    ledger.close();
    backends.close();
  }
}
