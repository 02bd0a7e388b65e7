package com.clickeen.sf.agents;

import com.clickeen.sf.errors.BudgetExceededException;
import com.clickeen.sf.errors.CapabilityDeniedException;
import com.clickeen.sf.errors.ConflictException;
import com.clickeen.sf.errors.Echo;
import com.clickeen.sf.errors.TooManyInFlightException;
import com.clickeen.sf.store.RequestIds;
import com.clickeen.sf.errors.GrantException;
import com.clickeen.sf.errors.InvalidInputException;
import com.clickeen.sf.errors.NotFoundException;
import com.clickeen.sf.errors.ProviderException;
import com.clickeen.sf.grants.BudgetLedger;
import com.clickeen.sf.grants.Grant;
import com.clickeen.sf.grants.GrantCodec;
import com.clickeen.sf.json.SchemaValidator;
import com.clickeen.sf.json.ValidationIssue;
import com.clickeen.sf.learning.AgentInteraction;
import com.clickeen.sf.learning.experiments.ArmChooser;
import com.clickeen.sf.learning.InteractionLog;
import com.clickeen.sf.learning.PromptExamples;
import com.clickeen.sf.learning.PromptStore;
import com.clickeen.sf.llm.DeltaSink;
import com.clickeen.sf.logging.Logging;
import com.clickeen.sf.llm.ModelRouter;
import com.clickeen.sf.metrics.Metrics;
import com.clickeen.sf.sessions.SessionStore;
import com.clickeen.sf.store.PromptVersions.PromptVersion;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /v1/execute}: body checks, grant, capability, input contract, then the agent under the
 * grant's time budget, then the interaction onto the durable queue, then the answer.
 */
public final class ExecuteService implements AutoCloseable {

  /**
   * Service-side limits. {@code defaultTimeout} applies when a grant has no {@code timeoutMs};
   * {@code maxInFlightPerSubject} caps the executes one subject may have running at once.
   */
  public record Settings(String env, Duration defaultTimeout, Duration maxTimeout, Duration clockSkew,
      int maxInFlightPerSubject) {}

  /** Longest {@code trace.locale} accepted (BCP 47 tags are far shorter). */
  static final int MAX_LOCALE_CHARS = 64;

  private final AgentRegistry agents;
  private final GrantCodec grants;
  private final BudgetLedger ledger;
  private final ModelRouter router;
  private final SessionStore sessions;
  private final PromptStore prompts;
  private final InteractionLog log;
  private final Clock clock;
  private final Settings settings;
  private final Metrics metrics;
  private final HelpCenter helpCenter;
  private final PromptExamples examples;
  private final RequestClaims claims;
  private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger> inFlight =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, SchemaValidator> inputValidators = new HashMap<>();
  /** Interrupts executes whose time budget ran out. */
  private final Deadlines deadlines = new Deadlines();

  public ExecuteService(AgentRegistry agents, GrantCodec grants, BudgetLedger ledger, ModelRouter router,
      SessionStore sessions, PromptStore prompts, InteractionLog log, Clock clock, Settings settings, Metrics metrics,
      HelpCenter helpCenter, PromptExamples examples, RequestClaims claims) {
    this.claims = claims;
    this.metrics = metrics;
    this.helpCenter = helpCenter;
    this.examples = examples;
    this.agents = agents;
    this.grants = grants;
    this.ledger = ledger;
    this.router = router;
    this.sessions = sessions;
    this.prompts = prompts;
    this.log = log;
    this.clock = clock;
    this.settings = settings;
    for (Agent a : agents.all()) {
      inputValidators.put(a.id(), SchemaValidator.of(a.inputSchema()));
    }
  }

  /** Seeds every agent's v1 prompt where the agent has none yet. */
  public void seedPrompts() {
    for (Agent a : agents.all()) {
      if (!a.diagnostic()) { // a diagnostic agent has no prompt to learn
        prompts.seed(a.id(), a.defaultPrompt());
      }
    }
  }

  public ExecuteResult execute(ExecuteRequest request) throws InvalidInputException, GrantException,
      CapabilityDeniedException, BudgetExceededException, ProviderException, ConflictException,
      TooManyInFlightException, NotFoundException {
    return execute(request, null, null);
  }

  /**
   * Runs an execute with {@code prompt} instead of the version the agent would serve, and logs no
   * interaction: the offline gate replays golden cases and past inputs this way, so that neither the
   * candidate's trial nor the replay of the active version becomes learning data.
   */
  public ExecuteResult replay(ExecuteRequest request, PromptVersion prompt) throws InvalidInputException,
      GrantException, CapabilityDeniedException, BudgetExceededException, ProviderException, ConflictException,
      TooManyInFlightException, NotFoundException {
    return execute(request, null, prompt);
  }

  /**
   * Runs an execute; with a {@code sink}, model text is streamed to it as it arrives (the validated result
   * is still returned at the end). A sink that reports its client gone cancels the run.
   */
  public ExecuteResult execute(ExecuteRequest request, DeltaSink sink) throws InvalidInputException, GrantException,
      CapabilityDeniedException, BudgetExceededException, ProviderException, ConflictException,
      TooManyInFlightException, NotFoundException {
    return execute(request, sink, null);
  }

  private ExecuteResult execute(ExecuteRequest request, DeltaSink sink, PromptVersion replay)
      throws InvalidInputException, GrantException, CapabilityDeniedException, BudgetExceededException,
      ProviderException, ConflictException, TooManyInFlightException, NotFoundException {
    long startNanos = System.nanoTime();
    Instant started = clock.instant();
    List<ValidationIssue> issues = new ArrayList<>();
    JsonNode input = request.input();
    ExecuteRequest.Trace trace = request.trace();
    if (request.agentId() == null || request.agentId().isEmpty()) {
      issues.add(new ValidationIssue("$.agentId", "is required and must be a string"));
    }
    if (input == null || !input.isObject()) {
      issues.add(new ValidationIssue("$.input", "is required and must be an object"));
    }
    if (request.malformed().contains("trace")) {
      issues.add(new ValidationIssue("$.trace", "must be an object"));
    }
    String clientRequestId = trace == null ? null : trace.requestId();
    if (request.malformed().contains("trace.requestId")) {
      issues.add(new ValidationIssue("$.trace.requestId", "must be a string"));
    } else if (clientRequestId != null && !RequestIds.valid(clientRequestId)) {
      issues.add(new ValidationIssue("$.trace.requestId", RequestIds.DESCRIPTION));
    }
    if (request.malformed().contains("trace.locale")) {
      issues.add(new ValidationIssue("$.trace.locale", "must be a string"));
    } else if (trace != null && trace.locale() != null && trace.locale().length() > MAX_LOCALE_CHARS) {
      issues.add(new ValidationIssue("$.trace.locale", "must be at most " + MAX_LOCALE_CHARS + " characters"));
    }
    if (request.malformed().contains("stream")) {
      issues.add(new ValidationIssue("$.stream", "must be a boolean"));
    }
    if (request.malformed().contains("grant")) {
      issues.add(new ValidationIssue("$.grant", "must be a string"));
    }
    if (!issues.isEmpty()) {
      throw new InvalidInputException("execute body is invalid", issues);
    }

    Grant grant = grants.verify(request.grant());
    Logging.describeRequest(Logging.SUBJECT_KIND, grant.subject().kind());
    String agentId = request.agentId();
    Agent agent = agents.find(agentId)
        .orElseThrow(() -> new NotFoundException("unknown agent '" + Echo.of(agentId) + "'"));
    if (!grant.allows("agent:" + agentId) && !grant.allows("agent:" + agent.id())
        && !EditorCopilot.genericAliasAllowed(agentId, grant)) {
      throw new CapabilityDeniedException("grant lacks capability agent:" + Echo.of(agentId));
    }
    if (!agent.diagnostic() && router.route(agent.id(), grant.ai()).isEmpty()) {
      throw new CapabilityDeniedException("none of the models the grant allows (" + grant.ai().describe()
          + ") is configured on this instance (configured: " + String.join(", ", router.configuredModels()) + ")");
    }
    List<ValidationIssue> inputIssues = inputValidators.get(agent.id()).validate(input, "$.input");
    if (!inputIssues.isEmpty()) {
      throw new InvalidInputException("input does not satisfy the " + agent.id() + " input schema", inputIssues);
    }

    if (replay != null) { // the offline gate: nothing is logged, so no id is claimed and no slot is counted
      return run(request, sink, agent, grant, input, trace, clientRequestId, startNanos, started, replay,
          new java.util.concurrent.atomic.AtomicBoolean());
    }
    String subjectKey = grant.subject().key();
    int[] running = new int[1];
    inFlight.compute(subjectKey, (k, n) -> {
      var c = n == null ? new java.util.concurrent.atomic.AtomicInteger() : n;
      running[0] = c.incrementAndGet();
      return c;
    });
    try {
      if (running[0] > settings.maxInFlightPerSubject()) {
        throw new TooManyInFlightException("subject " + Echo.of(subjectKey) + " already has "
            + settings.maxInFlightPerSubject() + " executes in flight (SF_MAX_IN_FLIGHT_PER_SUBJECT); retry when one ends");
      }
      if (clientRequestId != null && !claims.claim(clientRequestId)) {
        throw new ConflictException("trace.requestId '" + clientRequestId
            + "' is already taken by another execute; use a new id for every execute");
      }
      java.util.concurrent.atomic.AtomicBoolean recorded = new java.util.concurrent.atomic.AtomicBoolean();
      try {
        return run(request, sink, agent, grant, input, trace, clientRequestId, startNanos, started, null, recorded);
      } finally {
        if (!recorded.get() && clientRequestId != null) {
          claims.release(clientRequestId); // nothing was recorded under it: a retry may use it
        }
      }
    } finally {
      inFlight.computeIfPresent(subjectKey, (k, n) -> n.decrementAndGet() == 0 ? null : n);
    }
  }

  private ExecuteResult run(ExecuteRequest request, DeltaSink sink, Agent agent, Grant grant, JsonNode input,
      ExecuteRequest.Trace trace, String clientRequestId, long startNanos, Instant started, PromptVersion replay,
      java.util.concurrent.atomic.AtomicBoolean recorded) throws BudgetExceededException, ProviderException {
    String agentId = request.agentId();
    String requestId = clientRequestId != null ? clientRequestId : UUID.randomUUID().toString();
    Logging.describeRequest(Logging.REQUEST_ID, requestId); // the HTTP request's log lines carry the execute's id
    String locale = firstText(trace == null ? null : trace.locale(), textOrNull(input, "locale"));
    Duration timeBudget = grant.budgets().timeoutMs() == null ? settings.defaultTimeout()
        : Duration.ofMillis(grant.budgets().timeoutMs());
    if (timeBudget.compareTo(settings.maxTimeout()) > 0) {
      timeBudget = settings.maxTimeout();
    }
    Instant deadline = started.plus(timeBudget);
    Instant accountUntil = Instant.ofEpochSecond(grant.expiresAtEpochSeconds())
        .plus(settings.clockSkew()).plus(settings.maxTimeout()).plus(ModelAccess.RESERVATION_SLACK);
    ModelAccess model = new ModelAccess(router, ledger, grant, deadline, accountUntil, clock, metrics, sink);
    ArmChooser.Choice choice = replay != null ? ArmChooser.Choice.plain(replay) : agent.diagnostic()
        ? ArmChooser.Choice.plain(new PromptVersion(agent.id() + "@v1", agent.id(), 1, agent.defaultPrompt(), 0, true))
        : prompts.choose(agent.id(),
        ArmChooser.subject(grant.subject().userId(), textOrNull(input, "sessionId"), grant.subject().key()),
        agent.defaultPrompt());
    PromptVersion prompt = choice.prompt();
    AgentCall call = new AgentCall(requestId, input, locale, grant, prompt, sessions.staged(grant.subject()), model, clock,
        deadline, helpCenter, examples, agentId);

    boolean logged = replay == null && !agent.diagnostic();
    AgentOutput output;
    try {
      output = runWithin(agent, call, timeBudget);
    } catch (ProviderException e) {
      logInteraction(recorded, agent, call, choice, logged, null, model, startNanos, started, e.getMessage());
      throw e;
    } catch (BudgetExceededException e) {
      if (model.totals().calls() > 0) { // a model call was made (and paid for) before the refusal: it is data
        logInteraction(recorded, agent, call, choice, logged, null, model, startNanos, started,
            "budget " + e.budget() + ": " + e.getMessage());
      }
      throw e;
    } catch (DeltaSink.ClientGoneException e) {
      logInteraction(recorded, agent, call, choice, logged, null, model, startNanos, started, "client closed the stream");
      throw e;
    }
    long latencyMs = logInteraction(recorded, agent, call, choice, logged, output, model, startNanos, started,
        output.valid() ? null : output.invalidReason());

    ModelAccess.Totals t = model.totals();
    return new ExecuteResult(requestId, agentId, output.result(),
        new ExecuteResult.Usage(t.provider(), t.model(), t.promptTokens(), t.completionTokens(), t.tokens(),
            t.tokensReported(), t.costUsd(), latencyMs),
        new ExecuteResult.PromptRef(prompt.id(), prompt.version()), output.valid());
  }

  /**
   * Runs the agent on the request's own thread under the grant's time budget: the thread is interrupted when
   * the budget runs out (the provider call, its retries and waits all end on an interrupt; each provider call
   * also has the remaining time as its own timeout). Before, the agent ran on a second virtual thread that the
   * request waited for.
   */
  private AgentOutput runWithin(Agent agent, AgentCall call, Duration timeBudget)
      throws BudgetExceededException, ProviderException {
    Deadlines.Running budget = deadlines.start(call.remaining());
    AgentOutput out = null;
    Throwable failed = null;
    try {
      out = agent.run(call);
    } catch (ProviderException | BudgetExceededException | InterruptedException | RuntimeException | Error e) {
      failed = e;
    }
    if (budget.finish()) {
      throw new BudgetExceededException("timeoutMs", "grant time budget timeoutMs=" + timeBudget.toMillis()
          + " ran out before " + agent.id() + " answered");
    }
    switch (failed) {
      case null -> {
        return out;
      }
      case ProviderException pe -> throw pe;
      case BudgetExceededException be -> throw be;
      case InterruptedException ie -> {
        Thread.currentThread().interrupt();
        throw new BudgetExceededException("timeoutMs", "execute was interrupted");
      }
      case RuntimeException re -> throw re;
      case Error err -> throw err;
      default -> throw new IllegalStateException(agent.id() + " failed: " + failed.getMessage(), failed);
    }
  }

  private long logInteraction(java.util.concurrent.atomic.AtomicBoolean recorded, Agent agent, AgentCall call,
      ArmChooser.Choice choice, boolean logged, AgentOutput output, ModelAccess model, long startNanos, Instant started,
      String error) {
    long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    SessionStore.Staged staged = call.sessions() instanceof SessionStore.Staged st ? st : null;
    if (!logged) {
      if (staged != null) {
        staged.flush();
      }
      return latencyMs;
    }
    ModelAccess.Totals t = model.totals();
    String sessionId = output != null ? output.sessionId() : textOrNull(call.input(), "sessionId");
    String userText = output != null ? output.userText()
        : firstText(textOrNull(call.input(), "message"), textOrNull(call.input(), "prompt"));
    AgentInteraction interaction = new AgentInteraction(
        call.requestId(),
        agent.id(),
        settings.env(),
        started.toString(),
        started.toEpochMilli(),
        sessionId,
        call.grant().subject().userId(),
        call.locale(),
        new AgentInteraction.SubjectRef(call.grant().subject().kind(), call.grant().subject().id()),
        new AgentInteraction.Input(userText, call.input()),
        new AgentInteraction.Output(output == null ? null : output.result(), t.provider(), t.model(), t.tokens(),
            t.promptTokens(), t.completionTokens(), t.tokensReported(), t.costUsd(), latencyMs),
        new AgentInteraction.PromptRef(call.prompt().id(), call.prompt().version(), choice.experimentId(),
            choice.arm() == null ? null : choice.arm().label()),
        output == null ? List.of() : output.exampleIds(),
        new AgentInteraction.Outcomes(
            new AgentInteraction.Technical(error == null, output != null && output.applied(), error),
            new AgentInteraction.Behavioral(null, null, null),
            new AgentInteraction.Business(null, null, null)),
        new AgentInteraction.Quality(null, null, null),
        new AgentInteraction.GrantContext(call.grant().trace().get("envStage"),
            call.grant().trace().get("instancePublicId"), call.grant().mode()));
    // the session saves ride on the interaction's one durable write
    log.record(interaction, staged == null ? List.of() : staged.takeWrites());
    recorded.set(true);
    return latencyMs;
  }

  private static String textOrNull(JsonNode node, String field) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  private static String firstText(String a, String b) {
    return a != null ? a : b;
  }

  @Override
  public void close() {
    deadlines.close();
  }
}
