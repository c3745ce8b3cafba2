package com.emailsync.contacthistory.history.web;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * A mail's HTML as it is safe to show in the CRM: no scripts, event handlers or styles that can run code, and by default
 * no remote images. A remote image is how a sender learns who opened the mail, when, and from which IP address; here it
 * would report every colleague who opens the contact's entry, so images load only when the reader asks for them.
 */
final class DisplayHtml {

  /** Formatting, links, tables and images survive; scripts, event handlers and styles that can run code do not. */
  private static final PolicyFactory SAFE_HTML =
      Sanitizers.FORMATTING
          .and(Sanitizers.BLOCKS)
          .and(Sanitizers.LINKS)
          .and(Sanitizers.TABLES)
          .and(Sanitizers.IMAGES)
          .and(new HtmlPolicyBuilder().allowElements("span", "div", "br", "hr").toFactory());

  /**
   * @param remoteImagesBlocked how many remote images were taken out: the reader can ask for them
   */
  record Shown(String html, int remoteImagesBlocked) {}

  private DisplayHtml() {}

  static Shown of(String html, boolean remoteImages) {
    String sanitized = SAFE_HTML.sanitize(html);
    if (remoteImages) {
      return new Shown(sanitized, 0);
    }
    Document document = Jsoup.parseBodyFragment(sanitized);
    int blocked = 0;
    for (Element image : document.select("img[src]")) {
      if (isRemote(image.attr("src"))) {
        image.removeAttr("src");
        blocked++;
      }
    }
    return new Shown(blocked == 0 ? sanitized : document.body().html(), blocked);
  }

  private static boolean isRemote(String source) {
    String s = source.strip().toLowerCase(java.util.Locale.ROOT);
    return !(s.startsWith("cid:") || s.startsWith("data:"));
  }
}
