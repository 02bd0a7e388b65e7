package com.clickeen.sf.grants;

import java.util.Objects;

/**
 * Who a grant was minted for. The spec's string form becomes {@code kind = "subject"}; Paris's object
 * forms are {@code anon} (sessionId), {@code user} (userId, with workspaceId, or accountId as Roma mints it
 * since 2026) and {@code service} (serviceId).
 */
public record Subject(String kind, String id, String workspaceId, String accountId) {
  public Subject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
  }

  public Subject(String kind, String id, String workspaceId) {
    this(kind, id, workspaceId, null);
  }

  public static Subject of(String plain) {
    return new Subject("subject", plain, null, null);
  }

  /** Stable text naming the subject, used in budget keys and session rows. */
  public String key() {
    String k = workspaceId == null ? kind + ":" + id : kind + ":" + id + "@" + workspaceId;
    return accountId == null ? k : k + "#" + accountId;
  }

  /** The user id when the subject is a signed-in user, else null. */
  public String userId() {
    return "user".equals(kind) ? id : null;
  }
}
