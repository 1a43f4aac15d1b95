"""Search that never answers nothing (issue 14): in headless Chromium, from disk, on the bundled content.

Any word of the query finds pages; pages with more of the words come first; the status names the
words that found nothing; forms of a word, a one-letter typo and years find pages; the pages of
named things (local governments, contest editions, organisations) come first for their names.
"""
from __future__ import annotations

import urllib.parse
from pathlib import Path
from typing import Any

from test_search_browser import http_site, listed, model, open_search, page, site  # noqa: F401 - shared fixtures


def search(page: Any, site: Path, query: str) -> list[str]:
    open_search(page, site.as_uri(), "?q=" + urllib.parse.quote(query))
    assert page.errors == []
    return listed(page)


def status(page: Any) -> str:
    return page.text_content("#bdp-status")


def test_one_unmatched_word_keeps_the_pages_of_the_others_and_is_named(page: Any, site: Path) -> None:
    alone = search(page, site, "konsultacje")
    assert alone and "kwazar" not in status(page)
    found = search(page, site, "konsultacje kwazar")
    assert found == alone
    assert "Słowo „kwazar” nic nie znalazło" in status(page)
    assert status(page).startswith("Znaleziono ")
    # two unmatched words are both named; a query of unmatched words alone finds nothing
    search(page, site, "kwazar odpady bzdurnik")
    assert "Słowa „kwazar” ani „bzdurnik” nic nie znalazły." in status(page)
    assert search(page, site, "kwazar bzdurnik") == [] and status(page).startswith("Nic nie znaleziono")


def everything(page: Any, query: str) -> set[str]:
    """Every page the loaded index finds for a query (the page lists only the first 20)."""
    return set(page.evaluate("""q => { const w = BDP.queryWords(q), index = BDP_SEARCH.index;
        return index.search(w.terms, false, w.words).map(d => index.url(d)); }""", query))


def test_pages_with_all_the_words_come_before_pages_with_some(page: Any, site: Path) -> None:
    found = search(page, site, "konsultacji spolecznych ")
    first, second = everything(page, "konsultacji"), everything(page, "spolecznych")
    assert everything(page, "konsultacji spolecznych") == first | second  # any word finds a page
    together = first & second
    assert together and len(together) < len(found) and len(first | second) == int(page.get_attribute("#bdp-search", "data-count"))
    assert set(found[:len(together)]) == together  # all-words pages first
    assert not set(found[len(together):]) & together


def test_plural_and_case_forms_find_the_same_pages(page: Any, site: Path) -> None:
    for forms in (("konkurs", "konkursy", "konkursu", "konkursów"), ("odpady", "odpadami", "odpadów"),
                  ("badania", "badań", "badaniami"), ("Płock", "Płocka", "Płocku", "plocku")):
        results = [sorted(search(page, site, f + " ")) for f in forms]
        assert results[0] and all(r == results[0] for r in results), forms
    # the contest words reach the contest editions, and a word naming a type puts that type first
    found = search(page, site, "konkursy")
    assert "konkursy/samorzadowy-lider-zarzadzania-2011.html" in found
    editions = [f for f in found if f.startswith("konkursy/")]
    assert len(editions) == 3 and found[:3] == editions, found
    assert search(page, site, "projekty")[0].startswith("projekty/")
    # a type's name beside other words is not a type: "organizacje pozarządowe" are a topic of practices
    assert all(f.startswith("praktyki/") for f in search(page, site, "organizacje pozarzadowe")[:3])
    assert "konkursy/samorzadowy-lider-zarzadzania-2011.html" in search(page, site, "edycje konkursu")


def test_a_one_letter_typo_finds_the_word_and_says_so(page: Any, site: Path) -> None:
    right = search(page, site, "konsultacje ")
    for typo in ("konsutacje ", "konsultqcje ", "knosultacje "):  # a letter missing, changed, two swapped
        found = search(page, site, typo)
        assert found and set(right) <= set(found), typo
        assert f"Słowa „{typo.strip()}” nie ma w bazie — pokazano wyniki dla podobnych słów." in status(page)
        marked = page.eval_on_selector_all("#search-results mark", "els => els.map(e => e.textContent.toLowerCase())")
        assert any(m.startswith("konsultac") for m in marked), marked  # the word found is highlighted
    # short words get no typo tolerance; a word that matches is not corrected
    assert search(page, site, "plck ") == []
    assert search(page, site, "plock ") and "podobnych" not in status(page)


def test_pages_of_named_things_come_first_for_their_names(page: Any, site: Path) -> None:
    assert search(page, site, "plock")[0] == "samorzady/plock.html"
    assert search(page, site, "Budzyń")[0] == "samorzady/budzyn.html"
    assert search(page, site, "zwiazek miast polskich")[0] == "organizacje/zmp.html"
    assert search(page, site, "lider zarzadzania 2012")[0] == "konkursy/samorzadowy-lider-zarzadzania-2012.html"
    # typed without Polish letters
    assert search(page, site, "elk")[0] == "samorzady/elk.html"
    assert search(page, site, "dabrowa gornicza")[0] == "samorzady/dabrowa-gornicza.html"
    # a word that is only part of a long title does not put that page first
    assert search(page, site, "zarzadzania")[0].startswith("praktyki/")


def test_a_named_place_comes_first_also_beside_other_words(page: Any, site: Path) -> None:
    """The whole name of a council among other words: its page first, then the pages with every word."""
    found = search(page, site, "plock konsultacje")
    assert found[0] == "samorzady/plock.html", found
    rest = (everything(page, "plock") & everything(page, "konsultacje")) - {"samorzady/plock.html"}
    assert 0 < len(rest) < 19 and set(found[1:1 + len(rest)]) == rest  # then the pages with both words
    assert "samorzady/powiat-plocki.html" not in found[:1 + len(rest)]  # "płocki" is half of "Powiat płocki"
    assert search(page, site, "budzet obywatelski plock")[0] == "samorzady/plock.html"
    # a council named only in part does not jump the pages with every word
    assert search(page, site, "powiat konsultacje")[0] != "samorzady/powiat-plocki.html"


def test_years_find_the_contest_edition_and_what_ran_then(page: Any, site: Path, model: Any) -> None:
    for year in ("2010", "2011", "2012"):
        found = search(page, site, year)
        assert found[0] == f"konkursy/samorzadowy-lider-zarzadzania-{year}.html", found
    search(page, site, "2014")
    found = everything(page, "2014")
    ran = {f"praktyki/{r.id}.html" for r in model.all("practice")
           if (p := r.get("period")) and int(str(p["start"])[:4]) <= 2014 <= int(str(p.get("end") or p["start"])[:4])}
    assert ran and ran <= found


def test_prefix_matches_while_typing(page: Any, site: Path) -> None:
    open_search(page, site.as_uri())
    page.fill("#bdp-q", "konsult")
    typing = listed(page)
    assert "praktyki/procedura-konsultacji-spolecznych-plock.html" in typing
    page.fill("#bdp-q", "konsult ")  # the word is finished: no prefix, and no typo fallback for it either
    assert len(listed(page)) <= len(typing)
