package com.clickeen.sf.api;

import com.clickeen.sf.errors.Echo;
import com.clickeen.sf.errors.ErrorCode;
import com.clickeen.sf.errors.RequestException;
import com.clickeen.sf.json.Json;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The web server's own error answers (a request it cannot parse: no Host, a URI or headers too large, an
 * unmet {@code Expect}, an unknown HTTP version, bad chunking) in the API's JSON error shape instead of
 * Jetty's HTML pages, with {@code cache-control: no-store}. Nothing is logged: these are client errors.
 */
final class HttpErrors extends ErrorHandler {

  /** The wire code for a status the web server answered by itself. */
  static ErrorCode codeFor(int status) {
    return switch (status) {
      case 400 -> ErrorCode.BAD_REQUEST;
      case 404 -> ErrorCode.NOT_FOUND;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 408 -> ErrorCode.REQUEST_TIMEOUT;
      case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
      case 414 -> ErrorCode.URI_TOO_LONG;
      case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
      case 417 -> ErrorCode.EXPECTATION_FAILED;
      case 431 -> ErrorCode.HEADERS_TOO_LARGE;
      case 505 -> ErrorCode.HTTP_VERSION_NOT_SUPPORTED;
      default -> status >= 500 ? ErrorCode.INTERNAL : new ErrorCode("BAD_REQUEST", status);
    };
  }

  static byte[] body(int status, String reason) {
    ErrorCode code = codeFor(status);
    String message = reason == null || reason.isBlank() ? "the request could not be read as HTTP (" + status + ")"
        : "the request could not be read as HTTP: " + Echo.of(reason);
    return Json.bytes(ApiJson.error(new RequestException(code, message)));
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Object s = request.getAttribute(ERROR_STATUS);
    int status = s instanceof Integer i ? i : response.getStatus();
    if (status < 400) {
      status = 500;
    }
    Object m = request.getAttribute(ERROR_MESSAGE);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    byte[] bytes = body(status, m == null ? null : m.toString());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
    return true;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    fields.put(new HttpField(HttpHeader.CACHE_CONTROL, "no-store"));
    return ByteBuffer.wrap(body(status, reason));
  }
}
