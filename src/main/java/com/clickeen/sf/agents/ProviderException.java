package com.clickeen.sf.agents;

import com.clickeen.sf.json.ValidationIssue;
import java.util.List;

/** The model provider failed or returned unusable output: 502 PROVIDER_ERROR naming the provider. */
public final class ProviderException extends Exception {
  private final String provider;
  private final List<ValidationIssue> issues;

  public ProviderException(String provider, String message, List<ValidationIssue> issues, Throwable cause) {
    super(message, cause);
    this.provider = provider;
    this.issues = List.copyOf(issues);
  }

  public String provider() {
    return provider;
  }

  public List<ValidationIssue> issues() {
    return issues;
  }
}
