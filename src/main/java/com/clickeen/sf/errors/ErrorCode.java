package com.clickeen.sf.errors;

/**
 * A wire error code and the HTTP status it is answered with: the table in wire-formats.md ("Errors") plus
 * the transport refusals. The API writes {@code {"error": {"code": name, ...}}} with {@code status}; nothing
 * else maps failures to statuses.
 */
public record ErrorCode(String name, int status) {
  public static final ErrorCode BAD_REQUEST = new ErrorCode("BAD_REQUEST", 400);
  public static final ErrorCode GRANT_INVALID = new ErrorCode("GRANT_INVALID", 401);
  public static final ErrorCode GRANT_EXPIRED = new ErrorCode("GRANT_EXPIRED", 401);
  public static final ErrorCode CAPABILITY_DENIED = new ErrorCode("CAPABILITY_DENIED", 403);
  public static final ErrorCode NOT_FOUND = new ErrorCode("NOT_FOUND", 404);
  public static final ErrorCode METHOD_NOT_ALLOWED = new ErrorCode("METHOD_NOT_ALLOWED", 405);
  public static final ErrorCode REQUEST_TIMEOUT = new ErrorCode("REQUEST_TIMEOUT", 408);
  public static final ErrorCode CONFLICT = new ErrorCode("CONFLICT", 409);
  public static final ErrorCode PAYLOAD_TOO_LARGE = new ErrorCode("PAYLOAD_TOO_LARGE", 413);
  public static final ErrorCode URI_TOO_LONG = new ErrorCode("URI_TOO_LONG", 414);
  public static final ErrorCode UNSUPPORTED_MEDIA_TYPE = new ErrorCode("UNSUPPORTED_MEDIA_TYPE", 415);
  public static final ErrorCode EXPECTATION_FAILED = new ErrorCode("EXPECTATION_FAILED", 417);
  public static final ErrorCode TOO_MANY_IN_FLIGHT = new ErrorCode("TOO_MANY_IN_FLIGHT", 429);
  public static final ErrorCode HEADERS_TOO_LARGE = new ErrorCode("HEADERS_TOO_LARGE", 431);
  public static final ErrorCode BUDGET_EXCEEDED = new ErrorCode("BUDGET_EXCEEDED", 429);
  public static final ErrorCode INTERNAL = new ErrorCode("INTERNAL", 500);
  public static final ErrorCode PROVIDER_ERROR = new ErrorCode("PROVIDER_ERROR", 502);
  public static final ErrorCode HTTP_VERSION_NOT_SUPPORTED = new ErrorCode("HTTP_VERSION_NOT_SUPPORTED", 505);

  @Override
  public String toString() {
    return name + "/" + status;
  }
}
