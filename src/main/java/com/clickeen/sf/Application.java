package com.clickeen.sf;

import com.clickeen.sf.agents.AgentRegistry;
import com.clickeen.sf.agents.ExecuteService;
import com.clickeen.sf.api.ApiServer;
import com.clickeen.sf.grants.BudgetLedger;
import com.clickeen.sf.grants.GrantCodec;
import com.clickeen.sf.agents.Agent;
import com.clickeen.sf.agents.OfflineGate;
import com.clickeen.sf.jobs.LearningJobs;
import com.clickeen.sf.jobs.QueueWorker;
import com.clickeen.sf.learning.evolution.CandidateGate;
import com.clickeen.sf.learning.evolution.PromptProposer;
import com.clickeen.sf.learning.evolution.ReflectiveProposer;
import com.clickeen.sf.learning.evolution.RuleProposer;
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
  private CandidateGate gate;
  private final com.clickeen.sf.jobs.JobRunner jobRunner;
  private com.clickeen.sf.jobs.JobScheduler scheduler;
  /** Held while serving: one instance per data folder. */
  private final com.clickeen.sf.store.DataFolderLock folderLock;
  /** Set once the port is bound: only a service that was listening says it stopped. */
  private volatile boolean listening;

  private Application(SfConfig config, Clock clock, ModelRouter router, boolean startWorker,
      com.clickeen.sf.store.DataFolderLock folderLock) {
    this.config = config;
    this.folderLock = folderLock;
    this.backends = Backends.open(config.storage(), clock);
    try {
      if (folderLock != null) {
        int back = backends.queue().takeBackAfterCrash();
        if (back > 0) {
          LOG.info("took back {} queued message(s) a previous process had taken and not finished", back);
        }
      }
      this.ledger = backends.redis() == null ? BudgetLedger.inMemory(clock)
          : BudgetLedger.onRedis(backends.redis(), backends.redisPrefix(), clock);
      GrantCodec codec = new GrantCodec(config.grantSecret(), clock, config.clockSkew(), config.limits().grantIssuers(),
          config.limits().grantMaxLifetime(), config.limits().grantPublicKeys(), config.limits().hmacGrants());
      AgentRegistry agents = AgentRegistry.standard();
      PromptStore prompts = new PromptStore(backends.prompts(), clock,
          new com.clickeen.sf.learning.experiments.ArmChooser(backends.experiments(), backends.prompts(), clock));
      this.execute = new ExecuteService(agents, codec, ledger, router,
          SessionStore.onKv(backends.kv(), config.sessionTtl()), prompts, new InteractionLog(backends.journal()), clock,
          new ExecuteService.Settings(config.env(), config.defaultTimeout(), config.maxTimeout(), config.clockSkew(),
              config.limits().maxInFlightPerSubject()),
          metrics, new com.clickeen.sf.agents.HelpCenter(backends.helpArticles(), clock),
          new com.clickeen.sf.learning.PromptExamples(backends.exampleBanks(), clock),
          new com.clickeen.sf.agents.RequestClaims(backends.kv(),
              id -> !backends.interactions().knownInteractionIds(java.util.Set.of(id)).isEmpty()));
      execute.seedPrompts();
      this.outcomes = new OutcomeService(config.grantSecret(), backends.outcomes(), clock,
          id -> !backends.interactions().knownInteractionIds(java.util.Set.of(id)).isEmpty());
      InteractionWriter writer = new InteractionWriter(backends.blobs(), backends.interactions(), backends.experiments());
      this.events = new com.clickeen.sf.learning.LearningEvents(backends.outcomes(), backends.queue(), clock,
          config.attributionWindow());
      Map<String, Consumer<byte[]>> handlers = Map.of(
          com.clickeen.sf.learning.LearningEvents.TOPIC_CONVERTED, events::attribute,
          com.clickeen.sf.learning.LearningEvents.TOPIC_PAID, events::attribute);
      this.worker = new QueueWorker(backends.queue(), Map.of(InteractionLog.TOPIC, writer::writeAll), handlers);
      this.jobs = new com.clickeen.sf.jobs.LearningJobs(backends, clock,
          new com.clickeen.sf.jobs.LearningJobs.Settings(config.sessionTtl(), config.rawRetention()),
          com.clickeen.sf.learning.Scoring.standard(), loop(config, clock, router, agents, codec));
      this.jobRunner = new com.clickeen.sf.jobs.JobRunner(backends.jobRuns(), clock);
      if (startWorker) {
        worker.start();
        if (config.jobsEnabled()) { // started once the port is bound (a start that fails there runs no job)
          this.scheduler = new com.clickeen.sf.jobs.JobScheduler(backends.sql(), backends.sqlDialect(), jobs.all(),
              jobRunner, clock, config.timezone(), config.jobsPollInterval());
        }
      }
      java.util.function.Consumer<io.javalin.config.JavalinConfig> admin = config.adminEnabled()
          ? new com.clickeen.sf.admin.AdminUi(config.adminPassword(), new com.clickeen.sf.admin.AdminUi.Services(
              backends, agents, jobs, jobRunner, clock))::register
          : c -> {};
      this.api = new ApiServer(execute, outcomes, agents, backends.queue()::stats, metrics, VERSION, events,
          new com.clickeen.sf.learning.ReviewService(backends.reviews()), config.limits(), admin);
    } catch (RuntimeException e) {
      backends.close();
      throw e;
    }
  }

  /**
   * The prompt-evolution part of the jobs: the reflective proposer when the analysis route has a real
   * provider, else the offline rule proposer; the offline gate on this application's execute path.
   */
  private LearningJobs.Loop loop(SfConfig config, Clock clock, ModelRouter router, AgentRegistry agents,
      GrantCodec codec) {
    var evolution = config.evolution();
    boolean offline = "offline".equals(router.route(ReflectiveProposer.TASK).getFirst().provider().id());
    PromptProposer proposer = offline ? new RuleProposer() : new ReflectiveProposer(router);
    OfflineGate gate = new OfflineGate(execute, codec, clock, agents, backends.interactions(), backends.exampleBanks(),
        backends.blobs(), evolution.goldenDir(), evolution.gateReplay());
    CandidateGate check = (agentId, version) -> {
      var prompts = backends.prompts();
      var active = prompts.activePrompt(agentId).orElseThrow(() -> new IllegalStateException(agentId
          + " has no active prompt version"));
      var candidate = prompts.prompts(agentId).stream().filter(p -> p.version() == version).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(agentId + " has no prompt version " + version));
      OfflineGate.Result r = gate.run(agentId, active, candidate);
      return new CandidateGate.Verdict(r.passed(), r.reason(), r.json());
    };
    this.gate = check;
    return new LearningJobs.Loop(proposer, id -> agents.find(id).map(Agent::resultSchema).orElse(null), check,
        evolution, config.attributionWindow());
  }

  /** The offline gate on this application's execute path ({@code ./sf prompts gate}). */
  public CandidateGate gate() {
    return gate;
  }

  /** Opens the backends and services without serving HTTP (the eval runner and other tools). */
  public static Application open(SfConfig config, Clock clock, ModelRouter router, boolean startWorker) {
    Application app = new Application(config, clock, router, startWorker, null);
    if (app.scheduler != null) {
      app.scheduler.start();
    }
    return app;
  }

  public ExecuteService executeService() {
    return execute;
  }

  /** Opens the backends and starts serving on the configured host and port. */
  public static Application start(SfConfig config, Clock clock, ModelRouter router, boolean startWorker) {
    var lock = com.clickeen.sf.store.DataFolderLock.acquire(config.dataDir());
    Application app;
    try {
      app = new Application(config, clock, router, startWorker, lock);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    try {
      int port = app.api.start(config.host(), config.port());
      if (app.scheduler != null) {
        app.scheduler.start();
      }
      app.listening = true;
      LOG.info("San Francisco {} listening on http://{}:{} — storage: {}; models: {}", VERSION, config.host(), port,
          app.backends.description(), router.describe());
      LOG.info("configuration: {}", config.describe());
      if (config.adminEnabled()) {
        LOG.info("admin UI: http://{}:{}/admin", config.host(), port);
      }
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

  /** The HTTP server (its routes, for the OpenAPI check). */
  public ApiServer api() {
    return api;
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
      releaseFolder();
      return;
    }
    try {
      worker.drainAll();
    } catch (RuntimeException e) {
      LOG.warn("shutdown: queued interactions stay queued and will be written at the next start: {}", e.getMessage());
    }
    ledger.close();
    backends.close();
    releaseFolder();
  }

  private void releaseFolder() {
    if (folderLock != null) {
      folderLock.close();
      if (listening) {
        LOG.info("San Francisco stopped");
      }
    }
  }
}
