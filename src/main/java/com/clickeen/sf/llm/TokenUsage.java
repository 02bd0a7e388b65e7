package com.clickeen.sf.llm;

/**
 * Usage as the provider reported it. Counts are null when the provider did not report them; they are
 * never invented ({@link #reported()} says which).
 */
public record TokenUsage(String provider, String model, Integer promptTokens, Integer completionTokens) {
  public boolean reported() {
    return promptTokens != null && completionTokens != null;
  }

  public Integer totalTokens() {
    return reported() ? promptTokens + completionTokens : null;
  }
}
