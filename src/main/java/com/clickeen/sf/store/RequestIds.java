package com.clickeen.sf.store;

import java.util.regex.Pattern;

/**
 * The one rule for request ids (a caller's {@code trace.requestId} or our own UUIDs): what every store
 * accepts alike, so an id that passes here is never refused later by the blob store (it becomes a key
 * segment), the KV, the queue or the index. 1..128 characters of {@code [A-Za-z0-9._:-]}, starting with a
 * letter or digit, without {@code ..}.
 */
public final class RequestIds {
  public static final Pattern RULE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  public static final String DESCRIPTION =
      "must be 1..128 characters of [A-Za-z0-9._:-], start with a letter or digit and not contain '..'";

  private RequestIds() {}

  public static boolean valid(String id) {
    return id != null && RULE.matcher(id).matches() && !id.contains("..");
  }
}
