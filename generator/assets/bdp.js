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

/* Baza Dobrych Praktyk: the three things of the theme's script that these pages use, without its
   114 kB bundle (issue #18; site_overrides/main.html leaves the bundle out, tables get their
   scrolling box when the page is built): the "back to top" button appears when the reader scrolls up
   far down a page; the header shows the page's title once its heading has scrolled away; the table
   of contents marks the section being read. */
(function () {
  var top = document.querySelector(".md-top");
  var title = document.querySelector(".md-header__title");
  var heading = document.querySelector(".md-content h1");
  var links = Array.prototype.slice.call(document.querySelectorAll(".md-nav--secondary a.md-nav__link[href^='#']"));
  var targets = links.map(function (link) { return document.getElementById(decodeURIComponent(link.hash.slice(1))); });
  var last = window.scrollY, pending = false;
  function header() {
    var bar = document.querySelector(".md-header");
    return bar ? bar.offsetHeight : 0;
  }
  function update() {
    pending = false;
    var y = window.scrollY, offset = header();
    if (top) top.hidden = !(y < last && y > 400);
    last = y;
    if (title && heading) title.classList.toggle("md-header__title--active", heading.getBoundingClientRect().bottom < offset);
    var current = -1;
    targets.forEach(function (target, i) { if (target && target.getBoundingClientRect().top <= offset + 8) current = i; });
    links.forEach(function (link, i) { link.classList.toggle("md-nav__link--active", i === current); });
  }
  function later() {
    if (!pending) { pending = true; window.requestAnimationFrame(update); }
  }
  if (top) {
    top.addEventListener("click", function () {
      top.hidden = true;
      top.blur();
      window.scrollTo({ top: 0 });
    });
  }
  window.addEventListener("scroll", later, { passive: true });
  window.addEventListener("resize", later);
  update();
})();
