package com.clickeen.sf.learning.experiments;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Sticky, stateless assignment of a subject to an experiment's arm: a hash of (experiment id, subject)
 * mapped to [0, 1), compared with the candidate's traffic share. The same subject gets the same arm on
 * every turn and on every instance without any stored state; two experiments hash independently because
 * the experiment id is part of the hashed text.
 */
public final class Assignment {
  private Assignment() {}

  /** The subject's position in [0, 1) for this experiment (SHA-256, first 53 bits). */
  public static double bucket(String experimentId, String subject) {
    byte[] digest = sha256(experimentId + "\u0000" + subject);
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits = (bits << 8) | (digest[i] & 0xff);
    }
    return (bits >>> 11) * 0x1.0p-53;
  }

  /** The arm of a subject when {@code candidateShare} of the traffic goes to the candidate. */
  public static Arm arm(String experimentId, String subject, double candidateShare) {
    return bucket(experimentId, subject) < candidateShare ? Arm.CANDIDATE : Arm.CONTROL;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
