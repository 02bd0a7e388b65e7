package com.clickeen.sf.learning;

import com.clickeen.sf.store.Scores;
import com.clickeen.sf.store.Scores.ScoringRow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code score-interactions} job: (re)scores every interaction marked as needing it (new, or touched by
 * an outcome, an attributed event or a review), page by page, each page in one transaction.
 */
public final class ScoreInteractions {
  static final int PAGE = 50_000;

  private final Scores index;
  private final Clock clock;
  private final Scoring scoring;

  public ScoreInteractions(Scores index, Clock clock, Scoring scoring) {
    this.index = index;
    this.clock = clock;
    this.scoring = scoring;
  }

  /** Scores everything pending; returns how many interactions were scored. */
  public long run(Progress progress) {
    long total = index.countToScore();
    long done = 0;
    String after = null;
    progress.update("scoring", 0, total);
    while (true) {
      List<ScoringRow> page = index.interactionsToScore(after, PAGE);
      if (page.isEmpty()) {
        break;
      }
      List<Scores.Scored> scores = new ArrayList<>(page.size());
      for (ScoringRow r : page) {
        scores.add(new Scores.Scored(r.id(), scoring.score(r.agentId(), r.valid(), r.applied(), r.outcomes())));
      }
      index.saveScores(scores, clock.millis());
      done += page.size();
      after = page.getLast().id();
      progress.update("scoring", done, Math.max(total, done));
    }
    return done;
  }
}
