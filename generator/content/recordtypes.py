"""The kinds of record in the database: where they live, their schema and their pages."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RecordType:
    name: str
    folder: str
    schema: str
    label: str
    plural: str
    url_dir: str
    markdown: bool = False
    # Private records (the contest jury's entries, jurors and scores) are validated but never enter
    # the public site, its search index or open data; only `bdp build --profile jury` shows them.
    private: bool = False

    @property
    def nested(self) -> bool:
        """True for records kept inside a parent record's folder, e.g. contests/<edition>/entries/."""
        return "*" in self.folder


PRACTICE = RecordType("practice", "practices", "practice.schema.json", "praktyka", "Praktyki", "praktyki", markdown=True)
JST = RecordType("jst", "registry/jst", "jst.schema.json", "samorząd", "Samorządy", "samorzady")
ORGANISATION = RecordType("organisation", "registry/organisations", "organisation.schema.json", "organizacja", "Organizacje", "organizacje")
PROJECT = RecordType("project", "registry/projects", "project.schema.json", "projekt", "Projekty i programy", "projekty")
SOURCE = RecordType("source", "registry/sources", "source.schema.json", "źródło", "Źródła", "zrodla")
GLOSSARY = RecordType("glossary", "registry/glossary", "glossary.schema.json", "hasło", "Słowniczek", "slowniczek")
CONTEST = RecordType("contest", "contests", "contest.schema.json", "edycja konkursu", "Konkursy", "konkursy")
PROCEDURE = RecordType("procedure", "procedures", "procedure.schema.json", "procedura", "Procedury", "procedury")
INDICATOR = RecordType("indicator", "indicators", "indicator.schema.json", "wskaźnik", "Wskaźniki", "wskazniki")
# The jury's records of one contest edition: contests/<edition-id>/{jury,entries,scores}/<id>.yaml.
JUROR = RecordType("contest_juror", "contests/*/jury", "contest-juror.schema.json", "członek jury", "Jury", "jury", private=True)
ENTRY = RecordType("contest_entry", "contests/*/entries", "contest-entry.schema.json", "zgłoszenie konkursowe", "Zgłoszenia",
                   "zgloszenia", private=True)
SCORE = RecordType("contest_score", "contests/*/scores", "contest-score.schema.json", "karta oceny", "Karty oceny", "karty",
                   private=True)

ALL_TYPES: tuple[RecordType, ...] = (
    PRACTICE, JST, ORGANISATION, PROJECT, SOURCE, GLOSSARY, CONTEST, PROCEDURE, INDICATOR, JUROR, ENTRY, SCORE,
)
PUBLIC_TYPES: tuple[RecordType, ...] = tuple(t for t in ALL_TYPES if not t.private)
BY_NAME = {t.name: t for t in ALL_TYPES}


# The body `bdp new` writes under a new practice's front matter: three headings, each with a
# guidance comment. Content, not authoring: the reader drops these comments without a warning.
PRACTICE_TEMPLATE = ("\n## Na czym polega\n\n<!-- Opisz praktykę własnymi słowami: co zrobiono, kto i po co. -->\n"
                     "\n## Jak przebiegała realizacja\n\n<!-- Etapy, terminy, zaangażowani partnerzy. -->\n"
                     "\n## Rezultaty\n\n<!-- Co się zmieniło; liczby tylko ze źródeł. -->\n")

# Per record type, the ids whose page would replace one of the generator's own pages in the type's
# folder (a practice `index` replaces the practice list; a contest `archiwum` the laureate archive).
# Written out because the check cannot ask the renderer (imports run one way); tests/test_reserved_ids.py
# compares it with render.docs.reserved_names(), which derives it from the pages an empty model gets.
RESERVED_IDS: dict[str, frozenset[str]] = {
    "practice": frozenset({"index", "najczesciej-przenoszone"}), "jst": frozenset({"index"}), "organisation": frozenset({"index"}),
    "project": frozenset({"index"}), "source": frozenset({"index"}), "indicator": frozenset({"index"}),
    "contest": frozenset({"archiwum", "index"}), "procedure": frozenset({"index"}),
}
