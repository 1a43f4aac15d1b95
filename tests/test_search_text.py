"""The build-time side of search: Polish folding and stemming, search documents, index scripts."""
from __future__ import annotations

import json

import pytest
from conftest import PROJECT

from generator.check.validate import validate_tree
from generator.derive.model import SiteModel, build_model
from generator.render.search.index import (
    FIELDS,
    base36,
    body_data,
    body_terms,
    index_data,
    index_script,
    postings,
    search_docs,
    shorten,
)
from generator.render.search.page import render_search_page, search_files
from generator.render.search.text import fold, stem, tokens


@pytest.fixture(scope="module")
def model() -> SiteModel:
    result = validate_tree(PROJECT)
    assert result.ok
    return build_model(result.records)


def test_fold_removes_case_and_every_polish_letter() -> None:
    assert fold("ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż") == "acelnoszz acelnoszz"
    assert fold("Płock") == "plock"


@pytest.mark.parametrize(("typed", "text"), [
    ("odpady", "odpadami"), ("odpadami", "odpadów"), ("plock", "Płock"), ("plock", "Płocka"), ("plock", "płockiego"),
    ("konsultacje", "konsultacji"), ("konsultacje", "konsultacjach"), ("wspolpraca", "współpracy"),
    ("wspolpraca", "współpracować"), ("organizacje pozarzadowe", "organizacji pozarządowych"),
    ("strategia", "strategii"), ("zarzadzanie", "zarządzania"), ("samorzad", "samorządów"),
])
def test_other_forms_and_missing_polish_letters_give_the_same_tokens(typed: str, text: str) -> None:
    assert tokens(typed) == tokens(text)


def test_different_words_stay_different() -> None:
    assert tokens("kultura") != tokens("kanalizacja")
    assert len(set(tokens("oświata pomoc zdrowie transport"))) == 4


def test_stems_keep_three_letters_and_numbers_stay() -> None:
    assert stem("rok") == "rok" and stem("roku") == "rok" and stem("ngo") == "ngo"
    assert tokens("w 2014 r. i 2015") == ["2014", "2015"]  # stop words and one-letter words go
    assert tokens("ex-post, „LIJW”") == ["ex", "post", "lijw"]


def test_shorten_cuts_at_a_word() -> None:
    assert shorten("ala ma kota", 100) == "ala ma kota"
    assert shorten("jeden dwa trzy cztery", 12) == "jeden dwa…"


def test_search_documents_cover_every_type_with_facets(model: SiteModel) -> None:
    docs = {d.url: d for d in search_docs(model)}
    kinds = {d.kind for d in docs.values()}
    assert kinds == {"practice", "jst", "contest", "procedure", "indicator", "project", "organisation"}
    plock = docs["praktyki/plocki-model-wspolpracy.html"]
    assert plock.facets["wojewodztwo"] == ("mazowieckie",)
    assert plock.facets["rodzaj"] == ("miasto na prawach powiatu",)
    assert plock.facets["rok"] == ("2014", "2015")
    assert "plock" in plock.text["places"].split()
    assert docs["konkursy/samorzadowy-lider-zarzadzania-2011.html"].facets["nagroda"] == ("laureat",)
    assert docs["samorzady/plock.html"].facets["typ"] == ("samorząd",)
    practices = [d for d in docs.values() if d.kind == "practice"]
    assert len(practices) == len(model.all("practice"))
    assert all(len(d.snippet) <= 141 for d in docs.values())


def test_body_terms_are_distinct_and_not_in_first_stage(model: SiteModel) -> None:
    doc = next(d for d in search_docs(model) if d.url == "praktyki/grupy-wymiany-doswiadczen.html")
    terms = body_terms(doc).split()
    assert len(terms) == len(set(terms))
    assert "odpad" not in terms  # the sector "odpady komunalne" has it already
    assert set(tokens(doc.title)).isdisjoint(terms)


def test_index_script_is_a_deterministic_script_with_a_global(model: SiteModel) -> None:
    data = index_data(search_docs(model))
    script = index_script(data)
    assert script.startswith("window.BDP_SEARCH_DATA={") and script == index_script(index_data(search_docs(model)))
    assert json.loads(script[len("window.BDP_SEARCH_DATA="):-2]) == data
    assert index_script({"t": "</script>"}) == 'window.BDP_SEARCH_DATA={"t":"<\\/script>"};\n'
    assert [f["key"] for f in data["facets"]] == ["typ", "sektor", "rodzaj", "wojewodztwo", "rok", "nagroda", "projekt", "przeniesienie"]
    assert data["facets"][0]["values"][0] == "praktyka"


def test_postings_are_sorted_terms_with_document_differences_and_counts() -> None:
    assert base36(0) == "0" and base36(35) == "z" and base36(36) == "10" and base36(1295) == "zz"
    terms, lists = postings([["odpad", "plock", "odpad"], [], ["plock"], ["konsultac"]] + [[]] * 40 + [["plock"]])
    assert terms == "konsultac odpad plock"
    assert lists.split(";") == ["3", "0.2", "0,2,16"]  # document 3 / 0 twice / 0, 2 and 44 (2 + 42, "16" in base 36)
    assert postings([]) == ["", ""]


def test_index_data_has_the_fields_as_postings_and_columns(model: SiteModel) -> None:
    docs = search_docs(model)
    data = index_data(docs)
    assert data["count"] == len(docs) and len(data["kind"]) == len(docs)
    for column in ("id", "title", "snippet", "date"):
        assert len(data[column].split("\n")) == len(docs)
    assert [f[0] for f in data["fields"]] == [name for name, _ in FIELDS]
    plock = next(n for n, d in enumerate(docs) if d.url == "praktyki/plocki-model-wspolpracy.html")
    assert data["dirs"][int(data["kind"][plock])] + "/" + data["id"].split("\n")[plock] + ".html" == docs[plock].url
    title = dict(zip(*(part.split(part_sep) for part, part_sep in zip(data["index"][0], (" ", ";"), strict=False)), strict=False))
    assert "plock" in title and "konsultac" in title
    lengths = data["lengths"][0].split(",")
    assert int(lengths[plock], 36) == len(tokens(docs[plock].title))
    body_terms_sorted = body_data(docs)[0].split(" ")
    assert body_terms_sorted == sorted(body_terms_sorted)


def test_no_lunr_is_shipped(model: SiteModel) -> None:
    files = search_files(model)
    assert not [p for p in files if "lunr" in p]
    assert not list((PROJECT / "generator").rglob("lunr*.js"))


def test_search_page_has_form_results_and_browse_links(model: SiteModel) -> None:
    page = render_search_page(model)
    assert page.startswith("---\nbdp_trusted: true\n---")
    assert '<label for="bdp-q"' in page and 'name="q"' in page and '<ol id="search-results"' in page
    assert 'aria-live="polite"' in page
    for target in ("praktyki/index.md", "samorzady/index.md", "sektory/index.md", "konkursy/index.md"):
        assert f"](../{target})" in page
    assert "http" not in page
