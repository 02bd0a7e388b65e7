package com.clickeen.sf.admin;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The admin's scripts and stylesheets from the jar: its own ({@code admin/static}) and uPlot's from its WebJar.
 * A fixed list, read once; nothing else is served from here.
 */
final class StaticFiles {
  private record File(String contentType, byte[] bytes) {}

  private final Map<String, File> files;

  StaticFiles() {
    String uplot = "META-INF/resources/webjars/uplot/" + webjarVersion("org.webjars.npm", "uplot") + "/dist/";
    files = Map.of(
        "admin.css", load("admin/static/admin.css", "text/css; charset=utf-8"),
        "admin.js", load("admin/static/admin.js", "text/javascript; charset=utf-8"),
        "uplot.js", load(uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8"),
        "uplot.css", load(uplot + "uPlot.min.css", "text/css; charset=utf-8"));
  }

  void serve(Context ctx) {
    File f = files.get(ctx.pathParam("file"));
    if (f == null) {
      ctx.status(404).contentType("text/plain; charset=utf-8").result("no such file");
      return;
    }
    ctx.header("Cache-Control", "public, max-age=3600");
    ctx.contentType(f.contentType()).result(f.bytes());
  }

  private static String webjarVersion(String group, String artifact) {
    Properties p = new Properties();
    try (InputStream in = resource("META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }

  private static File load(String path, String contentType) {
    try (InputStream in = resource(path)) {
      return new File(contentType, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("admin UI: cannot read " + path + " from the class path", e);
    }
  }

  private static InputStream resource(String path) throws IOException {
    InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IOException("admin UI: " + path + " is not on the class path");
    }
    return in;
  }
}
