"""Findable and shareable (issue #14, items 3 and 4): sitemap, robots.txt, canonical links, per-page
descriptions, OpenGraph and Twitter tags, schema.org JSON-LD, the Atom feed, citation files that
parse back, and the "Zgłoś poprawkę" / "Zgłoś dobrą praktykę" links with prefilled fields."""
from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from conftest import FIXTURES, PROJECT, VALID, overlay

from generator.build import build
from generator.render.share import CORRECTION_TEMPLATE, ISSUE_TEMPLATE, with_meta

TEST_CONFIG = FIXTURES / "publisher"  # .test addresses: a real (non-placeholder) site_url
BASE = "https://bdp.test/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture tree with the test publisher, built as the publication build does."""
    root = overlay(VALID, TEST_CONFIG, tmp_path_factory.mktemp("share") / "tree")
    report = build(root, publish=True)
    assert report.ok, report.messages + [str(p) for p in report.problems]
    return root


@pytest.fixture(scope="module")
def placeholder_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture tree without publisher settings: every address is a placeholder (example.org)."""
    root = overlay(VALID, tmp_path_factory.mktemp("empty"), tmp_path_factory.mktemp("placeholder") / "tree")
    report = build(root)
    assert report.ok, report.messages + [str(p) for p in report.problems]
    return root / "site"


class Head(HTMLParser):
    """The parts of a page these tests read: meta tags, link tags, JSON-LD scripts and anchors."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.anchors: list[tuple[str, str]] = []
        self.jsonld: list[str] = []
        self._script = False
        self._anchor: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("name" in a or "property" in a):
            self.meta[a.get("name") or a["property"]] = a.get("content", "")
        elif tag == "link":
            self.links.append(a)
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._script = True
        elif tag == "a" and "href" in a:
            self._anchor, self._text = a["href"], []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = False
        elif tag == "a" and self._anchor is not None:
            self.anchors.append((self._anchor, "".join(self._text).strip()))
            self._anchor = None

    def handle_data(self, data: str) -> None:
        if self._script:
            self.jsonld.append(data)
        if self._anchor is not None:
            self._text.append(data)


def parse(page: Path) -> Head:
    head = Head()
    head.feed(page.read_text(encoding="utf-8"))
    return head


def pages(site: Path) -> list[Path]:
    """The pages a sitemap lists: not the error page, nor the page the service worker shows offline."""
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html" and p != site / "offline.html")


def record(root: Path, relative: str) -> dict:
    text = (root / relative).read_text(encoding="utf-8")
    if relative.endswith(".md"):
        text = text.split("---\n")[1]
    return yaml.safe_load(text)


def test_sitemap_lists_every_page_with_its_canonical_address_and_last_change(tree: Path) -> None:
    site = tree / "site"
    urls = ET.parse(site / "sitemap.xml").getroot().findall(f"{SITEMAP}url")
    listed = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in urls}
    expected = {BASE + p.relative_to(site).as_posix() for p in pages(site)}
    assert set(listed) == expected
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod or "") for lastmod in listed.values())
    practice = record(tree, "practices/praktyka-testowa.md")
    assert listed[BASE + "praktyki/praktyka-testowa.html"] == str(practice["last_verified"])
    for page in pages(site):
        canonical = [link["href"] for link in parse(page).links if link.get("rel") == "canonical"]
        assert canonical == [BASE + page.relative_to(site).as_posix()], page


def test_robots_txt_points_at_the_sitemap(tree: Path) -> None:
    lines = (tree / "site" / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {BASE}sitemap.xml" in lines


def test_every_page_has_its_own_description_and_sharing_tags(tree: Path) -> None:
    site = tree / "site"
    seen: dict[str, Path] = {}
    for page in pages(site):
        meta = parse(page).meta
        description = meta.get("description", "")
        assert description, f"{page}: brak opisu"
        assert description not in seen, f"{page} i {seen.get(description)} mają ten sam opis"
        seen[description] = page
        assert meta["og:description"] == description and meta["twitter:description"] == description
        assert meta["og:title"] and meta["twitter:card"] == "summary"
        assert meta["og:url"] == BASE + page.relative_to(site).as_posix()
    practice = record(tree, "practices/praktyka-testowa.md")
    meta = parse(site / "praktyki" / "praktyka-testowa.html").meta
    assert meta["description"] == practice["summary"] and meta["og:type"] == "article"


REQUIRED = {
    "Article": ("headline", "url", "author", "publisher", "dateModified", "description", "spatialCoverage"),
    "GovernmentOrganization": ("name", "url", "identifier", "areaServed"),
    "Event": ("name", "url", "startDate", "location", "organizer"),
    "Organization": ("name", "url"),
}
EXPECTED_TYPE = {"praktyki": "Article", "samorzady": "GovernmentOrganization", "konkursy": "Event",
                 "organizacje": "Organization"}


def test_json_ld_of_every_page_parses_and_fits_the_record_type(tree: Path) -> None:
    site = tree / "site"
    typed: dict[str, set[str]] = {}
    record_pages = {f"praktyki/{p.stem}.html" for p in (tree / "practices").iterdir()}
    for folder, source in (("samorzady", "registry/jst"), ("konkursy", "contests"), ("organizacje", "registry/organisations")):
        record_pages |= {f"{folder}/{p.stem}.html" for p in (tree / source).glob("*.yaml")}
    for page in pages(site):
        blocks = parse(page).jsonld
        folder = page.relative_to(site).parts[0]
        if page.relative_to(site).as_posix() in record_pages:
            assert len(blocks) == 1, f"{page}: brak danych JSON-LD"
        for block in blocks:
            data = json.loads(block)
            assert data["@context"] == "https://schema.org"
            missing = [key for key in REQUIRED[data["@type"]] if not data.get(key)]
            assert not missing, f"{page}: {data['@type']} bez {missing}"
            assert data["url"] == BASE + page.relative_to(site).as_posix()
            typed.setdefault(folder, set()).add(data["@type"])
    assert dict(typed.items()) == {k: {v} for k, v in EXPECTED_TYPE.items()}
    jst = json.loads(parse(site / "samorzady" / "lodz.html").jsonld[0])
    assert jst["identifier"] == {"@type": "PropertyValue", "propertyID": "TERYT", "value": "1061011"}
    practice = json.loads(parse(site / "praktyki" / "praktyka-testowa.html").jsonld[0])
    assert {"@type": "PropertyValue", "propertyID": "TERYT", "value": "1061011"} in [p["identifier"] for p in practice["spatialCoverage"]]
    assert [a["name"] for a in practice["about"]] == record(tree, "practices/praktyka-testowa.md")["sectors"]


def test_atom_feed_validates_and_is_linked_from_head_and_footer(tree: Path) -> None:
    site = tree / "site"
    feed = ET.parse(site / "praktyki.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{name}") or "").strip(), name
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    entries = feed.findall(f"{ATOM}entry")
    practices = {p.stem for p in (tree / "practices").iterdir()}
    assert {e.findtext(f"{ATOM}id") for e in entries} == {f"{BASE}praktyki/{p}.html" for p in practices}
    stamps = [e.findtext(f"{ATOM}updated") for e in entries]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00Z", s or "") for s in stamps)
    assert stamps == sorted(stamps, reverse=True) and feed.findtext(f"{ATOM}updated") == stamps[0]
    for entry in entries:
        assert entry.findtext(f"{ATOM}title") and entry.find(f"{ATOM}link").get("href") == entry.findtext(f"{ATOM}id")
    head = parse(site / "index.html")
    assert {"rel": "alternate", "type": "application/atom+xml", "title": "Nowe i zaktualizowane praktyki (Atom)",
            "href": "praktyki.xml"} in head.links
    assert any(href == "praktyki.xml" and "Atom" in text for href, text in head.anchors)
    assert "../praktyki.xml" in {href for href, _ in parse(site / "praktyki" / "praktyka-testowa.html").anchors}


def read_bibtex(text: str) -> tuple[str, str, dict[str, str]]:
    """A tiny BibTeX reader for one entry: @type{key, field = {value} or {{value}}, …}."""
    found = re.fullmatch(r"\s*@(\w+)\{([^,\s]+),\s*(.*)\}\s*", text, re.DOTALL)
    assert found, text
    fields, body = {}, found.group(3)
    position = 0
    while True:
        name = re.compile(r"\s*(\w+)\s*=\s*\{").match(body, position)
        if not name:
            break
        depth, i = 1, name.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(body[i], 0) if body[i - 1] != "\\" else 0
            i += 1
        value = body[name.end():i - 1]
        fields[name.group(1).lower()] = value[1:-1] if value.startswith("{") and value.endswith("}") else value
        position = i + (1 if body[i:i + 1] == "," else 0)
    assert not body[position:].strip(), body[position:]
    return found.group(1), found.group(2), fields


def read_ris(text: str) -> list[tuple[str, str]]:
    lines = text.split("\n")
    assert lines[-1] == "" and lines[-2] == "ER  - "
    tags = []
    for line in lines[:-2]:
        found = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert found, line
        tags.append((found.group(1), found.group(2)))
    assert tags[0] == ("TY", "ELEC")
    return tags


def test_citation_files_parse_back_and_are_offered_on_the_page(tree: Path) -> None:
    site = tree / "site"
    practice = record(tree, "practices/praktyka-testowa.md")
    url = f"{BASE}praktyki/praktyka-testowa.html"
    kind, key, fields = read_bibtex((site / "praktyki" / "praktyka-testowa.bib").read_text(encoding="utf-8"))
    assert (kind, key) == ("misc", "bdp-praktyka-testowa")
    assert fields["title"] == practice["title"] and fields["url"] == url
    assert fields["author"] == "Wydawca testowy (konfiguracja testów)"
    assert fields["year"] == str(practice["last_verified"])[:4]
    ris = read_ris((site / "praktyki" / "praktyka-testowa.ris").read_text(encoding="utf-8"))
    assert dict(ris)["TI"] == practice["title"] and dict(ris)["UR"] == url and dict(ris)["AB"] == practice["summary"]
    assert [v for t, v in ris if t == "KW"] == practice["keywords"]
    [csl] = json.loads((site / "praktyki" / "praktyka-testowa.csl.json").read_text(encoding="utf-8"))
    assert csl["type"] == "webpage" and csl["title"] == practice["title"] and csl["URL"] == url
    assert "-".join(f"{n:02d}" for n in csl["issued"]["date-parts"][0]) == str(practice["last_verified"])
    page = (site / "praktyki" / "praktyka-testowa.html").read_text(encoding="utf-8")
    assert 'id="jak-cytowac"' in page
    for name in ("praktyka-testowa.bib", "praktyka-testowa.ris", "praktyka-testowa.csl.json"):
        assert f'href="{name}" download' in page
    assert html.escape(f"W: Baza Dobrych Praktyk samorządu terytorialnego, ostatnio sprawdzono {practice['last_verified']}. {url}", quote=False) in page


def test_bibtex_escapes_special_characters() -> None:
    from generator.content.records import Record
    from generator.content.recordtypes import BY_NAME
    from generator.content.settings import Publisher
    from generator.render.share import citation_files

    data = {"id": "x", "title": "Koszty 50% & {nawiasy} #1_a", "summary": "s", "last_verified": "2020-01-02"}
    practice = Record(BY_NAME["practice"], "x", "practices/x.md", data)
    _, _, fields = read_bibtex(citation_files(Publisher(), practice, "praktyki/x.md")["praktyki/x.bib"])
    assert fields["title"] == r"Koszty 50\% \& \{nawiasy\} \#1\_a"


def issue_fields(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def form_field_ids(template: str = ISSUE_TEMPLATE) -> set[str]:
    form = yaml.safe_load((PROJECT / ".github" / "ISSUE_TEMPLATE" / template).read_text(encoding="utf-8"))
    return {item["id"] for item in form["body"] if "id" in item}


def test_correction_form_has_the_fields_the_pages_fill() -> None:
    form = yaml.safe_load((PROJECT / ".github" / "ISSUE_TEMPLATE" / CORRECTION_TEMPLATE).read_text(encoding="utf-8"))
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert set(fields) == {"file", "page", "problem", "source"}
    assert all(item["validations"]["required"] for name, item in fields.items() if name != "page")
    assert form["title"].startswith("Poprawka")


def test_practice_and_local_government_pages_offer_a_correction(tree: Path) -> None:
    site = tree / "site"
    ids = form_field_ids(CORRECTION_TEMPLATE)
    for page, name, path in ((site / "praktyki" / "praktyka-testowa.html", "„Praktyka testowa” w Łodzi", "practices/praktyka-testowa.md"),
                             (site / "samorzady" / "lodz.html", "Łódź", "registry/jst/lodz.yaml")):
        anchors = parse(page).anchors
        [issue] = [href for href, text in anchors if text == "Zgłoś poprawkę w formularzu"]
        assert issue.startswith("https://repozytorium.bdp.test/baza/issues/new?")
        fields = issue_fields(issue)
        assert fields.pop("template") == CORRECTION_TEMPLATE
        assert fields.pop("title") == f"Poprawka: {name} ({path})"
        assert fields == {"file": path, "page": BASE + page.relative_to(site).as_posix()}
        assert set(fields) <= ids
        [mail] = [href for href, text in anchors if text == "napisz do redakcji"]
        assert mail.startswith("mailto:redakcja@bdp.test?")
        assert issue_fields(mail)["subject"] == f"Poprawka: {name} ({path})"
        assert BASE + page.relative_to(site).as_posix() in issue_fields(mail)["body"]
        assert "(adres przykładowy)" not in page.read_text(encoding="utf-8")
        # the edit link is for editors, not the way to report
        [edit] = [href for href, text in anchors if text == "edytuj plik w repozytorium (dla redaktorów)"]
        assert edit == f"https://repozytorium.bdp.test/baza/edit/main/{path}"
        assert "zaproponuj poprawkę" not in page.read_text(encoding="utf-8")


def test_home_and_list_pages_offer_a_new_practice_with_prefilled_fields(tree: Path) -> None:
    site = tree / "site"
    ids = form_field_ids()
    for page in ("index.html", "praktyki/index.html", "samorzady/index.html", "sektory/index.html",
                 "konkursy/index.html", "sektory/partycypacja-i-konsultacje-spoleczne.html", "samorzady/lodz.html"):
        anchors = parse(site / page).anchors
        [issue] = [href for href, text in anchors if text == "Zgłoś dobrą praktykę w formularzu"]
        fields = issue_fields(issue)
        assert fields.pop("template") == ISSUE_TEMPLATE
        assert set(fields) <= ids, f"{page}: pola spoza formularza: {set(fields) - ids}"
        [mail] = [href for href, text in anchors if text == "wyślij ją e-mailem"]
        assert issue_fields(mail)["subject"].startswith("Zgłoszenie dobrej praktyki")
    sector = issue_fields(next(h for h, t in parse(site / "sektory" / "partycypacja-i-konsultacje-spoleczne.html").anchors
                           if t == "Zgłoś dobrą praktykę w formularzu"))
    assert sector["sectors"] == "partycypacja i konsultacje społeczne"
    jst = issue_fields(next(h for h, t in parse(site / "samorzady" / "lodz.html").anchors if t == "Zgłoś dobrą praktykę w formularzu"))
    assert jst["jst"] == "Łódź"


def test_placeholder_settings_are_marked_and_give_no_canonical_links(placeholder_site: Path) -> None:
    page = (placeholder_site / "praktyki" / "praktyka-testowa.html").read_text(encoding="utf-8")
    assert "Zgłoś poprawkę w formularzu</a> (adres przykładowy)" in page
    assert "napisz do redakcji</a> (adres przykładowy)" in page
    head = parse(placeholder_site / "praktyki" / "praktyka-testowa.html")
    assert not [link for link in head.links if link.get("rel") == "canonical"] and "og:url" not in head.meta
    locs = [u.findtext(f"{SITEMAP}loc") for u in ET.parse(placeholder_site / "sitemap.xml").getroot()]
    assert len(locs) == len(pages(placeholder_site)) and all(loc.startswith("https://bdp.example.org/") for loc in locs)


def test_feed_and_citations_do_not_depend_on_the_build(tree: Path, tmp_path: Path) -> None:
    again = overlay(tree, tmp_path / "none", tmp_path / "again")
    report = build(again, publish=True)
    assert report.ok
    for name in ("praktyki.xml", "sitemap.xml", "robots.txt", "praktyki/praktyka-testowa.bib", "praktyki/praktyka-testowa.ris"):
        assert (again / "site" / name).read_bytes() == (tree / "site" / name).read_bytes(), name


def test_front_matter_keeps_existing_keys() -> None:
    page = with_meta("---\ntemplate: deklaracja.html\ndescription: \"own\"\n---\n\n# T\n", {"description": "new", "bdp_og_type": "website"})
    head, body = page[4:].split("\n---\n", 1)
    assert yaml.safe_load(head) == {"template": "deklaracja.html", "description": "own", "bdp_og_type": "website"}
    assert body == "\n# T\n"
    assert yaml.safe_load(with_meta("# T\n", {"description": "a \"b\" <c>"})[4:].split("\n---\n")[0]) == {"description": "a \"b\" <c>"}


def test_json_ld_in_front_matter_survives_any_text() -> None:
    from generator.render.share import _script_json

    data = {"name": "Łódź </script><!-- \x85 \x90 \u2028 \ufeff & \"q\""}
    page = with_meta("# T\n", {"bdp_jsonld": _script_json(data)})
    value = yaml.safe_load(page[4:].split("\n---\n")[0])["bdp_jsonld"]
    assert "<" not in value and ">" not in value and "&" not in value and "Łódź" in value
    assert json.loads(value) == data


def test_records_with_the_same_description_get_different_meta_descriptions() -> None:
    from generator.content.records import Record
    from generator.content.recordtypes import BY_NAME
    from generator.derive.model import build_model
    from generator.render.share import description

    text = "Partner w projekcie testowym."
    a, b = (Record(BY_NAME["organisation"], rid, f"registry/organisations/{rid}.yaml", {"id": rid, "name": name, "description": text})
            for rid, name in (("a", "Związek A"), ("b", "Związek B")))
    model = build_model([a, b])
    assert description(model, "organizacje/a.md", "", a) == "Związek A: Partner w projekcie testowym."
    assert description(model, "organizacje/a.md", "", a) != description(model, "organizacje/b.md", "", b)
