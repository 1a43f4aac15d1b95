/* Baza Dobrych Praktyk: a wide table that scrolls sideways (the theme wraps every table in a
   scrolling box) can be reached and scrolled with the keyboard and is named for screen readers
   (WCAG 2.1.1; axe-core: scrollable-region-focusable). Each name is unique on the page (axe-core:
   landmark-unique): the table's section heading, numbered when a section has several tables. */
(function () {
  function heading(box) {
    for (var node = box.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) return node.textContent.replace(/¶$/, "").trim();
    }
    return "";
  }
  function label() {
    var used = {};
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        var base = "Tabela przewijana w poziomie" + (heading(box) ? ": " + heading(box) : "");
        used[base] = (used[base] || 0) + 1;
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", used[base] > 1 ? base + " (" + used[base] + ")" : base);
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  window.addEventListener("load", label);
  window.addEventListener("resize", label);
})();

/* Baza Dobrych Praktyk: a printout names each link's address (assets/layout.css prints
   data-bdp-print-href after the link). With a real publisher.site_url the page has a canonical
   link, and a link within the site is printed as the absolute address of the published page;
   without one the stylesheet prints the address as written. An e-mail link prints the address only. */
(function () {
  function absolute() {
    var canonical = document.querySelector('link[rel="canonical"]');
    document.querySelectorAll(".md-content a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (/^mailto:/i.test(href)) {
        link.setAttribute("data-bdp-print-href", decodeURIComponent(href.slice(7).split("?")[0]));
      } else if (canonical && !/^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(href)) {
        link.setAttribute("data-bdp-print-href", new URL(href, canonical.href).href);
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", absolute);
  else absolute();
})();
