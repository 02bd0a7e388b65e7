package com.clickeen.sf.learning;

/** Where long learning work reports how far it is (a progress bar on the CLI, nothing in the service). */
public interface Progress {
  /** {@code done} of {@code total} units of {@code step}; total is -1 when unknown. */
  void update(String step, long done, long total);

  Progress NONE = (step, done, total) -> {};
}
