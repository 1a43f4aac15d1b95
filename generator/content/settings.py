"""Settings of a content root: `<root>/bdp.yaml` (is it a demo root; the publisher's settings).

The `publisher` section is the one place for every address and contact the site shows: the site's
URL, the publisher's name and contact, the accessibility contact, the repository the "zaproponuj
poprawkę" links edit, and the issue form. It is validated with schema/settings.schema.json (Polish
messages with file:line, as for records). A value on a reserved example domain (example.org, …) is a
placeholder: an ordinary build marks it on the pages where it appears; the publication build
(`bdp build --publish`) refuses it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.problems import Problem

SETTINGS_FILE = "bdp.yaml"
SCHEMA = "settings.schema.json"

# Domains reserved for examples (RFC 2606, RFC 6761): a value there can only be a placeholder.
_PLACEHOLDER_HOST = re.compile(r"(^|\.)(example\.(org|com|net)|[^.]+\.(example|invalid))$|^(example|invalid)$")


def is_placeholder(value: str) -> bool:
    """True for an address on a reserved example domain: 'https://example.org/x', 'a@dostepnosc.example.org'."""
    text = value.strip().lower()
    if "@" in text and "://" not in text:
        host = text.rsplit("@", 1)[1]
    else:
        host = urlsplit(text).hostname or ""
    return bool(host) and bool(_PLACEHOLDER_HOST.search(host.rstrip(".")))


@dataclass(frozen=True)
class AccessibilityContact:
    contact_person: str
    email: str
    phone: str


@dataclass(frozen=True)
class Publisher:
    """Who publishes the site and where it lives. The defaults are placeholders (example.org): a root
    without a publisher section builds with them, marked, and cannot be published."""
    name: str = "Wydawca Bazy Dobrych Praktyk (dane przykładowe)"
    site_url: str = "https://bdp.example.org/"
    contact_email: str = "redakcja@example.org"
    repository: str = "https://git.example.org/baza-dobrych-praktyk"
    edit_branch: str = "main"
    issue_form: str = "https://git.example.org/baza-dobrych-praktyk/issues/new"
    accessibility: AccessibilityContact = field(default_factory=lambda: AccessibilityContact(
        "Zespół redakcyjny Bazy Dobrych Praktyk", "dostepnosc@example.org", "brak — prosimy o kontakt e-mailowy"))

    @property
    def edit_base(self) -> str:
        """Base of the edit links: the repository's edit URL for the branch (GitHub's form)."""
        return f"{self.repository.rstrip('/')}/edit/{self.edit_branch}/"

    def placeholders(self) -> list[tuple[str, str]]:
        """(JSON Pointer in bdp.yaml, value) of every placeholder value."""
        values = [("/publisher/site_url", self.site_url), ("/publisher/contact_email", self.contact_email),
                  ("/publisher/repository", self.repository), ("/publisher/issue_form", self.issue_form),
                  ("/publisher/accessibility/email", self.accessibility.email)]
        return [(pointer, value) for pointer, value in values if is_placeholder(value)]

    def mkdocs_extra(self) -> dict[str, Any]:
        """What the templates read under extra.bdp (merged into mkdocs.yml's own extra.bdp)."""
        return {
            "edit_base": self.edit_base,
            "publisher": {"name": self.name, "site_url": self.site_url, "contact_email": self.contact_email,
                          "issue_form": self.issue_form, "repository": self.repository,
                          "placeholder": bool(self.placeholders()),
                          "placeholder_email": is_placeholder(self.contact_email),
                          "issue_form_placeholder": is_placeholder(self.issue_form)},
            "accessibility": {"entity": self.name, "contact_person": self.accessibility.contact_person,
                              "email": self.accessibility.email, "phone": self.accessibility.phone,
                              "placeholder_contact": is_placeholder(self.accessibility.email),
                              "url": "index.html" if is_placeholder(self.site_url) else self.site_url},
        }

    def mkdocs_site_url(self) -> str | None:
        """MkDocs' site_url (canonical links, sitemap): only a real address, never a placeholder."""
        return None if is_placeholder(self.site_url) else self.site_url


@dataclass(frozen=True)
class RootSettings:
    """What a content root declares about itself. `demo`: the root holds fictional example data
    (plainly fictional places, example indicator values, an example contest with its jury); only
    such a root may hold example data (rule content.example-data). `publisher`: see Publisher."""
    demo: bool = False
    publisher: Publisher = field(default_factory=Publisher)


def _publisher(data: dict[str, Any]) -> Publisher:
    default = Publisher()
    contact = data.get("accessibility") or {}
    return Publisher(
        name=data.get("name", default.name), site_url=data.get("site_url", default.site_url),
        contact_email=data.get("contact_email", default.contact_email),
        repository=data.get("repository", default.repository), edit_branch=data.get("edit_branch", default.edit_branch),
        issue_form=data.get("issue_form", default.issue_form),
        accessibility=AccessibilityContact(contact.get("contact_person", default.accessibility.contact_person),
                                           contact.get("email", default.accessibility.email),
                                           contact.get("phone", default.accessibility.phone)))


def read_settings(root: Path) -> tuple[RootSettings, list[Problem]]:
    """The settings of a content root and the problems of its bdp.yaml (parse and schema, with lines).
    A root without bdp.yaml is a public (non-demo) root with placeholder publisher settings; a
    bdp.yaml with problems gives the defaults, so nothing is built from a half-read file."""
    from generator.check.schemas import _message, _pointer, validator_for
    from generator.content.yamlload import parse_yaml
    from generator.paths import schema_dir

    path = root / SETTINGS_FILE
    if not path.is_file():
        return RootSettings(), []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return RootSettings(), [Problem(SETTINGS_FILE, None, "", f"nie można odczytać pliku ustawień jako UTF-8 ({exc})", "file.encoding")]
    parsed, problems = parse_yaml(text, SETTINGS_FILE)
    if parsed is None:
        return RootSettings(), problems
    if not isinstance(parsed.data, dict):
        return RootSettings(), [Problem(SETTINGS_FILE, 1, "", "plik ustawień musi być zbiorem pól „nazwa: wartość”, np. „demo: false”", "schema.type")]
    found = []
    where = _Where(parsed.lines, parsed.plain_scalars)
    for error in validator_for(SCHEMA, schema_dir(root)).iter_errors(parsed.data):
        message, rule, pointer = _message(error, where, _pointer(error.absolute_path))  # type: ignore[arg-type]
        found.append(Problem(SETTINGS_FILE, where.line(pointer), pointer, message, rule))
    if found:
        return RootSettings(), found
    data = parsed.data
    return RootSettings(demo=data.get("demo") is True, publisher=_publisher(data.get("publisher") or {})), []


@dataclass
class _Where:
    """The lines and raw scalars of bdp.yaml, in the shape the schema messages read from a record."""
    lines: dict[str, int]
    plain_scalars: dict[str, str]

    def line(self, pointer: str) -> int:
        while pointer not in self.lines and pointer:
            pointer = pointer.rsplit("/", 1)[0]
        return self.lines.get(pointer, 1)


def load_settings(root: Path) -> RootSettings:
    """The settings of a content root (defaults when bdp.yaml is missing or has problems)."""
    return read_settings(root)[0]


def placeholder_problems(root: Path) -> list[Problem]:
    """For the publication build: every placeholder value as an error naming file, line and fix."""
    settings, problems = read_settings(root)
    if problems:
        return problems
    lines = _lines(root)
    found = []
    for pointer, value in settings.publisher.placeholders():
        line = lines.get(pointer)
        place = "" if line is not None else " (pole nie jest ustawione, więc obowiązuje wartość domyślna)"
        found.append(Problem(SETTINGS_FILE, line if line is not None else lines.get("/publisher", 1), pointer,
                             f"„{value}” to wartość przykładowa{place}; strona publikowana musi mieć prawdziwy adres "
                             "wydawcy — wpisz go w bdp.yaml, w sekcji publisher", "settings.placeholder"))
    return found


def _lines(root: Path) -> dict[str, int]:
    from generator.content.yamlload import parse_yaml

    path = root / SETTINGS_FILE
    if not path.is_file():
        return {}
    parsed, _ = parse_yaml(path.read_text(encoding="utf-8"), SETTINGS_FILE)
    return parsed.lines if parsed else {}
