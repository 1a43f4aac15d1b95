/* Baza Dobrych Praktyk: search page (szukaj/index.html). Project code, see generator/search/.
 *
 * Works from file:// and over HTTP: no worker, no fetch. lunr.js and the index (a script that sets
 * window.BDP_SEARCH_DATA) are added as <script> elements when the visitor starts to search, or at
 * once when the address already holds a search (?q=…&sektor=…).
 *
 * BDP.tokens must give exactly the tokens of generator/search/text.py `tokens` (parity test).
 */
(function (root) {
  "use strict";

  // ---- Polish text processing: a copy of generator/search/text.py ---------------------------------
  var MIN_STEM = 3;
  var STOP_WORDS = {};
  ("a aby albo ale ani az bez by byc byl byla byly czy dla do go i ich ich jak jako je jego jej jest " +
   "jesli juz ktora ktore ktory ktorych lub ma na nad nie niz o od oraz po pod przez przy sa sie " +
   "so ta tak te tego tej ten to tu w we wraz z za ze").split(" ").forEach(function (w) { STOP_WORDS[w] = true; });
  var SUFFIXES = (
    "owaniami owaniach owaniem owania owaniu owanie owanych owanymi owanym owanej owana owane owany owali owala owac " +
    "eniami eniach eniem enia eniu enie aniami aniach aniem ania aniu anie " +
    "ajacych ajacy ajaca ajace " +
    "owymi owych owego owemu owej owym owa owe owy owi ow " +
    "iami iach iom iego iemu iej ich imi im ie ii ia iu " +
    "jami jach jom ja je ji ju " +
    "ami ach om ymi ych ego emu ej ym em ac " +
    "a e i o u y"
  ).split(" ").filter(function (s, i, all) { return all.indexOf(s) === i; })
    .sort(function (a, b) { return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0); });

  function fold(text) {
    return String(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ł/g, "l");
  }

  // Endings grouped by length, longest first: [[length, {ending: true}], ...]
  var BY_LENGTH = [];
  SUFFIXES.forEach(function (s) {
    var last = BY_LENGTH[BY_LENGTH.length - 1];
    if (!last || last[0] !== s.length) BY_LENGTH.push(last = [s.length, Object.create(null)]);
    last[1][s] = true;
  });

  function stem(word) {
    if (!/^[a-z]+$/.test(word)) return word;
    for (var i = 0; i < BY_LENGTH.length; i++) {
      var length = BY_LENGTH[i][0];
      if (word.length - length >= MIN_STEM && BY_LENGTH[i][1][word.slice(-length)]) return word.slice(0, -length);
    }
    return word;
  }

  function words(text) {
    return fold(text).match(/[a-z0-9]+/g) || [];
  }

  var STEMS = new Map(); // memo: the same words come back again and again

  function tokens(text) {
    var out = [], list = words(text);
    for (var i = 0; i < list.length; i++) {
      var w = list[i];
      if (w.length < 2 || STOP_WORDS[w]) continue;
      var s = STEMS.get(w);
      if (s === undefined) { s = stem(w); if (STEMS.size < 200000) STEMS.set(w, s); }
      out.push(s);
    }
    return out;
  }

  /* A lunr.Index made directly from processed tokens, with the scores lunr.Builder gives (BM25,
   * k1 1.2, b 0.75, field boosts): several times faster than lunr.Builder, which also tokenizes,
   * runs pipelines and keeps per-token metadata that is not used here. */
  function buildIndex(lunr, fieldBoosts, rows, order) {
    var boosts = {}, names = fieldBoosts.map(function (f) { boosts[f[0]] = f[1]; return f[0]; });
    var column = order.map(function (name) { return names.indexOf(name); });
    var inverted = Object.create(null), termCount = 0, totals = names.map(function () { return 0; });
    var frequencies = []; // per document, per field: Map term -> count
    rows.forEach(function (row, d) {
      var perField = [];
      row.forEach(function (terms, c) {
        var f = column[c], name = names[f], counts = new Map();
        totals[f] += terms.length;
        terms.forEach(function (term) { counts.set(term, (counts.get(term) || 0) + 1); });
        counts.forEach(function (n, term) {
          var posting = inverted[term];
          if (!posting) {
            posting = inverted[term] = { _index: termCount++ };
            names.forEach(function (field) { posting[field] = Object.create(null); });
          }
          posting[name][d] = {};
        });
        perField[f] = [counts, terms.length];
      });
      frequencies.push(perField);
    });
    var count = rows.length, idf = Object.create(null), vectors = Object.create(null);
    var average = totals.map(function (t) { return t / (count || 1); });
    frequencies.forEach(function (perField, d) {
      perField.forEach(function (entry, f) {
        var name = names[f], length = entry[1], elements = [];
        entry[0].forEach(function (tf, term) {
          if (idf[term] === undefined) idf[term] = lunr.idf(inverted[term], count);
          var score = idf[term] * ((1.2 + 1) * tf) / (1.2 * (1 - 0.75 + 0.75 * (length / average[f])) + tf) * boosts[name];
          elements.push([inverted[term]._index, Math.round(score * 1000) / 1000]);
        });
        elements.sort(function (a, b) { return a[0] - b[0]; });
        var flat = [];
        elements.forEach(function (e) { flat.push(e[0], e[1]); });
        vectors[name + "/" + d] = new lunr.Vector(flat);
      });
    });
    return new lunr.Index({
      invertedIndex: inverted, fieldVectors: vectors, tokenSet: lunr.TokenSet.fromArray(Object.keys(inverted).sort()),
      fields: names, pipeline: new lunr.Pipeline()
    });
  }

  var BDP = { fold: fold, stem: stem, words: words, tokens: tokens, buildIndex: buildIndex };
  root.BDP = BDP;
  if (typeof module !== "undefined" && module.exports) module.exports = BDP;
  if (typeof document === "undefined") return;

  // ---- The search page ---------------------------------------------------------------------------
  var PAGE_SIZE = 50;
  var SORTS = ["trafnosc", "tytul", "najnowsze"];

  function plural(n, one, few, many) {
    if (n === 1) return n + " " + one;
    if ([2, 3, 4].indexOf(n % 10) >= 0 && [12, 13, 14].indexOf(n % 100) < 0) return n + " " + few;
    return n + " " + many;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }


  function Search(rootNode) {
    this.root = rootNode;
    this.base = rootNode.getAttribute("data-root") || "../";
    this.form = rootNode.querySelector("form");
    this.input = rootNode.querySelector("#bdp-q");
    this.sort = rootNode.querySelector("#bdp-sort");
    this.status = rootNode.querySelector("#bdp-status");
    this.list = rootNode.querySelector("#search-results");
    this.more = rootNode.querySelector("#bdp-more");
    this.facetBox = rootNode.querySelector("#bdp-facets");
    this.data = null;
    this.index = null;
    this.loading = false;
    this.shown = PAGE_SIZE;
    this.selected = {};
    this.lastMs = 0;
  }

  Search.prototype.start = function () {
    var self = this;
    var params = new URLSearchParams(root.location.search);
    this.input.value = params.get("q") || "";
    this.sort.value = SORTS.indexOf(params.get("sortuj")) >= 0 ? params.get("sortuj") : "trafnosc";
    var wanted = false;
    params.forEach(function (value, key) {
      if (key !== "q" && key !== "sortuj") {
        (self.selected[key] = self.selected[key] || {})[value] = true;
        wanted = true;
      }
    });
    this.root.classList.add("bdp-search--js");
    this.form.addEventListener("submit", function (e) { e.preventDefault(); self.load(); self.update(true); });
    this.input.addEventListener("focus", function () { self.load(); });
    this.input.addEventListener("input", function () { self.shown = PAGE_SIZE; self.load(); self.update(true); });
    this.sort.addEventListener("change", function () { self.load(); self.update(true); });
    this.more.addEventListener("click", function () {
      var first = self.shown;
      self.shown += PAGE_SIZE;
      self.update(false);
      var item = self.list.children[first];
      if (item) item.querySelector("a").focus();
    });
    if (this.input.value || wanted) this.load();
  };

  Search.prototype.scriptBase = function () {
    var me = document.querySelector("script[src$='bdp-search.js']");
    return me ? me.src.replace(/bdp-search\.js(\?.*)?$/, "") : this.base + "assets/search/";
  };

  Search.prototype.load = function () {
    if (this.loading) return;
    this.loading = true;
    this.root.setAttribute("data-state", "loading");
    this.status.textContent = "Wczytywanie wyszukiwarki…";
    var self = this, base = this.scriptBase(), pending = 2;
    function done() { if (--pending === 0) self.ready(); }
    function failed() { self.status.textContent = "Nie udało się wczytać wyszukiwarki. Skorzystaj ze spisów poniżej."; }
    [base + "lunr.js", base + "index.js"].forEach(function (src) {
      var script = el("script", { src: src });
      script.async = false; // lunr.js before the index
      script.onload = done;
      script.onerror = failed;
      document.head.appendChild(script);
    });
  };

  Search.prototype.ready = function () {
    var data = root.BDP_SEARCH_DATA, lunr = root.lunr, t0 = root.performance.now();
    this.data = data;
    root.BDP_TIMINGS = { scripts: t0 };
    if (data.lunr) {
      this.index = lunr.Index.load(data.lunr);
    } else {
      this.index = buildIndex(lunr, data.fields, data.docs.map(function (doc) {
        return [tokens(doc.t), tokens(doc.s), doc.x[0] ? doc.x[0].split(" ") : [], doc.x[1] ? doc.x[1].split(" ") : []];
      }), ["title", "summary", "places", "tags"]);
    }
    root.BDP_TIMINGS.index = root.performance.now() - t0;
    this.buildFacets();
    this.update(false);
    root.BDP_TIMINGS.first = this.lastMs;
    this.root.setAttribute("data-state", "ready");
    root.BDP_READY_AT = root.performance.now();
    var self = this;
    root.setTimeout(function () { self.loadBody(); }, 0);
  };

  // Second stage: body tokens; a plain inverted index (term -> document numbers) with sorted terms for prefixes.
  Search.prototype.loadBody = function () {
    var self = this, script = el("script", { src: this.scriptBase() + "index-tekst.js" });
    script.onload = function () {
      var postings = new Map();
      root.BDP_SEARCH_BODY.forEach(function (text, i) {
        if (!text) return;
        text.split(" ").forEach(function (term) {
          var list = postings.get(term);
          if (list) list.push(i); else postings.set(term, [i]);
        });
      });
      self.bodyTerms = Array.from(postings.keys()).sort();
      self.body = postings;
      self.update(false);
      self.root.setAttribute("data-body", "ready");
      root.BDP_BODY_AT = root.performance.now();
    };
    document.head.appendChild(script);
  };

  // Documents whose body has the term (or, for a prefix, a term starting with it).
  Search.prototype.bodyMatches = function (term, prefix) {
    var out = new Set();
    if (!this.body) return out;
    if (!prefix) {
      (this.body.get(term) || []).forEach(function (i) { out.add(i); });
      return out;
    }
    var terms = this.bodyTerms, lo = 0, hi = terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < term) lo = mid + 1; else hi = mid; }
    for (var n = lo; n < terms.length && terms[n].lastIndexOf(term, 0) === 0; n++) {
      this.body.get(terms[n]).forEach(function (i) { out.add(i); });
    }
    return out;
  };

  Search.prototype.buildFacets = function () {
    var self = this;
    this.facetInputs = [];
    this.facetBox.textContent = "";
    this.data.facets.forEach(function (facet, f) {
      if (!facet.values.length) { self.facetInputs.push([]); return; }
      var fieldset = el("fieldset", { "class": "bdp-facet" });
      fieldset.appendChild(el("legend", {}, facet.label));
      var inputs = facet.values.map(function (value, v) {
        var id = "bdp-f-" + f + "-" + v;
        var row = el("div", { "class": "bdp-facet__value" });
        var box = el("input", { type: "checkbox", id: id, name: facet.key, value: value });
        box.checked = !!(self.selected[facet.key] && self.selected[facet.key][value]);
        box.addEventListener("change", function () {
          var chosen = self.selected[facet.key] = self.selected[facet.key] || {};
          if (box.checked) chosen[value] = true; else delete chosen[value];
          self.shown = PAGE_SIZE;
          self.update(true);
        });
        var label = el("label", { "for": id }, value + " ");
        var count = el("span", { "class": "bdp-count" });
        label.appendChild(count);
        row.appendChild(box);
        row.appendChild(label);
        fieldset.appendChild(row);
        return { box: box, count: count, row: row };
      });
      self.facetInputs.push(inputs);
      self.facetBox.appendChild(fieldset);
    });
  };

  // Every query word must match (in any field, or in the body); the last one, from 3 letters, also as a
  // prefix while it is being typed.
  Search.prototype.query = function (text) {
    var terms = tokens(text);
    if (!terms.length) return null;
    var lunr = root.lunr, open = !/\s$/.test(text), index = this.index, self = this;
    var scores = null;
    terms.forEach(function (term, n) {
      var prefix = n === terms.length - 1 && open && term.length >= 3, found = new Map();
      index.query(function (q) {
        q.term(term, { usePipeline: false, wildcard: prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE });
      }).forEach(function (hit) { found.set(+hit.ref, hit.score); });
      self.bodyMatches(term, prefix).forEach(function (i) { found.set(i, (found.get(i) || 0) + 0.5); });
      if (scores === null) { scores = found; return; }
      var next = new Map();
      scores.forEach(function (score, i) { if (found.has(i)) next.set(i, score + found.get(i)); });
      scores = next;
    });
    var out = [];
    scores.forEach(function (score, i) { out.push({ ref: i, score: score }); });
    return out;
  };

  // Selected values per facet as arrays of value positions; a facet with none selected does not filter.
  Search.prototype.filters = function () {
    var self = this;
    return this.data.facets.map(function (facet) {
      var chosen = self.selected[facet.key] || {};
      var out = [];
      facet.values.forEach(function (v, i) { if (chosen[v]) out.push(i); });
      return out;
    });
  };

  function passes(doc, filters, skip) {
    for (var f = 0; f < filters.length; f++) {
      if (f === skip || !filters[f].length) continue;
      var have = doc.f[f], ok = false;
      for (var i = 0; i < have.length && !ok; i++) ok = filters[f].indexOf(have[i]) >= 0;
      if (!ok) return false;
    }
    return true;
  }

  Search.prototype.update = function (writeUrl) {
    if (!this.index) return;
    var started = root.performance.now();
    var data = this.data, docs = data.docs, text = this.input.value;
    var hits = this.query(text), matched = [];
    if (hits === null) {
      for (var i = 0; i < docs.length; i++) matched.push({ i: i, score: 0 });
    } else {
      matched = hits.map(function (h) { return { i: +h.ref, score: h.score }; });
    }
    var filters = this.filters();
    // counts: for each facet, over the matches that pass every other facet
    var counts = data.facets.map(function (facet) { return new Array(facet.values.length).fill(0); });
    var results = [];
    matched.forEach(function (m) {
      var doc = docs[m.i];
      for (var f = 0; f < filters.length; f++) {
        if (!passes(doc, filters, f)) continue;
        doc.f[f].forEach(function (v) { counts[f][v]++; });
      }
      if (passes(doc, filters, -1)) results.push(m);
    });
    var sort = this.sort.value;
    results.sort(function (a, b) {
      var x = docs[a.i], y = docs[b.i];
      if (sort === "tytul") return a.i - b.i;
      if (sort === "najnowsze") return (x.d < y.d ? 1 : x.d > y.d ? -1 : 0) || a.i - b.i;
      return x.k - y.k || b.score - a.score || a.i - b.i;
    });
    this.renderFacets(counts);
    this.renderResults(results, hits === null ? [] : tokens(text));
    if (writeUrl) this.writeUrl();
    this.lastMs = root.performance.now() - started;
  };

  Search.prototype.renderFacets = function (counts) {
    var self = this;
    this.facetInputs.forEach(function (inputs, f) {
      inputs.forEach(function (input, v) {
        var n = counts[f][v];
        input.count.textContent = "(" + n + ")";
        input.row.hidden = n === 0 && !input.box.checked;
      });
    });
  };

  function snippet(text, terms) {
    var span = el("span", { "class": "bdp-snippet" });
    if (!terms.length) { span.textContent = text; return span; }
    var wanted = {};
    terms.forEach(function (t) { wanted[t] = true; });
    text.split(/(\s+)/).forEach(function (part) {
      var t = tokens(part);
      var hit = t.some(function (x) {
        if (wanted[x]) return true;
        return terms.some(function (q) { return q.length > 2 && x.indexOf(q) === 0; });
      });
      span.appendChild(hit ? el("mark", {}, part) : document.createTextNode(part));
    });
    return span;
  }

  Search.prototype.renderResults = function (results, terms) {
    var docs = this.data.docs, types = this.data.facets[0].values, base = this.base;
    var fragment = document.createDocumentFragment();
    results.slice(0, this.shown).forEach(function (r) {
      var doc = docs[r.i];
      var item = el("li", { "class": "bdp-result" });
      var link = el("a", { href: base + doc.u, "class": "bdp-result__title" }, doc.t);
      item.appendChild(link);
      item.appendChild(el("span", { "class": "bdp-result__type" }, " — " + types[doc.f[0][0]]));
      if (doc.s) {
        var p = el("p");
        p.appendChild(snippet(doc.s, terms));
        item.appendChild(p);
      }
      fragment.appendChild(item);
    });
    this.list.textContent = "";
    this.list.appendChild(fragment);
    this.more.hidden = results.length <= this.shown;
    var text = results.length ? "Znaleziono " + plural(results.length, "wynik", "wyniki", "wyników") + "."
                              : "Nic nie znaleziono. Spróbuj innego słowa albo usuń filtry.";
    if (results.length > this.shown) text += " Pokazano pierwsze " + this.shown + ".";
    this.status.textContent = text;
    this.root.setAttribute("data-count", String(results.length));
  };

  Search.prototype.writeUrl = function () {
    var params = new URLSearchParams(), self = this;
    if (this.input.value.trim()) params.set("q", this.input.value.trim());
    this.data.facets.forEach(function (facet) {
      var chosen = self.selected[facet.key] || {};
      facet.values.forEach(function (v) { if (chosen[v]) params.append(facet.key, v); });
    });
    if (this.sort.value !== "trafnosc") params.set("sortuj", this.sort.value);
    var query = params.toString();
    try {
      root.history.replaceState(null, "", query ? "?" + query : root.location.pathname);
    } catch (e) { /* some browsers refuse replaceState on file:// — the search still works */ }
  };

  function init() {
    var node = document.getElementById("bdp-search");
    if (node && !node.bdpSearch) {
      node.bdpSearch = new Search(node);
      node.bdpSearch.start();
      root.BDP_SEARCH = node.bdpSearch;
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})(typeof window !== "undefined" ? window : globalThis);
