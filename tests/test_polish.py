"""Polish order, slugs, anchors, dates, money and plurals."""
from __future__ import annotations

import pytest

from generator.content import teryt
from generator.polish import (
    format_date,
    format_money,
    format_period,
    heading_slug,
    plural,
    plural_form,
    slugify,
    sort_key,
    there_are,
)


def test_polish_alphabetical_order() -> None:
    names = ["Żory", "Łódź", "Lublin", "Ełk", "Elbląg", "Zamość", "Śrem", "Sopot", "Opole", "Oświęcim", "ósemka"]
    assert sorted(names, key=sort_key) == ["Elbląg", "Ełk", "Lublin", "Łódź", "Opole", "Oświęcim", "ósemka",
                                           "Sopot", "Śrem", "Zamość", "Żory"]


def test_slugs_keep_polish_words_readable() -> None:
    assert slugify("Płocki Model Współpracy") == "plocki-model-wspolpracy"
    assert heading_slug("Łódź") == "lodz"
    assert heading_slug("Źródła i żółć") == "zrodla-i-zolc"


def test_dates_and_periods() -> None:
    assert format_date("2014") == "2014"
    assert format_date("2014-02") == "luty 2014"
    assert format_date("2012-06-15") == "15 czerwca 2012"
    assert format_period({"start": "2011-06", "end": "2013-06"}) == "czerwiec 2011 – czerwiec 2013"
    assert format_period({"start": "2011"}) == "od 2011"


def test_money_uses_polish_separators() -> None:
    assert format_money(3321498) == "3\u00a0321\u00a0498,00\u00a0zł"
    assert format_money(950.5) == "950,50\u00a0zł"


def test_plurals() -> None:
    assert [plural(n, "praktyka", "praktyki", "praktyk") for n in (1, 2, 5, 12, 22, 25)] == [
        "1 praktyka", "2 praktyki", "5 praktyk", "12 praktyk", "22 praktyki", "25 praktyk"]


def test_teryt_structure_and_type() -> None:
    assert teryt.structure_problem("1462011") is None
    assert "województwa" in (teryt.structure_problem("0115042") or "")
    assert "nie jest samorządem" in (teryt.structure_problem("3201034") or "")
    assert teryt.expected_type("1462011") == "miasto na prawach powiatu"
    assert teryt.expected_type("0415042") == "gmina wiejska"
    assert teryt.expected_type("3006023") == "gmina miejsko-wiejska"
    assert teryt.expected_type("3019") == "powiat"
    assert teryt.expected_type("14") == "województwo"
    assert teryt.type_problem("0415042", "gmina wiejska") is None
    assert teryt.type_problem("0415042", "gmina miejska") is not None
    assert teryt.type_problem("1462", "powiat") is not None


AGREEMENT = [  # count, noun form, "być" with it
    (0, "samorządów", "jest"), (1, "samorząd", "jest"), (2, "samorządy", "są"), (3, "samorządy", "są"), (4, "samorządy", "są"),
    (5, "samorządów", "jest"), (11, "samorządów", "jest"), (12, "samorządów", "jest"), (13, "samorządów", "jest"),
    (14, "samorządów", "jest"), (21, "samorządów", "jest"), (22, "samorządy", "są"), (24, "samorządy", "są"),
    (25, "samorządów", "jest"), (63, "samorządy", "są"), (101, "samorządów", "jest"), (102, "samorządy", "są"),
    (112, "samorządów", "jest"), (114, "samorządów", "jest"), (122, "samorządy", "są"), (1000, "samorządów", "jest"),
]


@pytest.mark.parametrize("count, noun, verb", AGREEMENT)
def test_number_agreement_table(count: int, noun: str, verb: str) -> None:
    assert plural_form(count, "samorząd", "samorządy", "samorządów") == noun
    assert plural(count, "samorząd", "samorządy", "samorządów") == f"{count} {noun}"
    assert there_are(count, "samorząd", "samorządy", "samorządów") == f"{verb} {count} {noun}"


def test_there_are_never_says_jest_with_the_few_form() -> None:
    assert there_are(63, "samorząd", "samorządy", "samorządów") == "są 63 samorządy"
    assert there_are(5, "praktyka", "praktyki", "praktyk") == "jest 5 praktyk"
    assert there_are(1, "praktyka", "praktyki", "praktyk") == "jest 1 praktyka"


def test_titles_with_and_without_quotation_marks_sort_together() -> None:
    titles = ["Warsztaty Zarządzania Strategicznego", "„Grupy Wymiany Doświadczeń” w zarządzaniu usługami",
              "Badania opinii mieszkańców", "Grupy robocze", "„Łódzkie forum”", "Lokalny indeks"]
    assert sorted(titles, key=sort_key) == ["Badania opinii mieszkańców", "Grupy robocze",
                                            "„Grupy Wymiany Doświadczeń” w zarządzaniu usługami", "Lokalny indeks", "„Łódzkie forum”",
                                            "Warsztaty Zarządzania Strategicznego"]
    assert sort_key("„Abc”") != sort_key("Abc")  # a total order: the exact text breaks the tie
    assert sorted(["„Abc”", "Abc"], key=sort_key) == sorted(["Abc", "„Abc”"], key=sort_key)


def test_lists_on_the_site_use_the_one_sort_key() -> None:
    from conftest import PROJECT

    from generator.check.validate import validate_tree
    from generator.derive.model import build_model, title_of

    model = build_model(validate_tree(PROJECT).records)
    titles = [str(title_of(p)) for p in model.all("practice")]
    assert any(t.startswith("„") for t in titles) and titles == sorted(titles, key=sort_key)
    initials = [sort_key(t.lstrip("„")[:1]) for t in titles]
    assert initials == sorted(initials)  # ordered by their first letter, quotation mark or not
    quoted = [i for i, t in enumerate(titles) if t.startswith("„")]
    assert quoted != list(range(len(quoted)))  # quoted titles are not all gathered before the others
