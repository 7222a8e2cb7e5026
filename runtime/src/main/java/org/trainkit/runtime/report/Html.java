package org.trainkit.runtime.report;

import java.util.Base64;
import java.util.Locale;

/**
 * Small pieces of the self-contained HTML pages: escaping, numbers, inline images and the page
 * frame with its inline style sheet. Nothing on a page refers to the network: images are data
 * URIs, styles are inline, there is no script, and fonts are the reader's own.
 */
public final class Html {

  private static final String STYLE =
      String.join(
          "\n",
          ":root { color-scheme: light; }",
          "body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif;",
          "  color: #1f2328; background: #f6f8fa; margin: 0; }",
          "main { max-width: 1240px; margin: 0 auto; padding: 16px 24px 48px; }",
          "header { background: #24292f; color: #fff; padding: 14px 24px; }",
          "header h1 { margin: 0; font-size: 20px; font-weight: 600; }",
          "header p { margin: 4px 0 0; color: #c9d1d9; }",
          "section { background: #fff; border: 1px solid #d0d7de; border-radius: 6px;",
          "  padding: 12px 16px 16px; margin: 16px 0; overflow-x: auto; }",
          "h2 { font-size: 16px; margin: 0 0 10px; padding-bottom: 6px;",
          "  border-bottom: 1px solid #eaeef2; }",
          "p.note { color: #57606a; margin: 6px 0 10px; }",
          "table { border-collapse: collapse; font-variant-numeric: tabular-nums; }",
          "th, td { border: 1px solid #d0d7de; padding: 4px 10px; text-align: left;",
          "  vertical-align: top; }",
          "th { background: #f6f8fa; font-weight: 600; }",
          "td.num, th.num { text-align: right; white-space: nowrap; }",
          "tr.best td { background: #dafbe1; }",
          ".cards { display: flex; flex-wrap: wrap; gap: 12px; }",
          ".card { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 14px;",
          "  min-width: 120px; }",
          ".card .label { color: #57606a; font-size: 12px; }",
          ".card .value { font-size: 20px; font-weight: 600; }",
          ".charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(540px, 1fr));",
          "  gap: 12px; }",
          "figure { margin: 0; }",
          "figure img { width: 100%; height: auto; border: 1px solid #eaeef2; }",
          "figcaption { color: #57606a; font-size: 12px; }",
          ".config { column-width: 250px; column-gap: 28px; }",
          ".kv { display: flex; justify-content: space-between; gap: 12px; padding: 3px 2px;",
          "  border-bottom: 1px solid #eaeef2; break-inside: avoid; }",
          ".kv code { color: #57606a; }",
          "table.predictions td.text { font-family: ui-monospace, 'DejaVu Sans Mono', monospace;",
          "  font-size: 13px; white-space: pre-wrap; word-break: break-word; max-width: 440px; }",
          "tr.error td { background: #ffebe9; }",
          "tr.error td:first-child { border-left: 3px solid #cf222e; }",
          "mark.gold { background: #aceebb; }",
          "mark.wrong { background: #ff818266; }",
          "table.confusion td { min-width: 36px; text-align: right; }",
          "table.confusion th.corner { font-weight: 400; color: #57606a; font-size: 12px; }",
          "details summary { cursor: pointer; font-weight: 600; }",
          "code { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; }");

  private Html() {}

  /** A whole page: title, header lines and body sections. */
  public static String page(String title, String subtitle, CharSequence body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>" + escape(title) + "</title>\n<style>\n" + STYLE + "\n</style>\n</head>\n"
        + "<body>\n<header><h1>" + escape(title) + "</h1><p>" + escape(subtitle)
        + "</p></header>\n<main>\n" + body + "</main>\n</body>\n</html>\n";
  }

  /**
   * Text as HTML. Besides the five special characters, the slashes of {@code "://"} become
   * character references: a URL in a config value or a prediction still reads the same, but
   * the file then holds no {@code http://} at all, which makes "this page fetches nothing"
   * checkable by a plain search.
   */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString().replace("://", ":&#47;&#47;");
  }

  /**
   * A number for a table: four decimals, scientific for small magnitudes such as learning rates,
   * whole numbers from 10 up without decimals (counts, supports), an en dash when absent.
   */
  public static String number(double value) {
    if (Double.isNaN(value)) {
      return "\u2013";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "\u221e" : "-\u221e";
    }
    if (value == Math.rint(value) && Math.abs(value) >= 10 && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    if (value != 0 && Math.abs(value) < 1e-3) {
      return String.format(Locale.ROOT, "%.3e", value);
    }
    return String.format(Locale.ROOT, "%.4f", value);
  }

  /** A count, e.g. a confusion-matrix cell: no decimals when it is whole. */
  public static String count(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : number(value);
  }

  /** A PNG image inlined as a data URI. */
  public static String img(byte[] png, String alt, int width, int height) {
    return "<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png)
        + "\" alt=\"" + escape(alt) + "\" width=\"" + width + "\" height=\"" + height + "\">";
  }

  /** A section with an id (for links and tests) and a heading. */
  public static void section(StringBuilder out, String id, String heading, CharSequence content) {
    out.append("<section id=\"").append(id).append("\">\n<h2>").append(escape(heading))
        .append("</h2>\n").append(content).append("</section>\n");
  }

  public static String note(String text) {
    return "<p class=\"note\">" + escape(text) + "</p>\n";
  }
}
