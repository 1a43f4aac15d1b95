"""Polish order, slugs, anchors, dates, money and plurals."""
from __future__ import annotations

from generator.polish import format_date, format_money, format_period, heading_slug, plural, slugify, sort_key
from generator import teryt


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
