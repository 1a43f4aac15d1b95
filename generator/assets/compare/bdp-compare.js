/* Baza Dobrych Praktyk: side by side (porownaj/). Two parts share this file:
   - the "Porównaj" button of a local-government or practice page (.bdp-compare-pick), which adds the
     page's record to a selection kept in localStorage when the browser allows it;
   - the comparison page (#bdp-compare), which reads the selection from its address (?jst=… or
     ?praktyki=…), so a comparison can be shared, and shows it from window.BDP_COMPARE (porownaj/dane.js,
     added as a <script src>: fetch does not work from a copy opened from disk).
   Every page loads this file (mkdocs.yml, extra_javascript); without either part it does nothing.
   Every text from the data is put in with textContent; links are relative to the site's root. */
(function () {
  "use strict";
  var KINDS = {
    jst: { one: "samorząd", few: "samorządy", many: "samorządów", add: "Dodaj samorząd do porównania" },
    praktyki: { one: "praktyka", few: "praktyki", many: "praktyk", add: "Dodaj praktykę do porównania" }
  };
  var MAX = 4;

  // Number agreement, the same rule as plural() in generator/polish.py (test_compare.py checks it).
  function pluralForm(n, one, few, many) {
    n = Math.abs(n);
    if (n === 1) return one;
    return (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14)) ? few : many;
  }
  function plural(n, one, few, many) { return n + " " + pluralForm(n, one, few, many); }
  function count(kind, n) { var k = KINDS[kind]; return plural(n, k.one, k.few, k.many); }

  function storage() {
    try { var s = window.localStorage; s.setItem("bdp-test", "1"); s.removeItem("bdp-test"); return s; } catch (e) { return null; }
  }
  function stored(kind) {
    var s = storage();
    if (!s) return [];
    try { var v = JSON.parse(s.getItem("bdp-porownaj-" + kind) || "[]"); return Array.isArray(v) ? v.map(String).slice(0, MAX) : []; }
    catch (e) { return []; }
  }
  function store(kind, ids) {
    var s = storage();
    if (s) s.setItem("bdp-porownaj-" + kind, JSON.stringify(ids));
  }
  function query(kind, ids) { return "?" + kind + "=" + ids.map(encodeURIComponent).join(","); }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* --- the "Porównaj" button on a record's page --- */
  function pick(box) {
    var kind = box.getAttribute("data-kind"), id = box.getAttribute("data-id"), target = box.getAttribute("data-compare");
    var memory = storage() ? null : [];  // without localStorage: this page only, the rest is chosen on the comparison page
    var button = el("button", { type: "button", "class": "md-button bdp-compare-pick__button", "aria-pressed": "false" }, "Porównaj");
    var status = el("span", { "class": "bdp-compare-pick__status", role: "status" });
    var go = el("a", { "class": "bdp-compare-pick__go" });
    function selection() { return memory || stored(kind); }
    function update(note) {
      var ids = selection(), chosen = ids.indexOf(id) >= 0;
      button.setAttribute("aria-pressed", chosen ? "true" : "false");
      status.textContent = note || (ids.length ? "W porównaniu: " + count(kind, ids.length) + " (najwyżej " + MAX + ")." : "");
      if (!ids.length) { if (go.parentNode) box.removeChild(go); }  // no hidden link: nothing to tab to or hover
      else if (!go.parentNode) box.appendChild(go);
      go.textContent = ids.length > 1 ? "Pokaż porównanie" : "Przejdź do porównania i dodaj kolejne";
      go.setAttribute("href", target + query(kind, ids.length ? ids : [id]));
    }
    button.addEventListener("click", function () {
      var ids = selection().slice(), at = ids.indexOf(id), note = "";
      if (at >= 0) ids.splice(at, 1);
      else if (ids.length >= MAX) note = "Można porównać najwyżej " + count(kind, MAX) + ". Usuń któryś na stronie porównania.";
      else ids.push(id);
      if (memory) memory = ids; else store(kind, ids);
      update(note);
    });
    box.appendChild(button);
    box.appendChild(document.createTextNode(" "));
    box.appendChild(status);
    box.appendChild(document.createTextNode(" "));
    box.hidden = false;
    update("");
    window.addEventListener("pageshow", function () { update(""); });  // back from another page: its choice counts
  }

  /* --- the comparison page --- */
  function Compare(root, data) {
    this.root = root;
    this.data = data;
    this.base = root.getAttribute("data-root") || "";
    var params = new URLSearchParams(window.location.search);
    this.kind = params.has("praktyki") && !params.has("jst") ? "praktyki" : "jst";
    var given = params.get(this.kind);
    this.ids = this.clean(given !== null ? given.split(",") : stored(this.kind));
    if (given === null && !this.ids.length && stored("praktyki").length) {
      this.kind = "praktyki";
      this.ids = this.clean(stored("praktyki"));
    }
    this.build();
    this.update(false);
  }
  Compare.prototype.items = function () { return this.data[this.kind].items; };
  Compare.prototype.find = function (id) {
    var items = this.items();
    for (var i = 0; i < items.length; i++) if (items[i].id === id) return items[i];
    return null;
  };
  Compare.prototype.clean = function (ids) {
    var self = this, seen = {};
    return ids.map(function (s) { return String(s).trim(); })
      .filter(function (id) { var ok = id && !seen[id] && self.find(id); seen[id] = true; return ok; }).slice(0, MAX);
  };
  Compare.prototype.build = function () {
    var self = this;
    this.root.textContent = "";
    var kinds = el("fieldset", { "class": "bdp-compare__kinds" });
    kinds.appendChild(el("legend", {}, "Co porównać"));
    ["jst", "praktyki"].forEach(function (kind) {
      var label = el("label", { "class": "bdp-compare__kind" });
      var radio = el("input", { type: "radio", name: "bdp-compare-kind", value: kind });
      radio.checked = kind === self.kind;
      radio.addEventListener("change", function () {
        self.kind = kind;
        self.ids = self.clean(stored(kind));
        self.update(true);
      });
      label.appendChild(radio);
      label.appendChild(document.createTextNode(" " + self.data[kind].label));
      kinds.appendChild(label);
    });
    this.addLabel = el("label", { "for": "bdp-compare-add" });
    this.select = el("select", { id: "bdp-compare-add" });
    this.addButton = el("button", { type: "button", "class": "md-button" }, "Dodaj");
    this.addButton.addEventListener("click", function () {
      if (self.select.value && self.ids.length < MAX) {
        self.ids.push(self.select.value);
        self.update(true);
        self.select.focus();
      }
    });
    var add = el("p", { "class": "bdp-compare__add" });
    add.appendChild(this.addLabel);
    add.appendChild(this.select);
    add.appendChild(this.addButton);
    this.status = el("p", { "class": "bdp-compare__status", role: "status", "aria-live": "polite" });
    this.share = el("p", { "class": "bdp-compare__share" });
    this.table = el("div", { "class": "bdp-compare__table" });
    [kinds, add, this.status, this.share, this.table].forEach(function (n) { self.root.appendChild(n); });
  };
  Compare.prototype.update = function (changed) {
    var self = this, kind = this.kind, ids = this.ids;
    store(kind, ids);
    if (changed) {
      try { window.history.replaceState(null, "", query(kind, ids)); } catch (e) { /* a browser that refuses: the link below still has it */ }
    }
    this.addLabel.textContent = KINDS[kind].add;
    this.select.textContent = "";
    this.items().forEach(function (item) {
      if (ids.indexOf(item.id) < 0) self.select.appendChild(el("option", { value: item.id }, item.name));
    });
    var full = ids.length >= MAX;
    this.select.disabled = full || !this.select.options.length;
    this.addButton.disabled = this.select.disabled;
    this.status.textContent = ids.length < 2
      ? "Wybrano " + count(kind, ids.length) + ". Wybierz co najmniej 2, najwyżej " + MAX + "."
      : "Porównanie: " + count(kind, ids.length) + (full ? " (więcej nie można dodać)." : ".");
    this.share.textContent = "";
    if (ids.length) {
      this.share.appendChild(document.createTextNode("Adres tego porównania, do przesłania innym: "));
      var link = el("a", { href: query(kind, ids) }, "link do porównania");
      this.share.appendChild(link);
    }
    this.render();
  };
  Compare.prototype.cell = function (lines) {
    var self = this;
    function line(parts, into) {
      parts.forEach(function (part) {
        if (Array.isArray(part)) into.appendChild(el("a", { href: self.base + part[1] }, part[0]));
        else into.appendChild(document.createTextNode(part));
      });
      return into;
    }
    if (!lines || !lines.length) return document.createTextNode("brak");
    if (lines.length === 1) return line(lines[0], document.createDocumentFragment());
    var linked = lines.some(function (parts) { return parts.some(Array.isArray); });
    if (!linked) {  // facts of one thing (a value, its place, the median): lines, not a list
      var box = document.createDocumentFragment();
      lines.forEach(function (parts, i) { if (i) box.appendChild(el("br")); line(parts, box); });
      return box;
    }
    var list = el("ul");
    lines.forEach(function (parts) { list.appendChild(line(parts, el("li"))); });
    return list;
  };
  Compare.prototype.render = function () {
    var self = this, chosen = this.ids.map(function (id) { return self.find(id); });
    this.table.textContent = "";
    if (!chosen.length) return;
    var names = chosen.map(function (item) { return item.name; }).join(", ");
    // the title stays outside the sideways-scrolling box, so it is never cut off on a phone
    this.table.appendChild(el("h2", { id: "bdp-compare-title", "class": "bdp-compare__title" }, "Porównanie: " + names));
    var wrap = el("div", { "class": "bdp-compare__scroll", tabindex: "0", role: "region", "aria-labelledby": "bdp-compare-title" });
    var table = el("table", { "class": "bdp-compare__grid", "aria-labelledby": "bdp-compare-title" });
    var head = el("tr");
    head.appendChild(el("th", { scope: "col" }, "Cecha"));
    chosen.forEach(function (item) {
      var th = el("th", { scope: "col" });
      th.appendChild(el("a", { href: self.base + item.url }, item.name));
      var remove = el("button", { type: "button", "class": "bdp-compare__remove", "aria-label": "Usuń z porównania: " + item.name }, "Usuń");
      remove.addEventListener("click", function () {
        self.ids = self.ids.filter(function (id) { return id !== item.id; });
        self.update(true);
        self.select.focus();
      });
      th.appendChild(el("br"));
      th.appendChild(remove);
      head.appendChild(th);
    });
    var thead = el("thead"), tbody = el("tbody");
    thead.appendChild(head);
    this.data[this.kind].rows.forEach(function (row) {
      var key = row[0];
      if (!chosen.some(function (item) { return item.cells[key]; })) return;
      var tr = el("tr");
      tr.appendChild(el("th", { scope: "row" }, row[1]));
      chosen.forEach(function (item) {
        var td = el("td");
        td.appendChild(self.cell(item.cells[key]));
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    table.appendChild(thead);
    table.appendChild(tbody);
    wrap.appendChild(table);
    this.table.appendChild(wrap);
  };

  function start() {
    document.querySelectorAll(".bdp-compare-pick").forEach(pick);
    var root = document.getElementById("bdp-compare");
    if (!root) return;
    if (window.BDP_COMPARE) { new Compare(root, window.BDP_COMPARE); return; }
    var data = document.createElement("script");  // a script, not fetch: it loads from a copy opened from disk too
    data.src = root.getAttribute("data-data");
    data.onload = function () { if (window.BDP_COMPARE) new Compare(root, window.BDP_COMPARE); };
    data.onerror = function () {
      root.insertBefore(el("p", { "class": "bdp-compare__error", role: "alert" },
        "Nie udało się wczytać danych porównania (porownaj/dane.js). Odśwież stronę."), root.firstChild);
    };
    document.head.appendChild(data);
  }
  if (typeof module !== "undefined" && module.exports) module.exports = { plural: plural };
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
