package com.clickeen.sf.admin;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/**
 * Renders the precompiled templates (generated from {@code src/main/jte} at build time; no template compiler
 * at run time). The HTML content type escapes every {@code ${...}} for where it stands.
 */
final class Renderer {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html,
      Renderer.class.getClassLoader(), "com.clickeen.sf.admin.pages");
  private final AdminSecurity security;

  Renderer(AdminSecurity security) {
    this.security = security;
  }

  /** A one-time message for the next page of this session (after a redirect). */
  void flash(Context ctx, String message) {
    security.save(AdminUi.session(ctx).withFlash(message));
  }

  void page(Context ctx, int status, String template, Object model) {
    StringOutput out = new StringOutput(16 * 1024);
    engine.render(template, model, out);
    ctx.status(status);
    ctx.contentType("text/html; charset=utf-8");
    ctx.header("Cache-Control", "no-store");
    ctx.result(out.toString());
  }

  /** A page with a title and one message (errors, refusals). */
  void message(Context ctx, int status, String title, String message) {
    AdminSecurity.Session s = AdminUi.session(ctx);
    page(ctx, status, "message.jte", new Views.MessagePage(new Views.Chrome(title, "", s == null ? "" : s.csrf(),
        s == null ? "" : s.reviewer(), null, false), status, message, s != null));
  }

  /** The chrome of a page for the session that asked for it. */
  static Views.Chrome chrome(Context ctx, String title, String section, boolean plots) {
    AdminSecurity.Session s = AdminUi.session(ctx);
    return new Views.Chrome(title, section, s.csrf(), s.reviewer(), s.flash(), plots);
  }
}
