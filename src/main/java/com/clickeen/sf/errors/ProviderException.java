package com.clickeen.sf.errors;

import com.clickeen.sf.json.ValidationIssue;
import java.util.List;
import java.util.Map;

/** The model provider failed or returned unusable output: PROVIDER_ERROR naming the provider. */
public final class ProviderException extends SfException {
  private final String provider;

  public ProviderException(String provider, String message, List<ValidationIssue> issues, Throwable cause) {
    super(ErrorCode.PROVIDER_ERROR, message, issues, cause);
    this.provider = provider;
  }

  public String provider() {
    return provider;
  }

  @Override
  public Map<String, Object> details() {
    return Map.of("provider", provider);
  }
}
