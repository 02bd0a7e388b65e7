package com.clickeen.sf.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The log format ({@code SF_LOG_FORMAT}) and the request context every line logged during a request carries
 * ({@link #REQUEST_ID}, {@link #SUBJECT_KIND} in the MDC). The HTTP layer opens the context for each request and
 * clears it at the end; code that hands request work to another thread wraps it with {@link #withContext}.
 */
public final class Logging {
  public static final String REQUEST_ID = "requestId";
  public static final String SUBJECT_KIND = "subjectKind";
  /** The text pattern: the request id, when there is one, in brackets after the logger name. */
  public static final String TEXT_PATTERN =
      "%d{HH:mm:ss.SSS} %-5level %logger{20}%replace( [%X{requestId}]){' \\[\\]', ''} - %msg%n";
  private static final String APPENDER = "STDERR";

  private Logging() {}

  /** Switches the console appender (logback.xml's {@code STDERR}) to {@code format}. */
  public static void use(LogFormat format) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J backend (none in this build): leave it as configured
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Appender<ILoggingEvent> old = root.getAppender(APPENDER);
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName(APPENDER);
    console.setTarget("System.err");
    console.setEncoder(encoder(context, format));
    console.start();
    root.addAppender(console);
    if (old != null) {
      root.detachAppender(old);
      old.stop();
    }
  }

  /** The console encoder for {@code format} (tests encode captured events with it). */
  public static Encoder<ILoggingEvent> encoder(LoggerContext context, LogFormat format) {
    if (format == LogFormat.JSON) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(context);
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.setWithContext(false);
      json.setWithMessage(false);
      json.setWithArguments(false);
      json.setWithFormattedMessage(true);
      json.start();
      return json;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(TEXT_PATTERN);
    text.start();
    return text;
  }

  /** Starts a request's context: every line logged on this thread until {@link #endRequest} carries the id. */
  public static void beginRequest(String requestId) {
    MDC.clear();
    MDC.put(REQUEST_ID, requestId);
  }

  /** Ends the request's context on this thread. */
  public static void endRequest() {
    MDC.clear();
  }

  /**
   * Names the request once the service knows more (the execute's own request id, the grant's subject kind).
   * Outside a request (a tool replaying executes) it changes nothing, so nothing lingers on that thread.
   */
  public static void describeRequest(String key, String value) {
    if (MDC.get(REQUEST_ID) != null && value != null) {
      MDC.put(key, value);
    }
  }

  /** {@code work} running on another thread with this thread's request context. */
  public static <T> Callable<T> withContext(Callable<T> work) {
    Map<String, String> context = MDC.getCopyOfContextMap();
    if (context == null || context.isEmpty()) {
      return work;
    }
    return () -> {
      Map<String, String> before = MDC.getCopyOfContextMap();
      MDC.setContextMap(context);
      try {
        return work.call();
      } finally {
        if (before == null) {
          MDC.clear();
        } else {
          MDC.setContextMap(before);
        }
      }
    };
  }
}
