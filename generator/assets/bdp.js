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
