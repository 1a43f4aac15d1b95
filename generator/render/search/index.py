"""The search index: one compact document per record page, with facet values, as scripts.

The index ships as scripts that set globals, so it loads from file:// (no fetch) and only when
the visitor starts to search, in two stages:

- `assets/search/index.js` (BDP_SEARCH_DATA, `index_data`): every document as shown (page name,
  title, snippet, type, date, facet values) in columns of plain strings, and an inverted index of
  places and tags. The browser tokenizes titles and snippets itself and builds its own inverted
  index (bdp-search.js); this is all that is downloaded before the first result.
- `assets/search/index-tekst.js` (BDP_SEARCH_BODY, `body_data`): an inverted index of each
  document's body tokens (first BODY_CAP characters, plus the summary beyond the snippet) that are
  not already in the first stage, loaded right after the first results; matches there widen them.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from generator.content.records import Record
from generator.derive.model import SiteModel, title_of
from generator.derive.reuse import reuse_index
from generator.polish import sort_key
from generator.render.search.postings import base36, postings
from generator.render.search.text import GROUP_ENDINGS, rules, tokens

BODY_CAP = 1500
SNIPPET_CAP = 140

# Record types in search, in ranking order (practices first) with the label of the type facet.
TYPES: tuple[tuple[str, str], ...] = (
    ("practice", "praktyka"), ("jst", "samorząd"), ("contest", "edycja konkursu"), ("procedure", "procedura"),
    ("indicator", "wskaźnik"), ("project", "projekt"), ("organisation", "organizacja"),
)
TYPE_RANK = {name: rank for rank, (name, _) in enumerate(TYPES)}
TYPE_LABEL = dict(TYPES)

# (URL parameter, label) of each facet, in the order they are shown.
FACETS: tuple[tuple[str, str], ...] = (
    ("typ", "Typ rekordu"), ("sektor", "Sektor"), ("rodzaj", "Rodzaj samorządu"),
    ("wojewodztwo", "Województwo"), ("rok", "Rok"), ("nagroda", "Nagroda"), ("projekt", "Projekt"),
    ("przeniesienie", "Przeniesienia"),
)
# Values of the reuse facet (generator/derive/reuse.py): a practice others adopted, one modelled on another.
REUSED, ADAPTED = "przeniesiona do innych samorządów", "wzorowana na innej praktyce"
# First-stage searchable fields and their boosts (BM25 as lunr.js scores them: see bdp-search.js).
# The body is a second stage (body_data): a match there adds a fixed 0.5.
FIELDS: tuple[tuple[str, int], ...] = (("title", 10), ("places", 4), ("tags", 4), ("summary", 2))

_MARKDOWN = re.compile(r"\]\([^)]*\)|[#*_`>|\[\]]|\{:[^}]*\}|<[^>]+>")


@dataclass(frozen=True)
class SearchDoc:
    url: str
    title: str
    snippet: str
    kind: str
    date: str
    facets: dict[str, tuple[str, ...]]
    text: dict[str, str] = field(default_factory=dict)
    # derived once, when the document is made: a preview rebuilds the index from mostly the same documents
    fields: dict[str, list[str]] = field(init=False, repr=False, compare=False)
    body: list[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fields", stage_fields(self))
        object.__setattr__(self, "body", body_terms(self).split())


def plain(markdown: str) -> str:
    """Readable text of a Markdown body: links keep their text, markup and tags go."""
    return " ".join(_MARKDOWN.sub(" ", markdown).split())


def shorten(text: str, cap: int) -> str:
    """At most cap characters, cut at a word boundary, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= cap:
        return text
    cut = text[:cap].rsplit(" ", 1)[0]
    return cut.rstrip(",;:–—-") + "…"


def _strings(value: Any) -> Iterable[str]:
    """Every string inside a YAML value, depth first, in document order."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _years(period: dict[str, Any] | None) -> tuple[str, ...]:
    if not period or not period.get("start"):
        return ()
    start = int(str(period["start"])[:4])
    end = int(str(period.get("end") or period["start"])[:4])
    return tuple(str(y) for y in range(start, end + 1))


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def _project_name(model: SiteModel, project_id: str | None) -> str:
    project = model.get("project", project_id) if project_id else None
    return str(project.get("short_name") or title_of(project)) if project else ""


def _jst_codes(record: Record) -> list[str]:
    kind = record.type.name
    if kind == "jst":
        return [record.get("teryt")]
    if kind == "contest":
        return [laureate["jst"] for laureate in record.get("laureates", [])]
    if kind == "project":
        return list(record.get("participants", [])) + ([record.get("leader_jst")] if record.get("leader_jst") else [])
    return list(record.get("jst", []))


def _awards(model: SiteModel, record: Record) -> tuple[str, ...]:
    kind = record.type.name
    awards = model.awards()
    if kind == "practice":
        return _unique(a.award for a in awards if a.practice == record.id)
    if kind == "jst":
        return _unique(a.award for a in awards if a.jst_code == record.get("teryt"))
    if kind == "contest":
        return _unique(a.award for a in awards if a.contest.id == record.id)
    return ()


def _projects(model: SiteModel, record: Record) -> tuple[str, ...]:
    kind = record.type.name
    if kind == "project":
        ids = [record.id]
    elif kind == "practice":
        ids = list(record.get("projects", []))
    elif kind == "contest":
        ids = [record.get("project")]
    elif kind == "procedure":
        practice = model.get("practice", record.get("practice") or "")
        ids = list(practice.get("projects", [])) if practice else []
    else:
        ids = []
    return _unique(_project_name(model, i) for i in ids)


def _reuse(model: SiteModel, record: Record) -> tuple[str, ...]:
    if record.type.name != "practice":
        return ()
    index = reuse_index(model)
    return tuple(v for v, on in ((REUSED, record.id in index.by_source), (ADAPTED, record.id in index.by_adopter)) if on)


def _summary(record: Record) -> str:
    for key in ("summary", "description", "theme"):
        if record.get(key):
            return str(record.get(key))
    if record.type.name == "jst":
        return f"{record.get('type')}, województwo {record.get('voivodeship')}"
    return ""


def _body(record: Record) -> str:
    kind = record.type.name
    if kind == "practice":
        text = plain(record.body) + " " + " ".join(record.get("results", [])) + " " + str(record.get("transferability", ""))
    else:
        skip = {"id", "sources", "laureates", "jst", "teryt", "sectors", "name", "title", "summary", "description",
                "practices", "practice", "leader", "partners", "participants", "organisers", "project", "website"}
        text = " ".join(s for key, value in record.data.items() if key not in skip for s in _strings(value))
    return text[:BODY_CAP]


def _date(record: Record) -> str:
    period = record.get("period") or {}
    if period:
        return str(period.get("end") or period.get("start") or "")
    if record.get("year"):
        return str(record.get("year"))
    return ""


def _join_tokens(*texts: str, unique: bool = False) -> str:
    found = [t for text in texts for t in tokens(text)]
    return " ".join(dict.fromkeys(found) if unique else found)


def search_doc(model: SiteModel, record: Record) -> SearchDoc:
    """The search document of a record: what is shown, what is searched, and its facet values."""
    jsts = [j for c in _jst_codes(record) if (j := model.jst_by_code.get(c))]
    places = [str(j.get("name")) for j in jsts]
    if record.type.name == "jst":
        places += [str(record.get("powiat") or ""), str(record.get("voivodeship"))]
    tags = list(record.get("sectors", [])) + list(record.get("keywords", []))
    tags += [str(record.get(k)) for k in ("short_name", "contest", "kind", "type") if record.get(k)]
    years = _years(record.get("period"))
    if record.type.name == "contest":
        years = (str(record.get("year")),)
    facets = {
        "typ": (TYPE_LABEL[record.type.name],),
        "sektor": _unique(record.get("sectors", [])),
        "rodzaj": _unique(str(j.get("type")) for j in jsts) if record.type.name in ("practice", "jst", "procedure") else (),
        "wojewodztwo": _unique(str(j.get("voivodeship")) for j in jsts),
        "rok": years,
        "nagroda": _awards(model, record),
        "projekt": _projects(model, record),
        "przeniesienie": _reuse(model, record),
    }
    summary = _summary(record)
    text = {
        "title": _join_tokens(title_of(record)),
        "places": _join_tokens(*places, unique=True),
        # the type's name ("edycja konkursu"), awards and years match too: "konkursy", "laureaci", "2011"
        "tags": _join_tokens(*tags, TYPE_LABEL[record.type.name], *facets["nagroda"], *years, unique=True),
        "summary": _join_tokens(summary),
        "body": _join_tokens(_body(record), unique=True),
    }
    url = f"{record.type.url_dir}/{record.id}.html"
    return SearchDoc(url, title_of(record), shorten(summary, SNIPPET_CAP), record.type.name, _date(record), facets, text)


def search_docs(model: SiteModel) -> list[SearchDoc]:
    """Documents of every searchable record, in Polish title order (the A–Ż sort)."""
    docs = [search_doc(model, r) for name, _ in TYPES for r in model.all(name)]
    return sorted(docs, key=lambda d: (sort_key(d.title), d.url))


def _facet_values(docs: list[SearchDoc]) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for key, _ in FACETS:
        found = {v for d in docs for v in d.facets[key]}
        if key == "typ":
            values[key] = [label for _, label in TYPES if label in found]
        elif key == "rok":
            values[key] = sorted(found, reverse=True)
        else:
            values[key] = sorted(found, key=sort_key)
    return values


def _shown_tokens(doc: SearchDoc) -> set[str]:
    return set(tokens(doc.title)) | set(tokens(doc.snippet)) | set(doc.text["places"].split()) | set(doc.text["tags"].split())


def body_terms(doc: SearchDoc) -> str:
    """Distinct body tokens (and the rest of the summary) not already in the first-stage fields."""
    shown = _shown_tokens(doc)
    found = dict.fromkeys(doc.text["summary"].split() + doc.text["body"].split())
    return " ".join(t for t in found if t not in shown)


def stage_fields(doc: SearchDoc) -> dict[str, list[str]]:
    """The tokens of the first-stage fields: title and snippet as shown, places and tags."""
    return {"title": tokens(doc.title), "summary": tokens(doc.snippet), "places": doc.text["places"].split(),
            "tags": doc.text["tags"].split()}


def _url_dirs(docs: list[SearchDoc]) -> list[str]:
    """The folder of each record type's pages, in TYPES order ("" for a type without documents)."""
    dirs: dict[str, str] = {}
    for doc in docs:
        folder, name = doc.url.rsplit("/", 1)
        assert name.endswith(".html") and dirs.setdefault(doc.kind, folder) == folder, doc.url
    return [dirs.get(kind, "") for kind, _ in TYPES]


def _line(text: str) -> str:
    return " ".join(text.split())


def index_data(docs: list[SearchDoc]) -> dict[str, Any]:
    """The first stage of the search data, in columns (fast to parse, small when compressed).

    One string per column, one line (or one character, or one space-separated item) per document,
    in the order of `search_docs`: page name (`id`, the folder comes from `dirs` by type), title,
    snippet, type rank (`kind`, one digit), date, and per facet the value numbers (comma-separated).
    The searchable fields (`stage_fields`: title and snippet as shown, places, tags) come as one
    inverted index per field (`postings`, in FIELDS order) with the number of tokens of each
    document in each field (`lengths`, base 36, for BM25), so the browser has nothing to tokenize.
    `groups` lists the tokens that are forms of one word (`word_groups`), "|" between groups.
    `rules` are the text rules of text.py (stop words, endings), which the browser applies to queries;
    `types` the names of the record types in TYPE_RANK order (a query naming a type puts it first).
    """
    values = _facet_values(docs)
    positions = {key: {v: i for i, v in enumerate(vals)} for key, vals in values.items()}
    fields = [[d.fields[name] for d in docs] for name, _ in FIELDS]
    return {
        "version": 2,
        "count": len(docs),
        "fields": [[name, boost] for name, boost in FIELDS],
        "facets": [{"key": key, "label": label, "values": values[key]} for key, label in FACETS],
        "dirs": _url_dirs(docs),
        "id": "\n".join(d.url.rsplit("/", 1)[1].removesuffix(".html") for d in docs),
        "title": "\n".join(_line(d.title) for d in docs),
        "snippet": "\n".join(_line(d.snippet) for d in docs),
        "kind": "".join(str(TYPE_RANK[d.kind]) for d in docs),
        "date": "\n".join(_line(d.date) for d in docs),
        "facet": [" ".join(",".join(str(positions[key][v]) for v in d.facets[key]) for d in docs) for key, _ in FACETS],
        "index": [postings(terms) for terms in fields],
        "lengths": [",".join(base36(len(terms[n])) for n in range(len(docs))) for terms in fields],
        "groups": "|".join(" ".join(g) for g in word_groups(corpus_terms(docs))),
        "rules": rules(),
        "types": [label for _, label in TYPES],
    }


def corpus_terms(docs: list[SearchDoc]) -> set[str]:
    """Every token of the documents, in any field or the body."""
    return {t for d in docs for terms in (*d.fields.values(), d.body) for t in terms}


def word_groups(terms: set[str]) -> list[list[str]]:
    """Tokens of the corpus that are forms of one word, for the query to reach them all.

    The light stemmer strips one ending, so forms of a word can keep different endings
    ("cudzyslowu" -> "cudzyslow", "cudzyslow" -> "cudzysl"). Two tokens are put in one group when one
    is the other plus an ending of GROUP_ENDINGS ("badan" and "bad" from "badania", "kraj" and
    "kra" from "kraju"); stems have at least 3 letters (text.MIN_STEM). Each group is sorted (shortest first); groups are sorted; single tokens are left out.
    """
    parent: dict[str, str] = {}

    def root(term: str) -> str:
        while parent.get(term, term) != term:
            term = parent[term]
        return term

    for term in sorted(terms):
        for cut in range(1, min(5, len(term) - 3) + 1):
            base, ending = term[:-cut], term[-cut:]
            if ending in GROUP_ENDINGS and base in terms:
                a, b = sorted((root(base), root(term)), key=lambda t: (len(t), t))
                if a != b:
                    parent[b] = a
    groups: dict[str, list[str]] = {}
    for term in sorted(terms, key=lambda t: (len(t), t)):
        groups.setdefault(root(term), []).append(term)
    return sorted(g for g in groups.values() if len(g) > 1)


def body_data(docs: list[SearchDoc]) -> list[str]:
    """The second stage: an inverted index of the body tokens (`postings`), loaded after the first results."""
    return postings(doc.body for doc in docs)


def index_script(data: Any, name: str = "BDP_SEARCH_DATA") -> str:
    """Data as a classic script setting a global (works from file://), deterministic for the same data."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    payload = payload.replace("</", "<\\/")
    return f"window.{name}={payload};\n"
