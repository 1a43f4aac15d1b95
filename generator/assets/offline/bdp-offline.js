/* Baza Dobrych Praktyk: reading without the internet (issue 15, item 5). Over http(s) only: registers
   the service worker (sw.js at the site's root) and adds the button "Zapisz do czytania bez
   internetu", which keeps the current section's pages and the search. From a copy opened from disk
   (file://) it does nothing: a service worker cannot run there, and the copy is offline anyway.
   State for tests and styles: <html data-bdp-offline="…"> is "niedostepne" (no worker here),
   "rejestracja", "zapisana" (this page is kept) or "sekcja" (the section was saved). */
(function (root) {
  "use strict";
  // Number agreement, the same rule as plural() in generator/polish.py (tests/test_offline.py):
  // 1 stronę, 2–4 strony (not 12–14), 5+ stron.
  function plural(n, one, few, many) {
    if (n === 1) return n + " " + one;
    if ([2, 3, 4].indexOf(n % 10) >= 0 && [12, 13, 14].indexOf(n % 100) < 0) return n + " " + few;
    return n + " " + many;
  }

  /* The section of a page: the first folder of its address below the site's root ("" at the root). */
  function section(pageUrl, siteRoot) {
    var rest = pageUrl.split(/[?#]/)[0].slice(siteRoot.length);
    var slash = rest.indexOf("/");
    return slash > 0 ? rest.slice(0, slash) : "";
  }

  function savedMessage(pages, listed) {
    var text = "Zapisano do czytania bez internetu " + plural(pages, "stronę", "strony", "stron") +
      (pages === 1 ? " tej sekcji" : " z tej sekcji") + " i wyszukiwarkę.";
    if (listed > pages) text += " Nie udało się pobrać: " + plural(listed - pages, "strony", "stron", "stron") + ".";
    return text;
  }

  var API = { plural: plural, section: section, savedMessage: savedMessage };
  if (typeof module !== "undefined" && module.exports) module.exports = API;
  if (typeof document === "undefined") return;
  root.BDP_OFFLINE = API;

  var html = document.documentElement;
  var script = document.currentScript;
  if (!/^https?:$/.test(root.location.protocol) || !("serviceWorker" in navigator) || !script) {
    html.setAttribute("data-bdp-offline", "niedostepne");
    return;
  }
  var siteRoot = new URL("../../", script.src).href;  // this file is assets/offline/bdp-offline.js
  html.setAttribute("data-bdp-offline", "rejestracja");

  function resources() {
    var origin = root.location.origin;
    return performance.getEntriesByType("resource").map(function (entry) { return entry.name.split("#")[0]; })
      .filter(function (name) { return name.indexOf(origin + "/") === 0; });
  }

  function button(worker) {
    var content = document.querySelector(".md-content__inner");
    if (!content || document.querySelector(".bdp-offline")) return;
    var box = document.createElement("div");
    box.className = "bdp-offline";
    var save = document.createElement("button");
    save.type = "button";
    save.className = "md-button";
    save.textContent = "Zapisz do czytania bez internetu";
    var note = document.createElement("p");
    note.className = "bdp-offline__note";
    note.textContent = "Zapisuje w tej przeglądarce wszystkie strony tej sekcji i wyszukiwarkę. Strony już otwarte są zapisywane same.";
    var status = document.createElement("p");
    status.className = "bdp-offline__status";
    status.setAttribute("role", "status");
    box.appendChild(save);
    box.appendChild(note);
    box.appendChild(status);
    content.appendChild(box);
    save.addEventListener("click", function () {
      save.disabled = true;
      status.textContent = "Zapisywanie…";
      worker.postMessage({ type: "save", section: section(root.location.href, siteRoot) });
    });
    navigator.serviceWorker.addEventListener("message", function (event) {
      var data = event.data || {};
      if (data.type === "saved") {
        save.disabled = false;
        status.textContent = savedMessage(data.pages, data.listed);
        html.setAttribute("data-bdp-offline", "sekcja");
      } else if (data.type === "failed") {
        save.disabled = false;
        status.textContent = "Nie udało się zapisać: sprawdź połączenie z internetem i spróbuj ponownie.";
      }
    });
  }

  navigator.serviceWorker.addEventListener("message", function (event) {
    if ((event.data || {}).type === "visited" && html.getAttribute("data-bdp-offline") === "rejestracja") {
      html.setAttribute("data-bdp-offline", "zapisana");
    }
  });
  navigator.serviceWorker.register(siteRoot + "sw.js", { scope: siteRoot }).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    var worker = registration.active;
    if (!worker) return;
    worker.postMessage({ type: "visited", url: root.location.href.split("#")[0], files: resources() });
    button(worker);
  }).catch(function () {
    html.setAttribute("data-bdp-offline", "niedostepne");
  });
})(typeof self !== "undefined" ? self : this);
