package com.clickeen.sf.grants;

import java.util.Objects;

/**
 * Who a grant was minted for. The spec's string form becomes {@code kind = "subject"}; Paris's object
 * forms are {@code anon} (sessionId), {@code user} (userId, workspaceId) and {@code service} (serviceId).
 */
public record Subject(String kind, String id, String workspaceId) {
  public Subject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
  }

  public static Subject of(String plain) {
    return new Subject("subject", plain, null);
  }

  /** Stable text naming the subject, used in budget keys and session rows. */
  public String key() {
    return workspaceId == null ? kind + ":" + id : kind + ":" + id + "@" + workspaceId;
  }

  /** The user id when the subject is a signed-in user, else null. */
  public String userId() {
    return "user".equals(kind) ? id : null;
  }
}
