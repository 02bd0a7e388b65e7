package com.clickeen.sf.admin;

import com.clickeen.sf.errors.SfException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Reading the admin's query and form fields: every value is hostile until checked; a bad one is a 400 page
 * naming the field and the rule.
 */
final class Form {
  static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private Form() {}

  /** A field that broke its rule. */
  static final class BadInput extends RuntimeException {
    BadInput(String message) {
      super(message);
    }
  }

  /** {@code handler}, with bad input, not-found and refused actions shown as a page with their status. */
  static Handler page(Renderer renderer, Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (BadInput e) {
        renderer.message(ctx, 400, "Bad request", e.getMessage());
      } catch (SfException e) {
        renderer.message(ctx, e.code().status(), "Refused", e.getMessage());
      } catch (com.clickeen.sf.learning.experiments.ExperimentException e) {
        int status = switch (e.kind()) {
          case NOT_FOUND -> 404;
          case CONFLICT -> 409;
          case INVALID -> 400;
        };
        renderer.message(ctx, status, "Refused", e.getMessage());
      }
    };
  }

  /** A trimmed value (query or form), null when absent or blank; longer than {@code max} is bad input. */
  static String text(Context ctx, String name, int max) {
    String v = ctx.queryParam(name);
    if (v == null) {
      v = ctx.formParam(name);
    }
    if (v == null || v.isBlank()) {
      return null;
    }
    v = v.strip();
    if (v.length() > max) {
      throw new BadInput(name + " must be at most " + max + " characters");
    }
    return v;
  }

  static String required(Context ctx, String name, int max) {
    String v = text(ctx, name, max);
    if (v == null) {
      throw new BadInput(name + " is required");
    }
    return v;
  }

  static String id(Context ctx, String name) {
    String v = required(ctx, name, 128);
    if (!ID.matcher(v).matches()) {
      throw new BadInput(name + " must be 1..128 characters of [A-Za-z0-9._:-]");
    }
    return v;
  }

  static String oneOf(Context ctx, String name, Collection<String> allowed) {
    String v = text(ctx, name, 200);
    if (v != null && !allowed.contains(v)) {
      throw new BadInput(name + " must be one of " + String.join(", ", allowed));
    }
    return v;
  }

  static Double number(Context ctx, String name, double min, double max) {
    String v = text(ctx, name, 32);
    if (v == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(v);
      if (!(d >= min && d <= max)) {
        throw new BadInput(name + " must be between " + min + " and " + max);
      }
      return d;
    } catch (NumberFormatException e) {
      throw new BadInput(name + " must be a number");
    }
  }

  static Integer integer(Context ctx, String name, int min, int max) {
    Double d = number(ctx, name, min, max);
    if (d == null) {
      return null;
    }
    if (d != Math.rint(d)) {
      throw new BadInput(name + " must be a whole number");
    }
    return d.intValue();
  }

  /** A day {@code yyyy-mm-dd} as its first millisecond (UTC), or null. */
  static Long day(Context ctx, String name) {
    String v = text(ctx, name, 10);
    if (v == null) {
      return null;
    }
    try {
      return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new BadInput(name + " must be a date yyyy-mm-dd");
    }
  }
}
