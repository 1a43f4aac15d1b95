"""Build time (Python) and query time (JavaScript, run with node) give the same search tokens."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import PROJECT

from generator.check.validate import validate_tree
from generator.derive.model import build_model
from generator.render.search.index import _strings, search_docs
from generator.render.search.text import tokens

SCRIPT = PROJECT / "generator" / "assets" / "search" / "bdp-search.js"
RUNNER = """
const BDP = require(process.argv[2]);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
BDP.setRules(input.rules);
process.stdout.write(JSON.stringify(input.texts.map(t => BDP.tokens(t))));
"""


def node() -> str:
    found = shutil.which("node") or ("/usr/bin/node" if Path("/usr/bin/node").exists() else None)
    if not found:
        pytest.fail("node is needed for the parity test (apt-get install nodejs)")
    return found


def index_rules() -> dict[str, object]:
    """The text rules as the built index ships them to the browser (index.js `rules`)."""
    from generator.render.search.index import index_data
    data = index_data(search_docs(build_model(validate_tree(PROJECT).records)))
    return dict(data["rules"])


def js_tokens(texts: list[str], tmp_path: Path, rules: dict[str, object] | None = None) -> list[list[str]]:
    runner = tmp_path / "runner.js"
    runner.write_text(RUNNER, encoding="utf-8")
    payload = json.dumps({"rules": index_rules() if rules is None else rules, "texts": texts})
    done = subprocess.run([node(), str(runner), str(SCRIPT)], input=payload, capture_output=True,
                          text=True, timeout=120, check=True)
    return json.loads(done.stdout)


def test_the_script_has_no_copy_of_the_text_rules(tmp_path: Path) -> None:
    """Stop words and endings reach the browser only through the index: changing them in text.py
    changes the browser's tokens, and the script holds no list of its own."""
    from generator.render.search.text import GROUP_ENDINGS, SUFFIXES
    script = SCRIPT.read_text(encoding="utf-8")
    for item in ("owaniami", "ajacych", "ktorych", "jesli", "owal"):
        assert item not in script, item
    assert {"owaniami", "ajacych", "owal"} <= set(SUFFIXES) | GROUP_ENDINGS
    rules = index_rules()
    assert "ktorych" in rules["stop_words"] and "owaniami" in rules["suffixes"]  # type: ignore[operator]
    assert js_tokens(["których konsultowania"], tmp_path) == [["konsult"]]
    # other rules, other tokens: the script follows what it is given
    changed = dict(rules, stop_words=[], suffixes=["ania"])
    assert js_tokens(["których konsultowania"], tmp_path, changed) == [["ktorych", "konsultow"]]


def bundled_texts() -> list[str]:
    """Every piece of searchable text in the bundled content: all record strings and bodies."""
    result = validate_tree(PROJECT)
    assert result.ok
    texts = [s for r in result.records for s in _strings(r.data)] + [r.body for r in result.records if r.body]
    model = build_model(result.records)
    texts += [t for d in search_docs(model) for t in (d.title, d.snippet)]
    return texts


def test_every_word_of_the_bundled_content_gets_the_same_tokens(tmp_path: Path) -> None:
    texts = bundled_texts()
    raw_words = sorted({w for t in texts for w in re.split(r"\s+", t) if w})
    assert len(raw_words) > 3000
    js = js_tokens(raw_words, tmp_path)
    differences = [(w, tokens(w), j) for w, j in zip(raw_words, js, strict=False) if tokens(w) != j]
    assert not differences, differences[:20]


def test_whole_texts_get_the_same_tokens(tmp_path: Path) -> None:
    texts = bundled_texts()
    assert js_tokens(texts, tmp_path) == [tokens(t) for t in texts]


def test_tricky_strings_get_the_same_tokens(tmp_path: Path) -> None:
    tricky = ["ĄĆĘŁŃÓŚŹŻ", "İstanbul straße", "ﬁnanse", "e\u0301tude", "covid19 2014–2015", "x-y_z", "Ⅻ ½ ²",
              "naïve café", "ǅ ǈ", "ΣΑΣ", "a\u200bb", "", "   ",
              # the fast path of fold (Polish letters, typographic punctuation) and what it leaves to NFD
              "„Łódź” — Żółć… «x» 10\u00a0°C § 5 € ‰ ‹y›", "\u212a\u212b \u2126", "Ząb\u0301 ĄĘ\u0328", "x\u2028y\u2029z"]
    assert js_tokens(tricky, tmp_path) == [tokens(t) for t in tricky]


def test_the_queries_of_the_issue_match_forms_in_the_text(tmp_path: Path) -> None:
    pairs = [("odpady", "odpadami"), ("plock", "Płock"), ("konsultacje", "konsultacji"), ("wspolpraca", "współpracy"),
             ("strategia", "strategii")]
    js = js_tokens([p for pair in pairs for p in pair], tmp_path)
    assert all(js[2 * n] == js[2 * n + 1] != [] for n in range(len(pairs)))



INDEX_RUNNER = """
const BDP = require(process.argv[2]);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const index = new BDP.SearchIndex(input.data);
index.addBody(input.body);
const fields = index.fields.map(field => {
  const terms = {};
  field.postings.terms.forEach((term, at) => {
    const list = field.postings.get(at), out = [];
    for (let j = 0; j < list.length; j += 2) out.push([list[j], list[j + 1]]);
    terms[term] = out;
  });
  return {terms: terms, lengths: Array.from(field.lengths)};
});
const queries = input.queries.map(q => {
  const w = BDP.queryWords(q), found = index.search(w.terms, !/\\s$/.test(q), w.words).sort((a, b) => a - b);
  return {found: found, cover: found.map(d => index.cover[d]), missing: index.missing};
});
process.stdout.write(JSON.stringify({fields: fields, queries: queries, urls: input.data.count ? [...Array(index.count).keys()].map(d => index.url(d)) : []}));
"""


def test_the_browser_index_holds_the_tokens_of_the_build_and_finds_the_same_documents(tmp_path: Path) -> None:
    from collections import Counter

    from generator.render.search.index import (
        FIELDS,
        body_data,
        body_terms,
        corpus_terms,
        index_data,
        stage_fields,
        word_groups,
    )

    docs = search_docs(build_model(validate_tree(PROJECT).records))
    queries = ["plock", "odpady", "konsultacji spolecznych", "organizacje pozarzadowe", "wspol", "strat", "2014",
               "mazowieckie", "pro", "pro ", "kwazar", "odpadami", "ngo", "konsultacji kwazar", "konsultacji",
               "konsultu", "dzialania dzialan", "2011 konkurs"]
    runner = tmp_path / "index.js"
    runner.write_text(INDEX_RUNNER, encoding="utf-8")
    payload = json.dumps({"data": index_data(docs), "body": body_data(docs), "queries": queries})
    done = subprocess.run([node(), str(runner), str(SCRIPT)], input=payload, capture_output=True, text=True,
                          timeout=120, check=True)
    js = json.loads(done.stdout)
    assert js["urls"] == [d.url for d in docs]
    searched = [stage_fields(d) for d in docs]
    for (name, _), field in zip(FIELDS, js["fields"], strict=False):
        expected: dict[str, list[list[int]]] = {}
        for n, fields in enumerate(searched):
            for term, count in Counter(fields[name]).items():
                expected.setdefault(term, []).append([n, count])
        assert field["terms"] == expected, name
        assert field["lengths"] == [len(fields[name]) for fields in searched], name
    # a document is found when it has any word of the query, in a first-stage field or the body, in any
    # form of the word's group (word_groups); the last word, from 3 letters, also as a prefix; the
    # documents' cover is the number of the query's words they have
    groups = {t: g for g in word_groups(corpus_terms(docs)) for t in g}
    everything = [set().union(*map(set, f.values())) | set(body_terms(d).split()) for f, d in zip(searched, docs, strict=False)]
    for query, result in zip(queries, js["queries"], strict=False):
        words = list(dict.fromkeys(tokens(query)))
        open_end = not query.endswith(" ")

        def has(n: int, i: int, word: str, open_end: bool = open_end, last: int = len(words) - 1) -> bool:
            if open_end and i == last and len(word) >= 3 and any(t.startswith(word) for t in everything[n]):
                return True
            return any(form in everything[n] for form in groups.get(word, [word]))

        cover = {n: c for n in range(len(docs)) if (c := sum(has(n, i, w) for i, w in enumerate(words)))}
        assert result["found"] == sorted(cover), query
        assert result["cover"] == [cover[n] for n in result["found"]], query
        assert [tokens(m)[0] for m in result["missing"]] == [w for i, w in enumerate(words) if not any(has(n, i, w) for n in range(len(docs)))]
    empty = {q for q, result in zip(queries, js["queries"], strict=False) if not result["found"]}
    assert empty == {"kwazar", "pro "}  # "pro" is no word of its own; typed on, it is a prefix
    # a query with one word the corpus lacks still finds the documents of the others, and names it
    mixed = js["queries"][queries.index("konsultacji kwazar")]
    alone = js["queries"][queries.index("konsultacji")]
    assert mixed["found"] == alone["found"] != [] and mixed["missing"] == ["kwazar"]


FORMS_RUNNER = """
const BDP = require(process.argv[2]);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const index = new BDP.SearchIndex(input.data);
index.addBody(input.body);
process.stdout.write(JSON.stringify(input.pairs.map(pair => {
  const [a, b] = pair.map(w => index.forms(BDP.queryWords(w).terms[0]));
  return a.some(t => b.indexOf(t) >= 0);
})));
"""


def test_every_form_of_a_word_in_the_content_reaches_its_group(tmp_path: Path) -> None:
    """Forms of one word (one base of 4+ letters and endings of the stemmer's list) in the indexed text
    lead the browser's query to the same tokens, whatever form is typed."""
    from generator.render.search.index import body_data, corpus_terms, index_data
    from generator.render.search.text import STOP_WORDS, SUFFIXES, stem, words

    docs = search_docs(build_model(validate_tree(PROJECT).records))
    indexed = corpus_terms(docs)
    texts = bundled_texts()
    found = sorted({w for t in texts for w in words(t) if w.isalpha() and w not in STOP_WORDS and stem(w) in indexed})
    present = set(found)
    endings = ("", *SUFFIXES)
    pairs = sorted({(w, base + other) for w in found for ending in endings if w.endswith(ending)
                    for base in [w[:len(w) - len(ending)]] if len(base) >= 4
                    for other in endings if other != ending and base + other in present and base + other > w})
    assert len(pairs) > 1000  # the content has many forms of its words
    runner = tmp_path / "forms.js"
    runner.write_text(FORMS_RUNNER, encoding="utf-8")
    payload = json.dumps({"data": index_data(docs), "body": body_data(docs), "pairs": pairs})
    done = subprocess.run([node(), str(runner), str(SCRIPT)], input=payload, capture_output=True, text=True,
                          timeout=120, check=True)
    apart = [pair for pair, same in zip(pairs, json.loads(done.stdout), strict=False) if not same]
    assert apart == [], apart
    # before the groups, the stemmer alone left some of these forms apart
    assert any(stem(a) != stem(b) for a, b in pairs)


SIMILAR_RUNNER = """
const BDP = require(process.argv[2]);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const index = new BDP.SearchIndex(input.data);
index.addBody(input.body);
const lists = index.fields.map(f => f.postings.terms).concat([index.body.terms]);
process.stdout.write(JSON.stringify(input.words.map(word => {
  const token = BDP.queryWords(word).terms[0], scanned = new Set();
  for (const terms of lists) for (const t of terms) if (BDP.oneEdit(t, token) || BDP.oneEdit(t, word)) scanned.add(t);
  return [index.similar(token, word), [...scanned].sort()];
})));
"""


def test_typo_candidates_are_every_index_term_one_edit_away(tmp_path: Path) -> None:
    """The typo fallback generates the one-edit variants of a word and looks them up; it finds exactly
    the terms a scan of every term of the index finds (letters changed, added, removed, swapped)."""
    import random

    from generator.render.search.index import body_data, corpus_terms, index_data

    docs = search_docs(build_model(validate_tree(PROJECT).records))
    rng = random.Random(14)
    terms = sorted(t for t in corpus_terms(docs) if t.isalpha() and len(t) >= 5)
    typed = ["konsutacje", "knosultacje", "konsultqcje", "strategai", "wspolpracz", "odpadyy", "plockk", "zarzadzanai"]
    for term in rng.sample(terms, 150):  # a letter of a corpus word changed, dropped, doubled or two swapped
        at = rng.randrange(len(term) - 1)
        typed.append(rng.choice([term[:at] + "q" + term[at + 1:], term[:at] + term[at + 1:], term[:at] + term[at] + term[at:],
                                 term[:at] + term[at + 1] + term[at] + term[at + 2:]]))
    runner = tmp_path / "similar.js"
    runner.write_text(SIMILAR_RUNNER, encoding="utf-8")
    payload = json.dumps({"data": index_data(docs), "body": body_data(docs), "words": typed})
    done = subprocess.run([node(), str(runner), str(SCRIPT)], input=payload, capture_output=True, text=True,
                          timeout=120, check=True)
    results = json.loads(done.stdout)
    assert all(generated == scanned for generated, scanned in results), [
        (w, g, s) for w, (g, s) in zip(typed, results, strict=True) if g != s][:5]
    assert sum(1 for generated, _ in results if generated) > 100  # most typos of corpus words find their word


FACETS_RUNNER = """
const BDP = require(process.argv[2]);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const index = new BDP.SearchIndex(input.data);
index.addBody(input.body);
process.stdout.write(JSON.stringify(input.queries.map(q => {
  const w = BDP.queryWords(q), found = index.search(w.terms, true, w.words);
  return index.facetCounts(found).map(c => Array.from(c));
})));
"""


def test_facet_counts_of_a_search_count_each_value_of_the_documents_found(tmp_path: Path) -> None:
    """The counts shown beside the filters (bit sets in the browser) are those of the documents found."""
    from generator.render.search.index import FACETS, _facet_values, body_data, index_data

    docs = search_docs(build_model(validate_tree(PROJECT).records))
    queries = ["plock", "konsultacji spolecznych", "2011", "kwazar", "o", "wspol", "organizacje pozarzadowe mazowieckie"]
    runner = tmp_path / "facets.js"
    runner.write_text(FACETS_RUNNER, encoding="utf-8")
    payload = json.dumps({"data": index_data(docs), "body": body_data(docs), "queries": queries})
    done = subprocess.run([node(), str(runner), str(SCRIPT)], input=payload, capture_output=True, text=True,
                          timeout=120, check=True)
    js = json.loads(done.stdout)
    values = _facet_values(docs)
    # the documents found are checked by the index test above; here they come from the script's search
    runner2 = tmp_path / "found.js"
    runner2.write_text(FACETS_RUNNER.replace("return index.facetCounts(found).map(c => Array.from(c));",
                                             "return Array.from(found);"), encoding="utf-8")
    done2 = subprocess.run([node(), str(runner2), str(SCRIPT)], input=payload, capture_output=True, text=True,
                           timeout=120, check=True)
    for query, counts, found in zip(queries, js, json.loads(done2.stdout), strict=True):
        expected = [[sum(1 for n in found if value in docs[n].facets[key]) for value in values[key]] for key, _ in FACETS]
        assert counts == expected, query
    assert any(sum(c[0]) > 0 for c in js)
