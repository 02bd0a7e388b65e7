package com.clickeen.sf.web;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which addresses are inside: loopback, private, carrier-grade NAT, link-local (the cloud metadata
 * endpoints among them), unspecified, multicast, reserved and documentation ranges, for IPv4 and IPv6,
 * including IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4). Also the numeric host
 * forms browsers accept for IPv4: {@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1}, {@code 127.1}.
 */
public final class IpRanges {
  private IpRanges() {}

  /** Whether an address is anything but a public unicast address. */
  public static boolean isInternal(InetAddress a) {
    if (a instanceof Inet4Address) {
      return internal4(a.getAddress());
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet6Address six && six.getScopeId() != 0) {
      return true;
    }
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    if (allZero(b, 0, 10)) {
      // ::, ::1, ::a.b.c.d (compatible) and ::ffff:a.b.c.d (mapped)
      if ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        return internal4(tail4(b, 12)); // ::ffff:a.b.c.d, IPv4-mapped
      }
      if (b[10] == 0 && b[11] == 0) {
        return true; // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d: never a public address
      }
    }
    if (first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
      return allZero(b, 4, 12) ? internal4(tail4(b, 12)) : true; // 64:ff9b::/96 NAT64, 64:ff9b:1::/48 local
    }
    if (first == 0x20 && second == 0x02) {
      return internal4(tail4(b, 2)); // 6to4 2002::/16 carries an IPv4 address
    }
    if (first == 0x20 && second == 0x01 && b[2] == 0 && b[3] == 0) {
      return true; // Teredo 2001::/32 tunnels to an address we cannot see
    }
    if (first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
      return true; // documentation 2001:db8::/32
    }
    if (first == 0x01 && second == 0x00 && allZero(b, 2, 8)) {
      return true; // discard 100::/64
    }
    return (first & 0xfe) == 0xfc // unique local fc00::/7 (AWS metadata fd00:ec2::254 among them)
        || first == 0xfe && (second & 0xc0) == 0x80 // link-local fe80::/10
        || first == 0xfe && (second & 0xc0) == 0xc0 // site-local fec0::/10
        || first == 0xff // multicast
        || (first & 0xe0) != 0x20; // outside global unicast 2000::/3
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] tail4(byte[] b, int at) {
    return new byte[] {b[at], b[at + 1], b[at + 2], b[at + 3]};
  }

  static boolean internal4(byte[] b) {
    int a = b[0] & 0xff;
    int c = b[1] & 0xff;
    int d = b[2] & 0xff;
    return a == 0 || a == 10 || a == 127
        || a == 100 && c >= 64 && c <= 127 // carrier-grade NAT (Alibaba's metadata 100.100.100.200 among them)
        || a == 169 && c == 254 // link-local, cloud metadata 169.254.169.254
        || a == 172 && c >= 16 && c <= 31
        || a == 192 && c == 168
        || a == 192 && c == 0 && (d == 0 || d == 2) // IETF protocol assignments, TEST-NET-1
        || a == 192 && c == 88 && d == 99 // 6to4 relay
        || a == 198 && (c == 18 || c == 19) // benchmarking
        || a == 198 && c == 51 && d == 100 || a == 203 && c == 0 && d == 113 // TEST-NET-2, -3
        || a >= 224; // multicast, reserved, broadcast
  }

  /**
   * A host written as an IPv4 number in any form a browser accepts: one to four dot-separated parts, each
   * decimal, octal (leading 0) or hex (0x); the last part fills the remaining bytes. Empty when the host is
   * not numeric; {@code null} inside the optional is never returned.
   *
   * @throws IllegalArgumentException when the host ends in a number but is not a valid IPv4 address
   */
  public static Optional<InetAddress> parseIpv4(String host) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    String[] parts = h.split("\\.", -1);
    if (parts.length == 0 || !isNumber(parts[parts.length - 1])) {
      return Optional.empty();
    }
    if (parts.length > 4) {
      throw new IllegalArgumentException("too many parts for an IPv4 address");
    }
    long[] n = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      if (!isNumber(parts[i])) {
        throw new IllegalArgumentException("'" + parts[i] + "' is not a number");
      }
      n[i] = number(parts[i]);
    }
    long value = 0;
    for (int i = 0; i < n.length - 1; i++) {
      if (n[i] > 255) {
        throw new IllegalArgumentException("part " + n[i] + " is over 255");
      }
      value = value << 8 | n[i];
    }
    int restBytes = 5 - n.length;
    long last = n[n.length - 1];
    if (last >= 1L << (8 * restBytes)) {
      throw new IllegalArgumentException("last part " + last + " does not fit");
    }
    value = value << (8 * restBytes) | last;
    byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    try {
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  private static boolean isNumber(String p) {
    return p.matches("0[xX][0-9a-fA-F]*|[0-9]+");
  }

  private static long number(String p) {
    if (p.startsWith("0x") || p.startsWith("0X")) {
      return p.length() == 2 ? 0 : parse(p.substring(2), 16);
    }
    if (p.length() > 1 && p.startsWith("0")) {
      if (!p.matches("[0-7]+")) {
        throw new IllegalArgumentException("'" + p + "' is not octal");
      }
      return parse(p.substring(1), 8);
    }
    return parse(p, 10);
  }

  private static long parse(String digits, int radix) {
    if (digits.length() > 12) {
      throw new IllegalArgumentException("number too long");
    }
    return Long.parseLong(digits, radix);
  }
}
