package com.clickeen.sf;

import com.clickeen.sf.SfConfig.ConfigException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * Typed reads of one environment variable, for {@link SfConfig} and its parts. A value that does not parse
 * throws a {@link ConfigException} naming the key, the value and the rule.
 */
public final class EnvValues {
  private EnvValues() {}

  /** An integer; blank or unset is {@code dflt}. */
  public static int integer(Map<String, String> env, String key, int dflt) {
    String v = env.get(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, v, "must be an integer");
    }
  }

  /** true, 1, yes, on / false, 0, no, off (any case); blank or unset is {@code dflt}; anything else is refused. */
  public static boolean bool(Map<String, String> env, String key, boolean dflt) {
    String v = env.get(key);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new ConfigException(key, v, "must be true, false, 1, 0, yes, no, on or off");
    };
  }

  /** A time zone id; unset is {@code dflt}. */
  public static ZoneId zone(Map<String, String> env, String key, String dflt) {
    String v = env.get(key);
    String id = v == null ? dflt : v;
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw new ConfigException(key, id, "must be a time zone id such as UTC or Europe/Paris");
    }
  }

  /** The trimmed value, or {@code null} when unset or blank. */
  public static String text(Map<String, String> env, String key) {
    String v = env.get(key);
    return v == null || v.isBlank() ? null : v.trim();
  }
}
