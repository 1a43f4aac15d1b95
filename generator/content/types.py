"""Typed records: one TypedDict per record type and nested object, written from the JSON Schemas in
schema/ (tests/test_records_typed.py keeps them in step: every schema property is a key with a
compatible type, and the required ones are Required). A record's `data` has this shape once it
passed the schema check; a key absent here is a key the schema does not allow. No postponed annotations:
Python 3.11 sees Required[...] only in annotations evaluated when the class is made."""

from typing import Any, Required, TypedDict


class Period(TypedDict, total=False):
    start: Required[str]
    end: str
    note: str


class PracticePartner(TypedDict, total=False):
    organisation: Required[str]
    role: str


class Money(TypedDict, total=False):
    amount_pln: Required[float]
    kind: Required[str]
    placeholder: bool
    note: str


class PracticeContact(TypedDict, total=False):
    role: Required[str]
    person: str
    email: str
    phone: str
    person_consent: bool
    consent_reference: str


class PracticeDocument(TypedDict, total=False):
    title: Required[str]
    url: str
    file: str


class SourceRef(TypedDict, total=False):
    source: Required[str]
    locator: str
    note: str


class PracticeAdaptedFrom(TypedDict, total=False):
    practice: Required[str]
    jst: Required[str]
    year: Required[int]
    note: str


class PracticeData(TypedDict, total=False):
    id: Required[str]
    title: Required[str]
    summary: Required[str]
    jst: list[str]
    sectors: Required[list[str]]
    period: Period
    projects: list[str]
    partners: list[PracticePartner]
    costs: Money
    funding: list[str]
    results: list[str]
    transferability: str
    contact: PracticeContact
    documents: list[PracticeDocument]
    related: list[str]
    adapted_from: list[PracticeAdaptedFrom]
    keywords: list[str]
    editor_notes: str
    sources: Required[list[SourceRef]]
    last_verified: Required[str]


class JstData(TypedDict, total=False):
    id: Required[str]
    name: Required[str]
    type: Required[str]
    voivodeship: Required[str]
    powiat: str
    teryt: Required[str]
    teryt_verified: Required[bool]
    name_in_source: str
    note: str
    sources: Required[list[SourceRef]]


class OrganisationData(TypedDict, total=False):
    id: Required[str]
    name: Required[str]
    short_name: str
    kind: Required[str]
    description: str
    country: str
    website: str
    sources: Required[list[SourceRef]]


class ProjectData(TypedDict, total=False):
    id: Required[str]
    title: Required[str]
    short_name: str
    summary: str
    period: Required[Period]
    budget: Money
    programme: str
    leader: str
    leader_jst: str
    partners: list[str]
    participants: list[str]
    components: list[str]
    sources: Required[list[SourceRef]]


class SourceData(TypedDict, total=False):
    id: Required[str]
    title: Required[str]
    kind: Required[str]
    file: str
    url: str
    publisher: str
    year: int
    description: Required[str]
    extraction_note: str


class GlossaryData(TypedDict, total=False):
    id: Required[str]
    term: Required[str]
    expansion: str
    definition: Required[str]
    see_also: list[str]
    sources: Required[list[SourceRef]]


class ContestCategory(TypedDict, total=False):
    id: Required[str]
    name: Required[str]
    description: str
    jst_types: list[str]


class ContestCriterionScale(TypedDict, total=False):
    min: Required[int]
    max: Required[int]


class ContestCriterion(TypedDict, total=False):
    id: Required[str]
    name: Required[str]
    description: str
    weight: Required[int]
    scale: Required[ContestCriterionScale]


class ContestLaureate(TypedDict, total=False):
    jst: Required[str]
    award: Required[str]
    category: str
    practice: str
    name_in_source: str
    note: str


class ContestData(TypedDict, total=False):
    id: Required[str]
    title: Required[str]
    contest: Required[str]
    example: bool
    year: Required[int]
    theme: str
    sectors: list[str]
    status: str
    status_as_of: str
    eligibility: str
    goals: list[str]
    categories: list[ContestCategory]
    criteria: list[ContestCriterion]
    deadline: str
    organisers: Required[list[str]]
    project: str
    laureates: list[ContestLaureate]
    sources: Required[list[SourceRef]]


class ProcedurePartner(TypedDict, total=False):
    code: Required[str]
    name: Required[str]
    jst: str
    organisation: str


class Meeting(TypedDict, total=False):
    count: int
    kind: Required[str]
    responsible: list[str]
    when: str


class Step(TypedDict, total=False):
    number: Required[str]
    group: str
    title: Required[str]
    responsible: list[str]
    when: str
    start: str
    end: str
    items: list[str]
    meetings: list[Meeting]


class ProcedureTask(TypedDict, total=False):
    number: Required[int]
    title: Required[str]
    when: str
    periods: list[Period]
    note: str
    steps: Required[list[Step]]


class ProcedureData(TypedDict, total=False):
    id: Required[str]
    title: Required[str]
    summary: str
    jst: list[str]
    practice: str
    period: Period
    partners: Required[list[ProcedurePartner]]
    tasks: Required[list[ProcedureTask]]
    sources: Required[list[SourceRef]]


class IndicatorRange(TypedDict, total=False):
    minimum: float
    maximum: float


class IndicatorYears(TypedDict, total=False):
    start: Required[int]
    end: int


class IndicatorComponent(TypedDict, total=False):
    indicator: Required[str]
    weight: float


class IndicatorData(TypedDict, total=False):
    id: Required[str]
    name: Required[str]
    short_name: str
    description: Required[str]
    method: str
    unit: str
    direction: str
    range: IndicatorRange
    years: IndicatorYears
    components: list[IndicatorComponent]
    example_data: bool
    example_note: str
    sectors: Required[list[str]]
    practices: list[str]
    sources: Required[list[SourceRef]]


class ContestJurorConflict(TypedDict, total=False):
    jst: Required[str]
    note: str


class ContestJurorData(TypedDict, total=False):
    id: Required[str]
    example: bool
    name: Required[str]
    role: str
    conflicts: list[ContestJurorConflict]


class ContestEntryAttachment(TypedDict, total=False):
    title: Required[str]
    url: str
    note: str


class ContestEntryData(TypedDict, total=False):
    id: Required[str]
    example: bool
    jst: Required[str]
    title: Required[str]
    summary: Required[str]
    practice: str
    category: str
    submitted: Required[str]
    attachments: list[ContestEntryAttachment]


class ContestScoreScore(TypedDict, total=False):
    criterion: Required[str]
    score: Required[int]
    comment: str


class ContestScoreData(TypedDict, total=False):
    id: Required[str]
    example: bool
    juror: Required[str]
    entry: Required[str]
    conflict_of_interest: bool
    scores: list[ContestScoreScore]
    justification: Required[str]
    date: str


# The shape of `Record.data` per record type name (content/recordtypes.py).
RECORD_DATA: dict[str, type[Any]] = {
    "practice": PracticeData,
    "jst": JstData,
    "organisation": OrganisationData,
    "project": ProjectData,
    "source": SourceData,
    "glossary": GlossaryData,
    "contest": ContestData,
    "procedure": ProcedureData,
    "indicator": IndicatorData,
    "contest_juror": ContestJurorData,
    "contest_entry": ContestEntryData,
    "contest_score": ContestScoreData,
}
