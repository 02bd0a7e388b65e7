package com.clickeen.sf.agents;

import com.clickeen.sf.errors.BudgetExceededException;
import com.clickeen.sf.errors.ProviderException;
import com.clickeen.sf.grants.BudgetLedger;
import com.clickeen.sf.grants.BudgetLedger.BudgetAsk;
import com.clickeen.sf.grants.BudgetLedger.BudgetLimits;
import com.clickeen.sf.grants.BudgetLedger.BudgetSpend;
import com.clickeen.sf.grants.BudgetLedger.Reservation;
import com.clickeen.sf.grants.Grant;
import com.clickeen.sf.llm.ChatRequest;
import com.clickeen.sf.llm.ChatResponse;
import com.clickeen.sf.llm.CircuitBreaker;
import com.clickeen.sf.llm.DeltaSink;
import com.clickeen.sf.llm.LlmException;
import com.clickeen.sf.llm.ModelRouter;
import com.clickeen.sf.llm.PriceTable;
import com.clickeen.sf.llm.TokenUsage;
import com.clickeen.sf.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The model, as one execute sees it: every call (a repair included) reserves the worst case against the
 * grant's budgets — one of its {@code maxRequests}, the completion tokens it may produce (at most the
 * grant's {@code maxTokens}, which caps each call), their cost and that of the prompt — then settles to what
 * the provider reports, or releases on failure (a failed attempt spends nothing). It also caps each call's
 * timeout by the time the grant has left.
 */
public final class ModelAccess {
  /** Completion tokens below which a call is not worth making. */
  static final int MIN_USEFUL_TOKENS = 16;
  /** How long a reservation outlives the deadline before it frees itself (crashed holder). */
  static final Duration RESERVATION_SLACK = Duration.ofSeconds(30);

  private final ModelRouter router;
  private final BudgetLedger ledger;
  private final Grant grant;
  private final BudgetLimits limits;
  private final Instant deadline;
  private final Instant accountUntil;
  private final Clock clock;
  private final Metrics metrics;
  private final DeltaSink sink;

  private boolean requestCounted;
  private String provider = "none";
  private String model = "none";
  private Integer promptTokens = 0;
  private Integer completionTokens = 0;
  private boolean tokensReported = true;
  private long costPicos;
  private int calls;

  ModelAccess(ModelRouter router, BudgetLedger ledger, Grant grant, Instant deadline, Instant accountUntil, Clock clock,
      Metrics metrics, DeltaSink sink) {
    this.metrics = metrics;
    this.sink = sink;
    this.router = router;
    this.ledger = ledger;
    this.grant = grant;
    this.limits = BudgetLimits.of(grant.budgets());
    this.deadline = deadline;
    this.accountUntil = accountUntil;
    this.clock = clock;
  }

  /**
   * Makes one metered call. Each target of the route gets up to the retry policy's attempts while its
   * failures are retryable (waiting the provider's {@code retry-after}, else exponential backoff with full
   * jitter, and never past the deadline); then the next target is tried. A non-retryable failure (400, 401,
   * 403) ends the call at once. A provider whose circuit breaker is open is skipped.
   */
  public synchronized ChatResponse chat(ChatRequest request) throws BudgetExceededException, ProviderException {
    List<ModelRouter.Target> route = router.route(request.task(), grant.ai());
    if (route.isEmpty()) {
      throw new ProviderException("none", "none of the models the grant allows (" + grant.ai().describe()
          + ") is configured on this instance", List.of(), null);
    }
    PriceTable prices = router.prices();
    ModelRouter.RetryPolicy policy = router.retry();
    LlmException last = null;
    String lastProvider = route.getFirst().provider().id();
    for (ModelRouter.Target target : route) {
      String providerId = target.provider().id();
      CircuitBreaker breaker = router.breaker(providerId);
      for (int attempt = 1; attempt <= policy.maxAttemptsPerTarget(); attempt++) {
        java.util.Optional<CircuitBreaker.Permit> permit = breaker.tryAcquire();
        if (permit.isEmpty()) {
          last = LlmException.retryable(providerId, "circuit breaker of " + providerId + " is open after repeated failures");
          lastProvider = providerId;
          break; // the next model
        }
        try (CircuitBreaker.Permit callPermit = permit.get()) {
          Duration left = Duration.between(clock.instant(), deadline);
          if (left.isNegative() || left.isZero()) {
            throw new BudgetExceededException("timeoutMs", "grant time budget ran out before the model answered"
                + (last == null ? "" : " (last failure: " + last.getMessage() + ")"));
          }
          long promptEstimate = estimatePromptTokens(request);
          long wanted = Math.min(request.maxTokens(), limits.maxTokensPerCall());
          BudgetAsk ask = new BudgetAsk(1, wanted, Math.min(MIN_USEFUL_TOKENS, wanted),
              PriceTable.picosToNanosCeil(promptEstimate * prices.inputPicosPerToken(target.model())),
              PriceTable.picosToNanosCeil(prices.outputPicosPerToken(target.model())),
              left.plus(RESERVATION_SLACK));
          Reservation r = ledger.reserve(grant.budgetKey(), limits, ask, accountUntil);
          ChatResponse response;
          long callStart = System.nanoTime();
          java.util.concurrent.Semaphore bulkhead = router.bulkhead(providerId);
          try {
            if (!bulkhead.tryAcquire(Math.max(1, left.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS)) {
              ledger.release(r);
              throw new BudgetExceededException("timeoutMs", "grant time budget ran out waiting for a place among "
                  + router.maxConcurrencyPerProvider() + " calls in flight to " + providerId);
            }
          } catch (InterruptedException ie) {
            ledger.release(r);
            Thread.currentThread().interrupt();
            throw new ProviderException(providerId, "interrupted while waiting for " + providerId, List.of(), ie);
          }
          try {
            Duration timeout = request.timeout().compareTo(left) < 0 ? request.timeout() : left;
            ChatRequest sized = request.withModel(target.model()).withMaxTokens((int) r.tokens()).withTimeout(timeout);
            response = sink == null ? target.provider().chat(sized) : target.provider().stream(sized, sink);
          } catch (LlmException e) {
            metrics.llmCall(providerId, target.model(), e.retryable() ? "retryable_error" : "error",
                Duration.ofNanos(System.nanoTime() - callStart));
            ledger.release(r);
            last = e;
            lastProvider = providerId;
            Integer status = e.httpStatus();
            if (e.retryable() || (status != null && (status == 401 || status == 403))) {
              callPermit.failure();
            }
            if (!e.retryable()) {
              throw new ProviderException(providerId, e.getMessage(), List.of(), e);
            }
            if (sink != null) {
              sink.restart(e.getMessage());
            }
            if (attempt == policy.maxAttemptsPerTarget()) {
              break;
            }
            Duration delay = backoff(policy, attempt, e.retryAfter());
            if (!clock.instant().plus(delay).isBefore(deadline)) {
              break; // no time to wait here: try the next model
            }
            try {
              Thread.sleep(delay);
            } catch (InterruptedException ie) {
              Thread.currentThread().interrupt();
              throw new ProviderException(providerId, "interrupted while waiting to retry " + providerId, List.of(), e);
            }
            continue;
          } catch (DeltaSink.ClientGoneException e) {
            // The upstream call is cancelled; what it consumed is unknown, so the worst case is what counts.
            metrics.llmCall(providerId, target.model(), "cancelled", Duration.ofNanos(System.nanoTime() - callStart));
            ledger.settle(r, new BudgetSpend(ask.requests(), r.tokens(), r.costNanos()));
            requestCounted = true;
            throw e;
          } catch (RuntimeException e) {
            metrics.llmCall(providerId, target.model(), "error", Duration.ofNanos(System.nanoTime() - callStart));
            ledger.release(r);
            callPermit.failure();
            throw new ProviderException(providerId, "provider " + providerId + " failed unexpectedly: " + e.getMessage(),
                List.of(), e);
          } finally {
            bulkhead.release();
          }
          callPermit.success();
          metrics.llmCall(providerId, target.model(), "ok", Duration.ofNanos(System.nanoTime() - callStart));
          TokenUsage u = response.usage();
          long completion = u.completionTokens() != null ? u.completionTokens() : r.tokens();
          long prompt = u.promptTokens() != null ? u.promptTokens() : promptEstimate;
          long costPicos = prices.costPicos(target.model(), prompt, completion);
          ledger.settle(r, new BudgetSpend(ask.requests(), completion, PriceTable.picosToNanosCeil(costPicos)));
          requestCounted = true;
          record(u, costPicos, target);
          metrics.llmUsage(providerId, target.model(), u.promptTokens(), u.completionTokens(), costPicos / 1e12);
          return response;
        }
      }
    }
    throw new ProviderException(lastProvider, "every model in the route failed; last: "
        + (last != null ? last.getMessage() : "no model answered"), List.of(), last);
  }

  /**
   * Counts an execute that the agent answered without a model call (e.g. the editor's answers from control
   * labels): it still spends one of the grant's requests, nothing else.
   */
  public synchronized void chargeLocalAnswer() throws BudgetExceededException {
    if (requestCounted) {
      return;
    }
    BudgetAsk ask = new BudgetAsk(1, 0, 0, 0, 0, RESERVATION_SLACK);
    Reservation r = ledger.reserve(grant.budgetKey(), limits, ask, accountUntil);
    ledger.settle(r, new BudgetSpend(1, 0, 0));
    requestCounted = true;
  }

  /**
   * Whether the grant leaves room for a repair call at all: it allows at least two model calls (or does not
   * limit them). Clickeen's widget copilot repairs only then; whether a request is still left is the ledger's
   * answer when the repair reserves it.
   */
  public boolean grantAllowsRepair() {
    return limits.maxRequests() >= 2;
  }

  /** The provider's retry-after if it gave one, else full-jitter exponential backoff. */
  static Duration backoff(ModelRouter.RetryPolicy policy, int attempt, Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter;
    }
    long cap = Math.min(policy.maxDelay().toMillis(), policy.baseDelay().toMillis() << Math.min(20, attempt - 1));
    return Duration.ofMillis(java.util.concurrent.ThreadLocalRandom.current().nextLong(cap + 1));
  }

  private void record(TokenUsage u, long costPicos, ModelRouter.Target target) {
    calls++;
    provider = u.provider() != null ? u.provider() : target.provider().id();
    model = u.model() != null ? u.model() : target.model();
    if (u.reported() && tokensReported) {
      promptTokens += u.promptTokens();
      completionTokens += u.completionTokens();
    } else {
      tokensReported = false;
      promptTokens = null;
      completionTokens = null;
    }
    this.costPicos += costPicos;
  }

  /**
   * A true upper bound of the prompt's tokens, so that the reserved worst case really is the worst case:
   * byte-level BPE tokenizers never produce more tokens than UTF-8 bytes; plus chat formatting per message.
   * (A characters-divided-by-three estimate let concurrent calls spend past maxCostUsd when a provider
   * counted more; found by the two-instance test.)
   */
  static long estimatePromptTokens(ChatRequest request) {
    long bytes = 0;
    for (var m : request.messages()) {
      bytes += utf8Length(m.content());
    }
    return bytes + 8L * request.messages().size();
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** Usage over all calls of this execute. Counts are null when any provider left them out. */
  public synchronized Totals totals() {
    return new Totals(calls == 0 ? "local" : provider, calls == 0 ? "none" : model,
        promptTokens, completionTokens, tokensReported, costPicos / 1e12, calls);
  }

  public record Totals(String provider, String model, Integer promptTokens, Integer completionTokens,
      boolean tokensReported, double costUsd, int calls) {
    public Integer tokens() {
      return promptTokens == null || completionTokens == null ? null : promptTokens + completionTokens;
    }
  }
}
