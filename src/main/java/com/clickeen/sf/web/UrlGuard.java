package com.clickeen.sf.web;

import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a URL may be fetched, before and after DNS. Refusals carry a stable reason code:
 * {@code unsupported_protocol} (not http/https), {@code userinfo_not_allowed}, {@code port_not_allowed}
 * (only 80 and 443), {@code invalid_url}, {@code localhost_not_allowed} (localhost, single-label and
 * local-only names such as {@code .local}, {@code .internal}), {@code private_ip} (an address inside, written
 * in any IPv4 or IPv6 form), {@code resolves_to_private_ip} (a name whose DNS answer has any address inside)
 * and {@code dns_failed}.
 *
 * <p>The only way to reach a loopback address is {@link #forTestsAllowing}, which admits one exact
 * address and port (a test's own server) and nothing else.
 */
public final class UrlGuard {
  /** DNS, as a port so tests answer without a network. */
  @FunctionalInterface
  public interface HostResolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;

    static HostResolver system() {
      return host -> List.of(InetAddress.getAllByName(host));
    }
  }

  /** A URL the guard let through (host normalized, port explicit), or the reason it did not. */
  public record Verdict(String input, URI uri, String reason, String detail) {
    public boolean allowed() {
      return reason == null;
    }

    static Verdict refused(String input, String reason, String detail) {
      return new Verdict(input, null, reason, detail);
    }
  }

  private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");
  private static final Pattern HOSTNAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");
  private static final List<String> LOCAL_SUFFIXES = List.of(".localhost", ".local", ".internal", ".localdomain",
      ".home.arpa", ".lan", ".intranet", ".corp", ".home", ".private");

  private final HostResolver resolver;
  private final InetSocketAddress testServer;

  private UrlGuard(HostResolver resolver, InetSocketAddress testServer) {
    this.resolver = resolver;
    this.testServer = testServer;
  }

  /** The production guard, on the system's DNS. */
  public static UrlGuard standard() {
    return new UrlGuard(HostResolver.system(), null);
  }

  /** A guard on a given resolver (tests answer DNS with it); the rules are the production ones. */
  public static UrlGuard withResolver(HostResolver resolver) {
    return new UrlGuard(resolver, null);
  }

  /**
   * Test seam: the production rules, except that exactly {@code server} (a loopback address and port a test
   * listens on) is allowed. Any other loopback address or port is still refused.
   */
  public static UrlGuard forTestsAllowing(InetSocketAddress server, HostResolver resolver) {
    return new UrlGuard(resolver, server);
  }

  HostResolver resolver() {
    return resolver;
  }

  /** The rules that need no DNS: scheme, userinfo, port, and hosts that are addresses or local names. */
  public Verdict checkSyntax(String raw) {
    String url = raw.strip();
    var m = SCHEME.matcher(url);
    if (!m.find()) {
      url = "https://" + url;
      m = SCHEME.matcher(url);
      m.find();
    }
    String scheme = m.group(1).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Verdict.refused(raw, "unsupported_protocol", "scheme " + scheme + " is not http or https");
    }
    String rest = url.substring(m.end()).replace('\\', '/');
    if (!rest.startsWith("//")) {
      return Verdict.refused(raw, "invalid_url", "no host");
    }
    rest = rest.substring(2);
    int end = 0;
    while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
      end++;
    }
    String authority = rest.substring(0, end);
    String tail = rest.substring(end);
    if (authority.contains("@")) {
      return Verdict.refused(raw, "userinfo_not_allowed", "the URL carries a user name or password");
    }
    String hostPart = authority;
    String portText = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        return Verdict.refused(raw, "invalid_url", "unclosed IPv6 literal");
      }
      hostPart = authority.substring(0, close + 1);
      String after = authority.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          return Verdict.refused(raw, "invalid_url", "text after the IPv6 literal");
        }
        portText = after.substring(1);
      }
    } else if (authority.lastIndexOf(':') >= 0) {
      hostPart = authority.substring(0, authority.lastIndexOf(':'));
      portText = authority.substring(authority.lastIndexOf(':') + 1);
    }
    int port = scheme.equals("https") ? 443 : 80;
    if (portText != null && !portText.isEmpty()) {
      if (!portText.matches("\\d{1,5}")) {
        return Verdict.refused(raw, "invalid_url", "port '" + portText + "' is not a number");
      }
      port = Integer.parseInt(portText);
    }
    String host;
    try {
      host = java.net.URLDecoder.decode(hostPart.replace("+", "%2B"), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return Verdict.refused(raw, "invalid_url", "bad percent-encoding in the host");
    }
    while (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.isEmpty()) {
      return Verdict.refused(raw, "invalid_url", "empty host");
    }
    Optional<InetAddress> literal;
    String uriHost;
    if (host.startsWith("[")) {
      String inner = host.substring(1, host.length() - 1);
      if (inner.contains("%")) {
        return Verdict.refused(raw, "private_ip", "an IPv6 address with a zone is link-local");
      }
      try {
        literal = Optional.of(InetAddress.ofLiteral(inner));
      } catch (IllegalArgumentException e) {
        return Verdict.refused(raw, "invalid_url", "'" + inner + "' is not an IPv6 address");
      }
      uriHost = literal.get() instanceof java.net.Inet4Address ? literal.get().getHostAddress() : "[" + inner + "]";
    } else {
      try {
        literal = IpRanges.parseIpv4(host);
      } catch (IllegalArgumentException e) {
        return Verdict.refused(raw, "invalid_url", "host '" + host + "': " + e.getMessage());
      }
      if (literal.isPresent()) {
        uriHost = literal.get().getHostAddress();
      } else {
        try {
          host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
          return Verdict.refused(raw, "invalid_url", "host '" + host + "' is not a valid name");
        }
        if (!HOSTNAME.matcher(host).matches()) {
          return Verdict.refused(raw, "invalid_url", "host '" + host + "' is not a valid name");
        }
        if (host.equals("localhost") || !host.contains(".") || LOCAL_SUFFIXES.stream().anyMatch(host::endsWith)) {
          return Verdict.refused(raw, "localhost_not_allowed", "'" + host + "' names a machine on a local network");
        }
        uriHost = host;
      }
    }
    boolean testServerHere = literal.isPresent() && isTestServer(literal.get(), port);
    if (literal.isPresent() && IpRanges.isInternal(literal.get()) && !testServerHere) {
      return Verdict.refused(raw, "private_ip", literal.get().getHostAddress() + " is a private, loopback, link-local or reserved address");
    }
    if (port != 80 && port != 443 && !testServerHere) {
      return Verdict.refused(raw, "port_not_allowed", "port " + port + " (only 80 and 443)");
    }
    try {
      URI uri = URI.create(scheme + "://" + uriHost + ":" + port + (tail.isEmpty() ? "/" : tail.startsWith("/") ? tail : "/" + tail)
          .replace(" ", "%20"));
      return new Verdict(raw, uri, null, null);
    } catch (IllegalArgumentException e) {
      return Verdict.refused(raw, "invalid_url", e.getMessage());
    }
  }

  /** Every rule, DNS included: each address the host resolves to must be public. */
  public Verdict check(String raw) {
    Verdict v = checkSyntax(raw);
    if (!v.allowed()) {
      return v;
    }
    String refused = refusedAddresses(v.uri().getHost(), v.uri().getPort());
    return refused == null ? v : Verdict.refused(raw, refused.substring(0, refused.indexOf(' ')),
        refused.substring(refused.indexOf(' ') + 1));
  }

  /** Null when every address of the host is allowed, else "code detail". */
  String refusedAddresses(String host, int port) {
    List<InetAddress> addresses;
    try {
      addresses = addresses(host);
    } catch (UnknownHostException e) {
      return "dns_failed " + host + " does not resolve";
    }
    if (addresses.isEmpty()) {
      return "dns_failed " + host + " has no address";
    }
    for (InetAddress a : addresses) {
      if (IpRanges.isInternal(a) && !isTestServer(a, port)) {
        return "resolves_to_private_ip " + host + " resolves to " + a.getHostAddress();
      }
    }
    return null;
  }

  /** The host's addresses: a literal as itself, a name through the resolver. */
  List<InetAddress> addresses(String host) throws UnknownHostException {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (h.contains(":") || h.matches("[0-9.]+")) {
      return List.of(InetAddress.ofLiteral(h));
    }
    return resolver.resolve(h);
  }

  private boolean isTestServer(InetAddress a, int port) {
    return testServer != null && testServer.getAddress().equals(a) && testServer.getPort() == port;
  }
}
