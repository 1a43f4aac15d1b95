/* Baza Dobrych Praktyk: search page (szukaj/index.html). Project code, see generator/search/.
 *
 * Works from file:// and over HTTP: no worker, no fetch, no library. The index (a script that sets
 * window.BDP_SEARCH_DATA) is added as a <script> element when the visitor starts to search, or at
 * once when the address already holds a search (?q=…&sektor=…); the body index follows.
 *
 * BDP.tokens must give exactly the tokens of generator/render/search/text.py `tokens` with the rules
 * of the index (`setRules`; parity test).
 */
(function (root) {
  "use strict";

  // ---- Polish text processing: the algorithm of generator/render/search/text.py -----------------
  /* The rules themselves (stop words, endings, shortest stem, group endings) are not written here:
   * they come with the index (index.py `index_data` -> `rules`, from text.py `rules`) and are set by
   * setRules when it loads, so Python stays their one source. Until then nothing is tokenized. */
  var MIN_STEM = 3;
  var STOP_WORDS = Object.create(null); // not {}: "constructor" is a word, not a stop word
  var BY_LENGTH = [];  // endings grouped by length, longest first: [[length, {ending: true}], ...]
  var GROUP_ENDINGS = Object.create(null);  // endings that may separate two tokens of one word
  var RULES = null;

  function flags(list) {
    var out = Object.create(null);
    list.forEach(function (w) { out[w] = true; });
    return out;
  }

  function setRules(rules) {
    if (!rules || rules === RULES) return;
    RULES = rules;
    MIN_STEM = rules.min_stem;
    STOP_WORDS = flags(rules.stop_words);
    GROUP_ENDINGS = flags(rules.group_endings);
    BY_LENGTH = [];
    rules.suffixes.slice().sort(function (a, b) { return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0); })
      .forEach(function (s) {
        var last = BY_LENGTH[BY_LENGTH.length - 1];
        if (!last || last[0] !== s.length) BY_LENGTH.push(last = [s.length, Object.create(null)]);
        last[1][s] = true;
      });
    MEMO.clear();
  }

  // Fast path for the common letters; anything else that Unicode could decompose goes the long
  // way (NFD, drop the marks), which is what generator/render/search/text.py `fold` does for everything.
  var POLISH = { "ą": "a", "ć": "c", "ę": "e", "ł": "l", "ń": "n", "ó": "o", "ś": "s", "ź": "z", "ż": "z" };
  function polish(c) { return POLISH[c]; }
  var NON_ASCII = /[^\x00-\x7f]/;
  // non-ASCII characters left after the fast path that NFD cannot turn into [a-z0-9]: typographic
  // punctuation and spaces (U+00A0 § « ° » U+2010–U+2027 U+2030–U+205E €)
  var OTHER = /[^\x00-\x7f\u00a0\u00a7\u00ab\u00b0\u00bb\u2010-\u2027\u2030-\u205e\u20ac]/;

  function fold(text) {
    var s = String(text).toLowerCase();
    if (!NON_ASCII.test(s)) return s;
    s = s.replace(/[ąćęłńóśźż]/g, polish);
    if (!OTHER.test(s)) return s;
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ł/g, "l");
  }

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

  // memo: folded word -> its token, or "" when the word is dropped (one letter, stop word)
  var MEMO = new Map();
  var WORDS = /[a-z0-9]+/g;

  function tokenOf(word) {
    var s = MEMO.get(word);
    if (s === undefined) {
      s = word.length < 2 || STOP_WORDS[word] ? "" : stem(word);
      if (MEMO.size < 200000) MEMO.set(word, s);
    }
    return s;
  }

  function tokens(text) {
    var out = [], list = fold(text).match(WORDS) || [];
    for (var i = 0; i < list.length; i++) {
      var s = tokenOf(list[i]);
      if (s) out.push(s);
    }
    return out;
  }

  // ---- The index --------------------------------------------------------------------------------
  /* BDP_SEARCH_DATA (generator/render/search/index.py `index_data`) holds, for each searchable field, the
   * postings made at build time from the same tokens; nothing is tokenized or indexed when it loads.
   * No lunr.js at run time: the same model as lunr.js (fields with boosts, each scored by BM25 with
   * k1 1.2 and b 0.75 and lunr's idf; exact terms and trailing-wildcard prefixes), computed directly
   * over the postings of the terms a query needs, decoded when first asked for. */
  var K1 = 1.2, B = 0.75;

  function digit(c) { return c <= 57 ? c - 48 : c - 87; }

  /* One field's postings (index.py `postings`): sorted terms, and per term its documents as base-36
   * differences from the previous number, each with ".occurrences" when more than 1, joined by ",". */
  function Postings(pair) {
    this.terms = pair && pair[0] ? pair[0].split(" ") : [];
    this.lists = pair && pair[0] ? pair[1].split(";") : [];
    this.decoded = [];
  }

  // The position of the first term not before `term` (binary search).
  Postings.prototype.lowerBound = function (term) {
    var terms = this.terms, lo = 0, hi = terms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (terms[mid] < term) lo = mid + 1; else hi = mid; }
    return lo;
  };

  Postings.prototype.position = function (term) {
    var at = this.lowerBound(term);
    return this.terms[at] === term ? at : -1;
  };

  // Terms that are `term` or, for a prefix, start with it.
  Postings.prototype.matching = function (term, prefix, out) {
    for (var at = this.lowerBound(term), terms = this.terms; at < terms.length; at++) {
      if (prefix ? terms[at].lastIndexOf(term, 0) !== 0 : terms[at] !== term) break;
      out.push(terms[at]);
    }
    return out;
  };

  // The documents of the term at a position and its occurrences in each: [document, count, ...].
  Postings.prototype.get = function (at) {
    var found = this.decoded[at];
    if (found) return found;
    var list = this.lists[at], len = list.length, items = 1, i;
    for (i = 0; i < len; i++) if (list.charCodeAt(i) === 44) items++;
    var out = this.decoded[at] = new Int32Array(2 * items), o = 0, d = 0, v = 0, tf = 0;
    for (i = 0; i <= len; i++) {
      var c = i < len ? list.charCodeAt(i) : 44;
      if (c === 44) { if (tf) { out[o++] = d; out[o++] = tf; } else { d += v; out[o++] = d; out[o++] = 1; } v = 0; tf = 0; }
      else if (c === 46) { d += v; v = 0; tf = -1; }
      else if (tf) tf = (tf < 0 ? 0 : tf * 36) + digit(c);
      else v = v * 36 + digit(c);
    }
    return out;
  };

  // Comma-separated base-36 numbers, one per document.
  function numbers(text, count) {
    var out = new Uint16Array(count), d = 0, v = 0;
    for (var i = 0, len = text.length; i <= len && d < count; i++) {
      var c = i < len ? text.charCodeAt(i) : 44;
      if (c === 44) { out[d++] = Math.min(v, 65535); v = 0; } else v = v * 36 + digit(c);
    }
    return out;
  }

  // One facet column ("1,3 2  0") as offsets and value numbers per document.
  function facetColumn(column, count) {
    var offsets = new Int32Array(count + 1), values = [], d = 0, v = -1;
    for (var i = 0, len = column.length; i <= len; i++) {
      var c = i < len ? column.charCodeAt(i) : 32;
      if (c === 32 || c === 44) {
        if (v >= 0) values.push(v);
        v = -1;
        if (c === 32) offsets[++d] = values.length;
      } else v = (v < 0 ? 0 : v * 10) + c - 48;
    }
    return { offsets: offsets, values: Int32Array.from(values) };
  }

  function lines(text, count) {
    return count ? text.split("\n") : [];
  }

  function SearchIndex(data) {
    setRules(data.rules);
    var n = this.count = data.count;
    this.dirs = data.dirs;
    this.ids = lines(data.id, n);
    this.titles = lines(data.title, n);
    this.snippets = lines(data.snippet, n);
    this.dates = lines(data.date, n);
    this.kind = new Uint8Array(n);
    for (var i = 0; i < n; i++) this.kind[i] = data.kind.charCodeAt(i) - 48;
    this.facets = data.facets;
    this.facetDocs = data.facet.map(function (column) { return facetColumn(column, n); });
    this.fields = data.fields.map(function (field, f) {
      var lengths = numbers(data.lengths[f], n), total = 0;
      for (var d = 0; d < n; d++) total += lengths[d];
      return { name: field[0], boost: field[1], postings: new Postings(data.index[f]), lengths: lengths,
               average: total / (n || 1) || 1 };
    });
    this.body = new Postings(null);
    // the tokens of each record type's name, by type rank ("edycja konkursu" -> edycj, konkurs)
    this.typeTerms = (data.types || []).map(function (label) { return tokens(label); });
    this.order = new Int8Array(8);  // the rank of each type in the results: its own, or below 0 when the query names it
    this.stamp = new Int32Array(n);
    this.mark = new Int32Array(n);
    this.score = new Float64Array(n);
    this.total = new Float64Array(n);
    this.generation = 0;
    this.cache = new Map();
    // forms of one word (index.py `word_groups`): token -> the tokens of its group
    var groups = this.groups = new Map();
    (data.groups ? data.groups.split("|") : []).forEach(function (line) {
      var members = line.split(" ");
      members.forEach(function (t) { groups.set(t, members); });
    });
  }

  // True when some document has the term, in any field or the body.
  SearchIndex.prototype.known = function (term) {
    for (var f = 0; f < this.fields.length; f++) if (this.fields[f].postings.position(term) >= 0) return true;
    return this.body.position(term) >= 0;
  };

  /* The tokens a query token stands for: its group of forms; for a token no document has, the group
   * of the corpus token it extends by one ending ("dzialan" -> "dzial", "dzialan", ...). */
  SearchIndex.prototype.forms = function (term) {
    var group = this.groups.get(term);
    if (group) return group;
    if (this.known(term)) return [term];
    for (var cut = 1; cut <= 5 && term.length - cut >= 3; cut++) {
      var base = term.slice(0, -cut);
      if (GROUP_ENDINGS[term.slice(-cut)] && this.known(base)) {
        return this.groups.get(base) || [base];
      }
    }
    return [term];
  };

  function bitCount(x) {
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }

  /* The documents of each facet value as bit sets (32 documents a number), made when first needed. */
  SearchIndex.prototype.valueBits = function () {
    if (this.bits) return this.bits;
    var words = (this.count + 31) >> 5;
    this.bits = this.facetDocs.map(function (column, f) {
      var sets = this.facets[f].values.map(function () { return new Int32Array(words); });
      for (var d = 0; d < this.count; d++) {
        for (var j = column.offsets[d], end = column.offsets[d + 1]; j < end; j++) sets[column.values[j]][d >> 5] |= 1 << (d & 31);
      }
      return sets;
    }, this);
    this.hitBits = new Int32Array(words);
    return this.bits;
  };

  /* How many of the documents (a list of numbers) have each value of each facet: the documents as a
   * bit set, ANDed with each value's set. At 10,000 practices, while typing, a search often matches
   * most documents; this costs the same for any number of them, a count per document per facet did not. */
  SearchIndex.prototype.facetCounts = function (docs) {
    var bits = this.valueBits(), hit = this.hitBits, words = hit.length, i, w;
    hit.fill(0);
    for (i = 0; i < docs.length; i++) hit[docs[i] >> 5] |= 1 << (docs[i] & 31);
    var used = [];  // the words that have a document
    for (w = 0; w < words; w++) if (hit[w]) used.push(w);
    return bits.map(function (sets) {
      var counts = new Int32Array(sets.length);
      for (var v = 0; v < sets.length; v++) {
        var set = sets[v], total = 0;
        for (var u = 0; u < used.length; u++) { var x = set[used[u]] & hit[used[u]]; if (x) total += bitCount(x); }
        counts[v] = total;
      }
      return counts;
    });
  };

  // Second stage: the body tokens (index.py `body_data`).
  SearchIndex.prototype.addBody = function (pair) {
    this.body = new Postings(pair);
    this.cache.clear();
  };

  // Documents that have a term (or, for a prefix, a term starting with it), with their scores.
  SearchIndex.prototype.match = function (term, prefix) {
    var key = (prefix ? "*" : "=") + term, cached = this.cache.get(key);
    if (cached) return cached;
    var generation = ++this.generation, stamp = this.stamp, score = this.score, docs = [], n = this.count;
    var fields = this.fields, names = [];
    fields.forEach(function (field) { field.postings.matching(term, prefix, names); });
    if (fields.length > 1) names = names.filter(function (t, i) { return names.indexOf(t) === i; });
    for (var t = 0; t < names.length; t++) {
      var lists = [], df = 0;
      for (var f = 0; f < fields.length; f++) {
        var at = fields[f].postings.position(names[t]), list = at < 0 ? null : fields[f].postings.get(at);
        lists.push(list);
        if (list) df += list.length / 2; // as lunr.idf: documents per field
      }
      var idf = Math.log(1 + Math.abs((n - df + 0.5) / (df + 0.5)));
      for (var g = 0; g < fields.length; g++) {
        var p = lists[g], field = fields[g];
        if (!p) continue;
        for (var j = 0; j < p.length; j += 2) {
          var d = p[j], tf = p[j + 1];
          var s = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (field.lengths[d] / field.average)) + tf) * field.boost;
          if (stamp[d] !== generation) { stamp[d] = generation; score[d] = 0; docs.push(d); }
          score[d] += s;
        }
      }
    }
    // the body: 0.5 for each document whose body has the term
    var body = this.body, mark = this.mark;
    for (var b = body.lowerBound(term); b < body.terms.length; b++) {
      if (prefix ? body.terms[b].lastIndexOf(term, 0) !== 0 : body.terms[b] !== term) break;
      var found = body.get(b);
      for (var k = 0; k < found.length; k += 2) {
        var e = found[k];
        if (stamp[e] !== generation) { stamp[e] = generation; score[e] = 0; docs.push(e); }
        if (mark[e] !== generation) { mark[e] = generation; score[e] += 0.5; }
      }
    }
    var out = { docs: Int32Array.from(docs), scores: new Float64Array(docs.length) };
    for (var i = 0; i < docs.length; i++) out.scores[i] = score[docs[i]];
    if (this.cache.size > 500) this.cache.clear();
    this.cache.set(key, out);
    return out;
  };

  // True when two terms differ by one edit: one letter changed, added, removed, or two neighbours swapped.
  function oneEdit(a, b) {
    var la = a.length, lb = b.length;
    if (a === b || Math.abs(la - lb) > 1) return false;
    if (la > lb) { var t = a; a = b; b = t; la = lb; lb = b.length; }
    var i = 0;
    while (i < la && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return a.slice(i) === b.slice(i + 1);
  }

  var LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

  // Every string one edit away from a word: a letter removed, two neighbours swapped, one changed or added.
  function edits(word, out) {
    var n = word.length, i, c;
    for (i = 0; i < n; i++) out.push(word.slice(0, i) + word.slice(i + 1));
    for (i = 0; i + 1 < n; i++) out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    for (i = 0; i <= n; i++) {
      for (c = 0; c < LETTERS.length; c++) {
        if (i < n && LETTERS[c] !== word[i]) out.push(word.slice(0, i) + LETTERS[c] + word.slice(i + 1));
        out.push(word.slice(0, i) + LETTERS[c] + word.slice(i));
      }
    }
    return out;
  }

  /* Terms of the index one edit away from a query word (its token or its folded form), for the
   * typo fallback: only asked for a word of five letters or more that matches nothing. The
   * candidates are generated (about 75 per letter) and looked up by binary search in each sorted
   * term list: at 10,000 practices scanning every term took tens of milliseconds per keystroke. */
  SearchIndex.prototype.similar = function (token, word) {
    var key = "~" + token + " " + word, cached = this.cache.get(key);
    if (cached) return cached;
    var candidates = edits(token, []);
    if (word !== token) edits(word, candidates);
    var lists = this.fields.map(function (f) { return f.postings; }).concat([this.body]);
    var found = Object.create(null), out = [];
    for (var i = 0; i < candidates.length; i++) {
      var t = candidates[i];
      if (found[t] || (t === token && !oneEdit(t, word)) || (t === word && !oneEdit(t, token))) continue;
      for (var l = 0; l < lists.length; l++) {
        if (lists[l].position(t) >= 0) { found[t] = true; out.push(t); break; }
      }
    }
    out.sort();
    this.cache.set(key, out);  // cleared with the match cache (the body index changes the terms)
    return out;
  };

  // Entity types whose pages come first when the query names them (index.py TYPES: jst, contest, project, organisation).
  var NAMED_KINDS = { 1: true, 2: true, 5: true, 6: true };

  /* Documents that match any of the query's words (the last one also as a prefix when `open`, from
   * 3 letters), as an array of document numbers. For each document: this.total holds the summed
   * score, this.cover the number of the query's words it matches, this.named 2 when it is the page
   * of a named thing (local government, contest edition, project, organisation) whose every title
   * word the query has, 1 when its title has every word the query found, making at least half of
   * the title (any share with a number). A word that matches nothing and has five letters or more is looked
   * for again with one edit (a typo); this.missing lists the words found nowhere, this.fixed those
   * found only with one edit. `words` are the folded query words of the terms (for the typo rule). */
  SearchIndex.prototype.search = function (terms, open, words) {
    var total = this.total, n = this.count, found = [], self = this;
    var cover = this.cover = this.cover || new Uint8Array(n);
    var inTitle = this.inTitle = this.inTitle || new Uint8Array(n);
    var seen = this.seen = this.seen || new Int32Array(n);
    var generation = ++this.generation, matched = 0;
    this.missing = [];
    this.fixed = [];
    this.used = [];  // every index term the query reached (forms, similar words), for the highlights
    var order = this.order, typeTerms = this.typeTerms, wanted = [], naming = 0;
    for (var k0 = 0; k0 < order.length; k0++) order[k0] = k0;
    for (var q = 0; q < terms.length; q++) {
      var prefix = open && q === terms.length - 1 && terms[q].length >= 3;
      var forms = this.forms(terms[q]), hits = [], titles = [], empty = true;
      // words naming record types ("konkursy", "samorządy") and nothing else put those types first
      // among equal matches; not beside other words ("organizacje pozarządowe" are no type)
      var names = false;
      for (var y = 0; y < typeTerms.length; y++) {
        if (typeTerms[y].some(function (t) { return forms.indexOf(t) >= 0; })) { wanted.push(y); names = true; }
      }
      if (names) naming++;
      for (var o = 0; o < forms.length; o++) {
        hits.push(this.match(forms[o], prefix && forms[o] === terms[q]));
        titles.push(this.titleDocs(forms[o], prefix && forms[o] === terms[q]));
        if (hits[o].docs.length) empty = false;
      }
      var word = words && words[q] || terms[q], exact = hits.length, near = null;
      if (empty && word.length >= 5) {
        near = [];  // the similar terms and the other forms of their words
        this.similar(terms[q], word).forEach(function (t) {
          self.forms(t).forEach(function (f) { if (near.indexOf(f) < 0) near.push(f); });
        });
        near.forEach(function (t) { hits.push(self.match(t, false)); titles.push(self.titleDocs(t, false)); });
        if (hits.length > exact) this.fixed.push(word);
      }
      var any = false, mark = ++this.generation;
      for (var h = 0; h < hits.length; h++) {
        var hit = hits[h];
        for (var i = 0; i < hit.docs.length; i++) {
          var d = hit.docs[i];
          any = true;
          if (seen[d] < generation) { seen[d] = generation; total[d] = 0; cover[d] = 0; inTitle[d] = 0; found.push(d); }
          total[d] += h >= exact ? hit.scores[i] / 2 : hit.scores[i];
          if (this.stamp[d] !== mark) { this.stamp[d] = mark; cover[d]++; }
        }
      }
      if (!any) { this.missing.push(word); continue; }
      forms.concat(near || []).forEach(function (t) { if (self.used.indexOf(t) < 0) self.used.push(t); });
      matched++;
      var titleMark = ++this.generation;
      for (var k = 0; k < titles.length; k++) {
        for (var m = 0; m < titles[k].length; m++) {
          var e = titles[k][m];
          if (this.stamp[e] !== titleMark) { this.stamp[e] = titleMark; inTitle[e]++; }
        }
      }
    }
    if (naming === terms.length) wanted.forEach(function (y) { order[y] = y - 8; });
    // named: 2 when the query names the whole title ("plock konsultacje": the page of Płock), 1 when the
    // title has every word found and they are at least half of it (or one is a number: a year)
    var named = this.named = this.named || new Uint8Array(n), kind = this.kind, lengths = this.fields[0].lengths;
    var number = terms.some(function (t) { return /^[0-9]+$/.test(t); });
    for (var f = 0; f < found.length; f++) {
      var doc = found[f];
      named[doc] = !NAMED_KINDS[kind[doc]] ? 0 : inTitle[doc] >= lengths[doc] ? 2
        : inTitle[doc] === matched && (number || 2 * matched >= lengths[doc]) ? 1 : 0;
    }
    return found;
  };

  // Documents whose title has a term (or a term starting with it).
  SearchIndex.prototype.titleDocs = function (term, prefix) {
    var key = (prefix ? "t*" : "t=") + term, cached = this.cache.get(key);
    if (cached) return cached;
    var postings = this.fields[0].postings, names = postings.matching(term, prefix, []), out = [];
    for (var t = 0; t < names.length; t++) {
      var list = postings.get(postings.position(names[t]));
      for (var j = 0; j < list.length; j += 2) out.push(list[j]);
    }
    this.cache.set(key, out);
    return out;
  };

  /* The query's words that count: folded, without stop words and one-letter words, with their tokens
   * (the same rule as `tokens`). */
  function queryWords(text) {
    var out = { words: [], terms: [] }, list = fold(text).match(WORDS) || [];
    for (var i = 0; i < list.length; i++) {
      var s = tokenOf(list[i]);
      if (s && out.terms.indexOf(s) < 0) { out.words.push(list[i]); out.terms.push(s); }
    }
    return out;
  }

  /* The order of results by relevance: pages of named things whose whole title the query names
   * first (a council's page for "plock konsultacje"), then documents matching more of the query's
   * words, then pages of named things the query names, then the types the query names ("konkursy":
   * contest editions), then practices before other types, then by score. */
  function byRelevance(index) {
    var kind = index.kind, score = index.total, cover = index.cover, named = index.named, order = index.order;
    return function (a, b) {
      return (named[b] >> 1) - (named[a] >> 1) || cover[b] - cover[a] || named[b] - named[a] ||
        order[kind[a]] - order[kind[b]] || score[b] - score[a] || a - b;
    };
  }

  SearchIndex.prototype.url = function (d) {
    return this.dirs[this.kind[d]] + "/" + this.ids[d] + ".html";
  };

  // Number agreement, the same rule as plural() in generator/polish.py (test_plural_parity.py):
  // 1 wynik, 2–4 wyniki (not 12–14), 5+ wyników.
  function plural(n, one, few, many) {
    if (n === 1) return n + " " + one;
    if ([2, 3, 4].indexOf(n % 10) >= 0 && [12, 13, 14].indexOf(n % 100) < 0) return n + " " + few;
    return n + " " + many;
  }

  var BDP = { setRules: setRules, fold: fold, stem: stem, words: words, tokens: tokens, plural: plural, SearchIndex: SearchIndex,
              queryWords: queryWords, byRelevance: byRelevance, oneEdit: oneEdit, edits: edits };
  root.BDP = BDP;
  if (typeof module !== "undefined" && module.exports) module.exports = BDP;
  if (typeof document === "undefined") return;

  // ---- The search page ---------------------------------------------------------------------------
  var PAGE_SIZE = 20;
  var URL_DELAY = 300;
  var SORTS = ["trafnosc", "tytul", "najnowsze"];

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
    this.rendered = "";
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
    // while typing, the address is written a moment after the last key (history.replaceState is slow
    // and Chromium throttles it), and at once when the visitor leaves the field or opens a result
    this.input.addEventListener("input", function () { self.shown = PAGE_SIZE; self.load(); self.update("later"); });
    this.input.addEventListener("blur", function () { self.flushUrl(); });
    this.list.addEventListener("click", function () { self.flushUrl(); });
    root.addEventListener("pagehide", function () { self.flushUrl(); });
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
    var self = this, script = el("script", { src: this.scriptBase() + "index.js" });
    script.onload = function () { self.ready(); };
    script.onerror = function () { self.status.textContent = "Nie udało się wczytać wyszukiwarki. Skorzystaj ze spisów poniżej."; };
    document.head.appendChild(script);
  };

  Search.prototype.ready = function () {
    var t0 = root.performance.now();
    root.BDP_TIMINGS = { scripts: t0 };
    this.data = root.BDP_SEARCH_DATA;
    this.index = new SearchIndex(this.data);
    root.BDP_TIMINGS.index = root.performance.now() - t0;
    this.buildFacets();
    this.update(false);
    root.BDP_TIMINGS.first = this.lastMs;
    this.root.setAttribute("data-state", "ready");
    root.BDP_READY_AT = root.performance.now();
    var self = this;
    root.setTimeout(function () { self.loadBody(); }, 0);
  };

  Search.prototype.loadBody = function () {
    var self = this, script = el("script", { src: this.scriptBase() + "index-tekst.js" });
    script.onload = function () {
      self.index.addBody(root.BDP_SEARCH_BODY);
      self.update(false);
      self.root.setAttribute("data-body", "ready");
      root.BDP_BODY_AT = root.performance.now();
    };
    document.head.appendChild(script);
  };

  Search.prototype.buildFacets = function () {
    var self = this;
    this.facetInputs = [];
    this.facetBox.textContent = "";
    this.index.facets.forEach(function (facet, f) {
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
        return { box: box, count: count, row: row, n: -1 };
      });
      self.facetInputs.push(inputs);
      self.facetBox.appendChild(fieldset);
    });
  };

  // Selected values per facet as flags by value number, or null for a facet that does not filter.
  Search.prototype.filters = function () {
    var self = this;
    return this.index.facets.map(function (facet) {
      var chosen = self.selected[facet.key] || {}, flags = new Uint8Array(facet.values.length), any = false;
      facet.values.forEach(function (v, i) { if (chosen[v]) { flags[i] = 1; any = true; } });
      return any ? flags : null;
    });
  };

  Search.prototype.update = function (writeUrl) {
    if (!this.index) return;
    var started = root.performance.now();
    var index = this.index, text = this.input.value, query = queryWords(text), terms = query.terms, n = index.count;
    var hits = terms.length ? index.search(terms, !/\s$/.test(text), query.words) : null;
    var columns = index.facetDocs, facetCount = columns.length, filters = this.filters(), active = [];
    var counts = index.facets.map(function (facet) { return new Int32Array(facet.values.length); });
    for (var f = 0; f < facetCount; f++) if (filters[f]) active.push(f);
    // counts: for each facet, over the matches that pass every other facet; the empty query without
    // filters (every document) is counted once and kept
    var everything = hits === null && !active.length, cached = everything && this.everything;
    var results = cached ? cached.results : [], total = cached ? 0 : hits === null ? n : hits.length;
    if (cached) counts = cached.counts;
    if (hits !== null && !active.length) {  // no filter: every match counts (bit sets, SearchIndex.facetCounts)
      results = hits;
      counts = index.facetCounts(hits);
      total = 0;
    }
    for (var i = 0; i < total; i++) {
      var d = hits === null ? i : hits[i], failed = -1, fails = 0;
      for (var a = 0; a < active.length && fails < 2; a++) {
        var g = active[a], column = columns[g], flags = filters[g], ok = false;
        for (var j = column.offsets[d], end = column.offsets[d + 1]; j < end; j++) if (flags[column.values[j]]) { ok = true; break; }
        if (!ok) { fails++; failed = g; }
      }
      if (fails === 0) {
        results.push(d);
        for (var h = 0; h < facetCount; h++) {
          var c = columns[h], count = counts[h];
          for (var k = c.offsets[d], stop = c.offsets[d + 1]; k < stop; k++) count[c.values[k]]++;
        }
      } else if (fails === 1) {
        var col = columns[failed], cnt = counts[failed];
        for (var m = col.offsets[d], last = col.offsets[d + 1]; m < last; m++) cnt[col.values[m]]++;
      }
    }
    if (everything && !cached) this.everything = { results: results, counts: counts };
    var first = this.first(results, hits === null ? null : index.total);
    this.renderFacets(counts);
    this.renderResults(first, results.length, hits === null ? [] : terms.concat(index.used), hits === null ? [] : index.missing,
                       hits === null ? [] : index.fixed);
    if (writeUrl === "later") this.writeUrlLater(); else if (writeUrl) this.writeUrl();
    this.lastMs = root.performance.now() - started;
  };

  /* The first this.shown results in the chosen order: relevance (practices first, then the other
   * types, each by score), title (the order of the documents) or newest; ties by title. Only
   * those are shown, so they are picked (one pass, a short sorted list) rather than all sorted. */
  Search.prototype.first = function (results, score) {
    var index = this.index, kind = index.kind, dates = index.dates, sort = this.sort.value, wanted = this.shown;
    var before = sort === "tytul" ? function (a, b) { return a - b; }
      : sort === "najnowsze" ? function (a, b) { return (dates[a] < dates[b] ? 1 : dates[a] > dates[b] ? -1 : 0) || a - b; }
      : score === null ? function (a, b) { return kind[a] - kind[b] || a - b; }
      : byRelevance(index);
    var best = [];
    for (var i = 0; i < results.length; i++) {
      var d = results[i];
      if (best.length === wanted && before(d, best[wanted - 1]) >= 0) continue;
      var lo = 0, hi = best.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (before(best[mid], d) < 0) lo = mid + 1; else hi = mid; }
      best.splice(lo, 0, d);
      if (best.length > wanted) best.pop();
    }
    return best;
  };

  Search.prototype.renderFacets = function (counts) {
    this.facetInputs.forEach(function (inputs, f) {
      inputs.forEach(function (input, v) {
        var n = counts[f][v];
        if (input.n !== n) { input.count.textContent = "(" + n + ")"; input.n = n; }
        var hidden = n === 0 && !input.box.checked;
        if (input.row.hidden !== hidden) input.row.hidden = hidden;
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

  function quoted(list) {
    var q = list.map(function (w) { return "„" + w + "”"; });
    return q.length > 1 ? q.slice(0, -1).join(", ") + " ani " + q[q.length - 1] : q[0];
  }

  /* What the status says about the query's words: those found nowhere, and those found only as
   * similar words (one letter different). */
  function wordNote(missing, fixed) {
    var text = "";
    if (missing.length === 1) text += " Słowo " + quoted(missing) + " nic nie znalazło — pokazano wyniki dla pozostałych.";
    else if (missing.length > 1) text += " Słowa " + quoted(missing) + " nic nie znalazły.";
    if (fixed.length === 1) text += " Słowa " + quoted(fixed) + " nie ma w bazie — pokazano wyniki dla podobnych słów.";
    else if (fixed.length > 1) text += " Słów " + quoted(fixed) + " nie ma w bazie — pokazano wyniki dla podobnych słów.";
    return text;
  }

  Search.prototype.renderResults = function (results, found, terms, missing, fixed) {
    var index = this.index, types = index.facets[0].values, base = this.base, shown = results.length;
    var key = terms.join(" ") + "|" + results.join(",");
    if (key !== this.rendered) { // the same results with the same words: nothing to redraw
      this.rendered = key;
      var fragment = document.createDocumentFragment();
      for (var r = 0; r < shown; r++) {
        var d = results[r];
        var item = el("li", { "class": "bdp-result" });
        item.appendChild(el("a", { href: base + index.url(d), "class": "bdp-result__title" }, index.titles[d]));
        item.appendChild(el("span", { "class": "bdp-result__type" }, " — " + types[index.facetDocs[0].values[index.facetDocs[0].offsets[d]]]));
        if (index.snippets[d]) {
          var p = el("p");
          p.appendChild(snippet(index.snippets[d], terms));
          item.appendChild(p);
        }
        fragment.appendChild(item);
      }
      this.list.textContent = "";
      this.list.appendChild(fragment);
    }
    this.more.hidden = found <= this.shown;
    var text = found ? "Znaleziono " + plural(found, "wynik", "wyniki", "wyników") + "."
                     : "Nic nie znaleziono. Spróbuj innego słowa albo usuń filtry.";
    if (found > this.shown) text += " Pokazano pierwsze " + this.shown + ".";
    if (found) text += wordNote(missing || [], fixed || []);
    if (this.status.textContent !== text) this.status.textContent = text;
    this.root.setAttribute("data-count", String(found));
  };

  Search.prototype.writeUrlLater = function () {
    var self = this;
    root.clearTimeout(this.urlTimer);
    this.urlTimer = root.setTimeout(function () { self.writeUrl(); }, URL_DELAY);
  };

  Search.prototype.flushUrl = function () {
    if (this.urlTimer) this.writeUrl();
  };

  Search.prototype.writeUrl = function () {
    root.clearTimeout(this.urlTimer);
    this.urlTimer = 0;
    if (!this.index) return;
    var params = new URLSearchParams(), self = this;
    if (this.input.value.trim()) params.set("q", this.input.value.trim());
    this.index.facets.forEach(function (facet) {
      var chosen = self.selected[facet.key] || {};
      facet.values.forEach(function (v) { if (chosen[v]) params.append(facet.key, v); });
    });
    if (this.sort.value !== "trafnosc") params.set("sortuj", this.sort.value);
    var query = params.toString();
    try {
      root.history.replaceState(null, "", query ? "?" + query : root.location.pathname);
    } catch (e) { /* some browsers refuse replaceState on file:// — the search still works */ }
  };

  // Starts as soon as the script runs (it follows the search form in the page), so a search in the
  // address loads the index without waiting for the rest of the page.
  function init() {
    var node = document.getElementById("bdp-search");
    if (node && !node.bdpSearch) {
      node.bdpSearch = new Search(node);
      node.bdpSearch.start();
      root.BDP_SEARCH = node.bdpSearch;
    }
  }

  init();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
})(typeof window !== "undefined" ? window : globalThis);
