package com.clickeen.sf.web;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text out of HTML (no scripts, styles or markup), and whether a page is an error or bot-challenge page. */
public final class PageText {
  public record Extracted(String title, String text) {}

  private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
  private static final Pattern DROP = Pattern.compile(
      "(?is)<!--.*?-->|<(script|style|noscript|template|svg|iframe|object|head)\\b.*?</\\1\\s*>");
  private static final Pattern BLOCK_END = Pattern.compile(
      "(?i)<(?:br|hr)\\s*/?>|</(?:p|div|section|article|header|footer|main|nav|li|h[1-6]|pre|blockquote|tr|dt|dd|summary|details)\\s*>");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});");
  private static final Map<String, String> NAMED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'",
      "nbsp", " ", "mdash", "—", "ndash", "–", "hellip", "…", "rsquo", "’");

  /** Markers only error and challenge pages carry; each alone is enough. */
  private static final Pattern CLOUDFLARE_ERROR = Pattern.compile(
      "(?i)id=[\"']cf-(?:wrapper|error-details)[\"']|cloudflare\\.com/5xx-error-landing|cf-error-code|"
          + "error code:?\\s*(?:52[0-9]|530|10[0-9]{2})\\b[\\s\\S]{0,400}cloudflare|cloudflare ray id");
  private static final Pattern CHALLENGE = Pattern.compile(
      "(?i)cf-chl-|/cdn-cgi/challenge-platform|cf-browser-verification|<title>\\s*just a moment\\.\\.\\.|"
          + "attention required! \\| cloudflare|checking your browser before accessing|"
          + "enable javascript and cookies to continue|_incapsula_resource|incapsula incident id|"
          + "sucuri website firewall|px-captcha|captcha-delivery\\.com|ddos protection by|"
          + "<title>\\s*(?:access denied|403 forbidden|request rejected|robot check|are you a robot\\??)\\s*</title>");

  private PageText() {}

  public static Extracted fromHtml(String html) {
    Matcher t = TITLE.matcher(html);
    String title = t.find() ? clean(decode(TAG.matcher(t.group(1)).replaceAll(" "))) : null;
    String s = DROP.matcher(html).replaceAll(" ");
    s = BLOCK_END.matcher(s).replaceAll("\n");
    s = TAG.matcher(s).replaceAll(" ");
    s = decode(s);
    s = s.replaceAll("[ \\t\\x0B\\f\\r\\u00a0]+", " ").replaceAll(" ?\\n ?", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    return new Extracted(title == null || title.isEmpty() ? null : title, s);
  }

  private static String clean(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  static String decode(String s) {
    Matcher m = ENTITY.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String e = m.group(1);
      String rep;
      if (e.startsWith("#")) {
        int cp;
        try {
          cp = e.startsWith("#x") || e.startsWith("#X") ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1));
        } catch (NumberFormatException ex) {
          cp = -1;
        }
        rep = Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : "";
      } else {
        rep = NAMED.getOrDefault(e.toLowerCase(Locale.ROOT), m.group());
      }
      m.appendReplacement(out, Matcher.quoteReplacement(rep));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Whether a body is an error or challenge page rather than the site's content: {@code cloudflare_error_page}
   * (Cloudflare's 5xx pages) or {@code challenge_page} (bot checks, captchas and WAF blocks of Cloudflare,
   * Imperva, Sucuri, PerimeterX, DataDome and the like).
   */
  public static Optional<String> errorOrChallenge(String body) {
    String head = body.length() > 200_000 ? body.substring(0, 200_000) : body;
    if (CLOUDFLARE_ERROR.matcher(head).find()) {
      return Optional.of("cloudflare_error_page");
    }
    if (CHALLENGE.matcher(head).find()) {
      return Optional.of("challenge_page");
    }
    return Optional.empty();
  }

  /** The HTTP status written on a Cloudflare error page ("Error code 502"), if any. */
  public static Optional<Integer> statusOnPage(String body) {
    Matcher m = Pattern.compile("(?i)error code:?\\s*(\\d{3})").matcher(body);
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }
}
