"""Findable and shareable: what each page tells search engines and other sites, and how a reader
cites a practice or reports a correction. Pure functions of the model and the publisher settings.

- `page_meta`: the front matter every generated page gets: its own meta description (a record's
  summary, a list page's own sentence), the OpenGraph type, the date of its last change (the
  sitemap's lastmod) and its schema.org JSON-LD (site_overrides/main.html writes them into <head>).
- `atom_feed`: the Atom feed of practices, newest `last_verified` first (no wall clock).
- `citation_files`, `citation_section`: "Jak cytować" with BibTeX, RIS and CSL-JSON files.
- `correction_block`, `propose_block`: "Zgłoś poprawkę" and "Zgłoś dobrą praktykę" links to the
  publisher's issue form (fields prefilled) and an e-mail to the publisher's contact.
"""
from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit
from xml.sax.saxutils import escape as xml_escape

from generator.content.records import Record
from generator.content.settings import Publisher, is_placeholder
from generator.derive.model import SiteModel, title_of

SITE_NAME = "Baza Dobrych Praktyk samorządu terytorialnego"
FEED_PAGE = "praktyki.xml"
ROBOTS_PAGE = "robots.txt"
FEED_SIZE = 50  # entries in the feed
ISSUE_TEMPLATE = "zglos-dobra-praktyke.yml"  # .github/ISSUE_TEMPLATE/; its field ids are prefilled
CORRECTION_TEMPLATE = "poprawka.yml"  # .github/ISSUE_TEMPLATE/poprawka.yml: "Zgłoś poprawkę"
DESCRIPTION_LIMIT = 300  # characters of a meta description
PLACEHOLDER_MARK = " (adres przykładowy)"

# The list pages' own sentences (the page of one record has its summary).
LIST_DESCRIPTIONS = {
    "index.md": "Otwarta baza dobrych praktyk gmin, powiatów i ich partnerów: praktyki, samorządy, "
                "projekty, konkursy, procedury i wskaźniki, każde ze źródłem.",
    "praktyki/index.md": "Alfabetyczny spis dobrych praktyk samorządów w bazie, z sektorami, okresem realizacji i samorządami.",
    "samorzady/index.md": "Samorządy wymienione w dokumentach źródłowych bazy, według województw, z kodami TERYT i liczbą praktyk.",
    "sektory/index.md": "Sektory usług publicznych i zarządzania, w których samorządy wdrożyły praktyki z bazy.",
    "projekty/index.md": "Projekty i programy, w których powstały dobre praktyki z bazy.",
    "organizacje/index.md": "Zrzeszenia samorządów, instytucje i partnerzy wymienieni w dokumentach źródłowych bazy.",
    "konkursy/index.md": "Edycje konkursu „Samorządowy Lider Zarządzania”: tematy, kryteria, laureaci i nagrodzone praktyki.",
    "procedury/index.md": "Procedury zapisane jako dane: zadania, kroki, terminy, odpowiedzialni i spotkania.",
    "wskazniki/index.md": "Wskaźniki samorządów w bazie: definicje, wartości i porównania w grupach.",
    "slowniczek/index.md": "Słowniczek pojęć zarządzania w samorządzie używanych w bazie dobrych praktyk.",
    "zrodla/index.md": "Dokumenty źródłowe, na których opiera się treść bazy dobrych praktyk.",
    "szukaj/index.md": "Wyszukiwarka praktyk, samorządów, konkursów i innych stron bazy dobrych praktyk.",
}

# Pages that offer "Zgłoś dobrą praktykę" (the home page and the lists).
PROPOSE_PAGES = ("index.md", "praktyki/index.md", "samorzady/index.md", "sektory/index.md", "projekty/index.md",
                 "organizacje/index.md", "konkursy/index.md")


# --- addresses -------------------------------------------------------------------------------

def base_url(publisher: Publisher) -> str:
    return publisher.site_url.rstrip("/") + "/"


def page_url(publisher: Publisher, path: str) -> str:
    """The absolute address of a generated page (use_directory_urls is off: x.md → x.html)."""
    return base_url(publisher) + (path[:-3] + ".html" if path.endswith(".md") else path)


def _with_query(url: str, params: list[tuple[str, str]]) -> str:
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    names = {name for name, _ in params}
    merged = [(n, v) for n, v in query if n not in names] + params
    return urlunsplit(parts._replace(query=urlencode(merged, quote_via=quote)))


def issue_url(publisher: Publisher, fields: dict[str, str], template: str = ISSUE_TEMPLATE) -> str:
    """The issue form of `template` with fields prefilled (GitHub: ?template=…&title=…&<field id>=…)."""
    return _with_query(publisher.issue_form, [("template", template), *fields.items()])


def mail_url(publisher: Publisher, subject: str, body: str) -> str:
    return f"mailto:{publisher.contact_email}?" + urlencode([("subject", subject), ("body", body)], quote_via=quote)


def _mark(url: str) -> str:
    return PLACEHOLDER_MARK if is_placeholder(url) else ""


def _a(url: str, text: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(text)}</a>'


# --- contributing ----------------------------------------------------------------------------

def _contribute(markdown: str) -> str:
    """A contribution block in its own box: a printout leaves it out (its addresses are long form links)."""
    return f'<div class="bdp-contribute">\n\n{markdown}</div>\n\n'


def correction_fields(publisher: Publisher, record: Record, path: str) -> dict[str, str]:
    """The prefilled fields of poprawka.yml for the page of a record (title, file, page)."""
    return {"title": f"Poprawka: {title_of(record)} ({record.path})", "file": record.path, "page": page_url(publisher, path)}


def correction_block(publisher: Publisher, record: Record, path: str) -> str:
    """"Zgłoś poprawkę" for the page of a record: the correction form naming the record, or an e-mail."""
    fields = correction_fields(publisher, record, path)
    body = (f"Strona: {fields['page']}\nPlik rekordu: {record.path}\n\nCo jest nie tak:\n\n"
            "Źródło poprawki (dokument, uchwała, strona):\n")
    issue = issue_url(publisher, fields, CORRECTION_TEMPLATE)
    mail = mail_url(publisher, fields["title"], body)
    return _contribute('## Zgłoś poprawkę\n\n'
            f"<p>Widzisz błąd albo nieaktualną informację? {_a(issue, 'Zgłoś poprawkę w formularzu')}{_mark(issue)} "
            f"albo, bez konta w serwisie z repozytorium, {_a(mail, 'napisz do redakcji')}{_mark(publisher.contact_email)}; "
            "temat wiadomości jest już wpisany.</p>\n\n")


def propose_block(publisher: Publisher, prefill: dict[str, str] | None = None, what: str = "") -> str:
    """"Zgłoś dobrą praktykę": the issue form (fields prefilled from the page) or an e-mail."""
    fields = dict(prefill or {})
    issue = issue_url(publisher, fields)
    subject = "Zgłoszenie dobrej praktyki" + (f" — {what}" if what else "")
    mail = mail_url(publisher, subject, "Tytuł praktyki:\nSamorządy:\nStreszczenie:\nŹródło informacji:\n")
    return _contribute('## Zgłoś dobrą praktykę\n\n'
            f"<p>Znasz praktykę, której tu brakuje? {_a(issue, 'Zgłoś dobrą praktykę w formularzu')}{_mark(issue)} "
            f"albo, bez konta w serwisie z repozytorium, {_a(mail, 'wyślij ją e-mailem')}{_mark(publisher.contact_email)}.</p>\n\n")


# --- citation --------------------------------------------------------------------------------

def _date(value: object) -> str:
    return str(value or "")[:10]


def citation_text(publisher: Publisher, record: Record, path: str) -> str:
    verified = _date(record.get("last_verified"))
    title = _one_line(title_of(record)).rstrip(".")
    return (f"{publisher.name}. {title}. W: {SITE_NAME}"
            + (f", ostatnio sprawdzono {verified}" if verified else "") + f". {page_url(publisher, path)}")


_BIBTEX_SPECIAL = str.maketrans({"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&",
                                 "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"})


def _bib(text: str) -> str:
    return " ".join(str(text).split()).translate(_BIBTEX_SPECIAL)


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def citation_files(publisher: Publisher, record: Record, path: str) -> dict[str, str]:
    """The BibTeX, RIS and CSL-JSON files of a practice, beside its page (praktyki/<id>.bib, …)."""
    stem = path[:-3]
    url = page_url(publisher, path)
    verified = _date(record.get("last_verified"))
    year = verified[:4]
    bibtex = "\n".join([
        f"@misc{{bdp-{record.id},",
        f"  title = {{{{{_bib(title_of(record))}}}}},",
        f"  author = {{{{{_bib(publisher.name)}}}}},",
        f"  howpublished = {{{_bib(SITE_NAME)}}},",
        f"  year = {{{year}}},",
        f"  url = {{{url}}},",
        f"  note = {{Ostatnio sprawdzono: {verified}}},",
        "}", ""])
    ris = [("TY", "ELEC"), ("TI", _one_line(title_of(record))), ("AU", _one_line(publisher.name)), ("T2", SITE_NAME),
           ("PY", year), ("DA", verified.replace("-", "/")), ("UR", url), ("AB", _one_line(record.get("summary", "")))]
    ris += [("KW", _one_line(k)) for k in record.get("keywords", [])]
    ris_text = "".join(f"{tag}  - {value}\n" for tag, value in ris if value) + "ER  - \n"
    csl: dict[str, Any] = {"id": f"bdp-{record.id}", "type": "webpage", "title": _one_line(title_of(record)),
                           "author": [{"literal": publisher.name}], "container-title": SITE_NAME,
                           "abstract": _one_line(record.get("summary", "")), "URL": url}
    if verified:
        csl["issued"] = {"date-parts": [[int(part) for part in verified.split("-")]]}
    return {f"{stem}.bib": bibtex, f"{stem}.ris": ris_text,
            f"{stem}.csl.json": json.dumps([csl], ensure_ascii=False, indent=2) + "\n"}


def citation_section(publisher: Publisher, record: Record, path: str) -> str:
    name = path.rsplit("/", 1)[-1][:-3]
    links = ", ".join(f'<a href="{name}{ext}" download>{label}</a>'
                      for ext, label in ((".bib", "BibTeX"), (".ris", "RIS"), (".csl.json", "CSL-JSON")))
    return ('## Jak cytować\n\n'
            f"<p>{html.escape(citation_text(publisher, record, path))}</p>\n"
            f"<p>Opis bibliograficzny do pobrania: {links}.</p>\n\n")


# --- meta description, JSON-LD ----------------------------------------------------------------

def _shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    return line[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:—- ") + "…"


_H1 = re.compile(r"^# (.+)$", re.MULTILINE)
_MD_ESCAPE = re.compile(r"\\(.)")


def heading_of(text: str) -> str:
    found = _H1.search(text)
    return html.unescape(_MD_ESCAPE.sub(r"\1", found.group(1))).strip() if found else ""


def description(model: SiteModel, path: str, text: str, record: Record | None) -> str:
    """The page's own one-sentence description (plain text)."""
    if record is not None:
        kind = record.type.name
        if kind == "jst":
            return _shorten(f"{record.get('name')} ({record.get('type')}, województwo {record.get('voivodeship')}, "
                            f"kod TERYT {record.get('teryt')}): dobre praktyki, nagrody w konkursach, projekty i wskaźniki samorządu.")
        if kind == "contest":
            return _shorten(f"{title_of(record)} ({record.get('year')}): " + str(record.get("theme") or "temat, kryteria, laureaci i nagrodzone praktyki."))
        for key in ("summary", "description", "definition"):
            value = record.get(key)
            if isinstance(value, str) and value.strip():
                # two records may share a description (partners named alike in one source): the name keeps it apart
                name = title_of(record)
                return _shorten(value if kind == "practice" or value.startswith(name) else f"{name}: {value}")
    if path in LIST_DESCRIPTIONS:
        return LIST_DESCRIPTIONS[path]
    title = heading_of(text) or path
    if path.startswith("sektory/"):
        return _shorten(f"Dobre praktyki samorządów w sektorze „{title}”.")
    return _shorten(f"{title} — strona Bazy Dobrych Praktyk samorządu terytorialnego.")


def _place(model: SiteModel, code: str) -> dict[str, Any]:
    jst = model.jst_by_code.get(code)
    place: dict[str, Any] = {"@type": "AdministrativeArea", "name": title_of(jst) if jst else code,
                             "identifier": {"@type": "PropertyValue", "propertyID": "TERYT", "value": code}}
    return place


def jsonld(model: SiteModel, publisher: Publisher, record: Record, path: str) -> dict[str, Any] | None:
    """schema.org data fitting the record type: practice, local government, contest edition, organisation."""
    url = page_url(publisher, path)
    common = {"@context": "https://schema.org", "url": url, "name": title_of(record)}
    kind = record.type.name
    if kind == "practice":
        data = {**common, "@type": "Article", "headline": _shorten(title_of(record), 110),
                "description": _one_line(record.get("summary", "")), "inLanguage": "pl",
                "dateModified": _date(record.get("last_verified")),
                "author": {"@type": "Organization", "name": publisher.name},
                "publisher": {"@type": "Organization", "name": publisher.name},
                "about": [{"@type": "Thing", "name": s} for s in record.get("sectors", [])],
                "spatialCoverage": [_place(model, code) for code in record.get("jst", [])]}
        if record.get("keywords"):
            data["keywords"] = ", ".join(record.get("keywords"))
        return data
    if kind == "jst":
        return {**common, "@type": "GovernmentOrganization", "description": description(model, path, "", record),
                "identifier": {"@type": "PropertyValue", "propertyID": "TERYT", "value": record.get("teryt")},
                "areaServed": {"@type": "AdministrativeArea", "name": record.get("name"),
                               "containedInPlace": {"@type": "AdministrativeArea", "name": f"województwo {record.get('voivodeship')}"}}}
    if kind == "contest":
        organisers = [{"@type": "Organization", "name": title_of(o) if (o := model.get("organisation", oid)) else oid}
                      for oid in record.get("organisers", [])]
        return {**common, "@type": "Event", "description": description(model, path, "", record),
                "startDate": str(record.get("year")), "eventStatus": "https://schema.org/EventScheduled",
                "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
                "location": {"@type": "Country", "name": "Polska"}, "organizer": organisers}
    if kind == "organisation":
        data = {**common, "@type": "Organization", "description": description(model, path, "", record)}
        if record.get("short_name"):
            data["alternateName"] = record.get("short_name")
        if record.get("website"):
            data["sameAs"] = record.get("website")
        return data
    return None


# Characters a YAML double-quoted scalar may not hold as they are (C1 controls, line and paragraph
# separators, byte order mark, non-characters, lone surrogates): written as \uXXXX escapes.
_NOT_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def _escape_unprintable(text: str) -> str:
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def _script_json(data: dict[str, Any]) -> str:
    """JSON safe inside <script> (no < > &) and inside a YAML double-quoted scalar; Polish letters as they are."""
    text = _escape_unprintable(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_meta(model: SiteModel, publisher: Publisher, path: str, text: str, record: Record | None) -> dict[str, str]:
    """Front matter for one page (values are YAML-safe strings; see with_meta)."""
    meta = {"description": html.escape(description(model, path, text, record), quote=True),
            "bdp_og_type": "article" if record is not None and record.type.name == "practice" else "website"}
    if record is not None and record.get("last_verified"):
        meta["bdp_updated"] = _date(record.get("last_verified"))
    data = jsonld(model, publisher, record, path) if record is not None else None
    if data is not None:
        meta["bdp_jsonld"] = _script_json(data)
    return meta


def with_meta(text: str, meta: dict[str, str]) -> str:
    """The page with these keys added to its front matter (existing keys win)."""
    if text.startswith("---\n"):
        head, _, rest = text[4:].partition("\n---\n")
        present = {line.split(":", 1)[0] for line in head.splitlines()}
        lines = [head] if head else []
    else:
        head, rest, present, lines = "", "\n" + text, set(), []
    lines += [f"{key}: {_escape_unprintable(json.dumps(value, ensure_ascii=False))}" for key, value in meta.items() if key not in present]
    return "---\n" + "\n".join(lines) + "\n---\n" + rest


# --- feed and robots --------------------------------------------------------------------------

def _atom_time(date: str) -> str:
    return f"{date}T00:00:00Z"


def atom_feed(model: SiteModel, publisher: Publisher) -> str:
    """Atom (RFC 4287) of the practices last verified most recently; deterministic."""
    from generator.render.pages.common import page_path

    practices = sorted(model.all("practice"), key=lambda r: (_date(r.get("last_verified")), r.id), reverse=True)[:FEED_SIZE]
    updated = _date(practices[0].get("last_verified")) if practices else "1970-01-01"
    feed_url = page_url(publisher, FEED_PAGE)
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="pl">',
             f"  <title>{xml_escape(SITE_NAME)}: nowe i zaktualizowane praktyki</title>",
             f"  <id>{xml_escape(feed_url)}</id>", f'  <link rel="self" href="{xml_escape(feed_url)}"/>',
             f'  <link rel="alternate" type="text/html" href="{xml_escape(base_url(publisher))}"/>',
             f"  <updated>{_atom_time(updated)}</updated>",
             f"  <author><name>{xml_escape(publisher.name)}</name></author>"]
    for record in practices:
        url = page_url(publisher, page_path(record))
        lines += ["  <entry>", f"    <title>{xml_escape(_one_line(title_of(record)))}</title>",
                  f"    <id>{xml_escape(url)}</id>", f'    <link rel="alternate" type="text/html" href="{xml_escape(url)}"/>',
                  f"    <updated>{_atom_time(_date(record.get('last_verified')))}</updated>",
                  f"    <summary>{xml_escape(_one_line(record.get('summary', '')))}</summary>"]
        lines += [f'    <category term="{xml_escape(s, {chr(34): "&quot;"})}"/>' for s in record.get("sectors", [])]
        lines.append("  </entry>")
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def robots(publisher: Publisher) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {base_url(publisher)}sitemap.xml\n"
