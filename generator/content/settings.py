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

from generator.content.schemas import validator_for
from generator.content.yamlload import parse_yaml
from generator.paths import schema_dir
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


def parse_settings(root: Path) -> tuple[dict[str, Any] | None, dict[str, int], dict[str, str], list[Problem]]:
    """bdp.yaml of a content root as parsed data, its lines and raw scalars, and the problems that
    kept it from being read (encoding, YAML syntax, not a mapping). (None, {}, {}, []) when the root
    has no bdp.yaml; the schema check is check.settings."""
    path = root / SETTINGS_FILE
    if not path.is_file():
        return None, {}, {}, []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, {}, {}, [Problem(SETTINGS_FILE, None, "", f"nie można odczytać pliku ustawień jako UTF-8 ({exc})", "file.encoding")]
    parsed, problems = parse_yaml(text, SETTINGS_FILE)
    if parsed is None:
        return None, {}, {}, problems
    if not isinstance(parsed.data, dict):
        return None, {}, {}, [Problem(SETTINGS_FILE, 1, "", "plik ustawień musi być zbiorem pól „nazwa: wartość”, np. „demo: false”", "schema.type")]
    return parsed.data, parsed.lines, parsed.plain_scalars, []


def settings_from(data: dict[str, Any]) -> RootSettings:
    """The settings a valid bdp.yaml declares."""
    return RootSettings(demo=data.get("demo") is True, publisher=_publisher(data.get("publisher") or {}))


def load_settings(root: Path) -> RootSettings:
    """The settings of a content root (defaults when bdp.yaml is missing or has problems, so nothing
    is built from a half-read file)."""
    data, _, _, problems = parse_settings(root)
    if data is None or problems or not validator_for(SCHEMA, schema_dir(root)).is_valid(data):
        return RootSettings()
    return settings_from(data)


def settings_lines(root: Path) -> dict[str, int]:
    """JSON Pointer → line of every value in bdp.yaml ({} when it is missing or unreadable)."""
    path = root / SETTINGS_FILE
    if not path.is_file():
        return {}
    parsed, _ = parse_yaml(path.read_text(encoding="utf-8"), SETTINGS_FILE)
    return parsed.lines if parsed else {}
