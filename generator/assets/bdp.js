/* Baza Dobrych Praktyk: a wide table that scrolls sideways (the theme wraps every table in a
   scrolling box) can be reached and scrolled with the keyboard and is named for screen readers
   (WCAG 2.1.1; axe-core: scrollable-region-focusable). */
(function () {
  function label() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Tabela przewijana w poziomie");
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
