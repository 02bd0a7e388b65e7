package com.clickeen.sf.admin;

import com.clickeen.sf.store.PromptVersions.PromptVersion;
import com.clickeen.sf.store.PromptVersions.Provenance;
import java.util.List;

/** The prompts page: an agent's versions, their provenance and gate result, and a diff of two. */
public final class PromptViews {
  private PromptViews() {}

  /**
   * One version.
   *
   * @param gate the offline gate's verdict in one sentence, null when it never ran
   * @param gatePassed whether it passed (null when it never ran)
   */
  public record Version(PromptVersion v, Provenance provenance, String gate, Boolean gatePassed, int activeVersion) {
    public boolean candidate() {
      return provenance != null && provenance.isCandidate();
    }

    /** What activating it means: a rollback to an older version, or moving forward. */
    public String action() {
      return v.version() < activeVersion ? "Roll back to v" + v.version() : "Activate v" + v.version();
    }

    public String origin() {
      if (provenance == null || provenance.origin() == null) {
        return "by hand";
      }
      return provenance.origin() + (provenance.parentVersion() == null ? "" : " from v" + provenance.parentVersion())
          + (provenance.proposer() == null ? "" : " by " + provenance.proposer());
    }
  }

  /** A line of a unified diff and its kind: {@code add}, {@code del}, {@code hunk} or {@code same}. */
  public record DiffLine(String kind, String text) {}

  public record Page(Views.Chrome chrome, String agent, List<Views.Option> agents, List<Version> versions,
      Integer diffA, Integer diffB, List<DiffLine> diff) {}
}
