"""Polish language helpers: alphabetical order, slugs and anchors, dates, numbers, plurals."""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

from slugify import slugify as _slugify

ALPHABET = "aąbcćdeęfghijklłmnńoóprsśtuvwxyzźż"
_RANK = {letter: index for index, letter in enumerate(ALPHABET)}

MONTHS = ["styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień",
          "wrzesień", "październik", "listopad", "grudzień"]
MONTHS_GENITIVE = ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
                   "września", "października", "listopada", "grudnia"]


_CHAR_KEYS: dict[str, tuple[int, int]] = {}  # one shared (group, rank) tuple per character


def _char_key(c: str) -> tuple[int, int]:
    key = _CHAR_KEYS.get(c)
    if key is None:
        key = _CHAR_KEYS[c] = (0, _RANK[c]) if c in _RANK else (1, ord(c))
    return key


# Quotation marks and other punctuation are ignored when ordering, so "„Grupy…”" sorts among the G's.
_IGNORED_IN_ORDER = dict.fromkeys(map(ord, "„”“\"'«»‚‘’()[]*_…"), None)


@lru_cache(maxsize=1 << 17)
def sort_key(text: str) -> tuple[Any, ...]:
    """The one key for every list ordered by letters: words as a Polish dictionary orders them (Ł after L,
    Ż after Z), case-insensitively, with quotation marks and brackets ignored („Grupy…” sorts with Grupy),
    the exact text breaking ties so the order is total. Cached: a preview sorts 10,000 titles after every edit."""
    folded = unicodedata.normalize("NFC", text).casefold()
    letters = folded.translate(_IGNORED_IN_ORDER).strip()
    return tuple(map(_char_key, letters)), tuple(map(_char_key, folded)), text


@lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """ASCII slug keeping Polish words readable: "Łódź" -> "lodz". Cached: sector names recur on every page."""
    return _slugify(text, lowercase=True)


@lru_cache(maxsize=65536)
def heading_slug(value: str, separator: str = "-") -> str:
    """Heading anchors ("Źródła" → "zrodla"); cached, as the same headings recur on thousands of pages."""
    return _slugify(value, separator=separator, lowercase=True)


def format_date(value: str) -> str:
    """'2014' -> '2014', '2014-02' -> 'luty 2014', '2012-06-15' -> '15 czerwca 2012'."""
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    month = int(parts[1])
    if len(parts) == 2:
        return f"{MONTHS[month - 1]} {parts[0]}"
    return f"{int(parts[2])} {MONTHS_GENITIVE[month - 1]} {parts[0]}"


def format_period(period: dict[str, Any] | None) -> str:
    if not period:
        return "brak danych"
    start = format_date(period["start"])
    end = period.get("end")
    return f"{start} – {format_date(end)}" if end else f"od {start}"


def format_money(amount: float) -> str:
    """3321498.0 -> '3 321 498,00 zł' with non-breaking spaces."""
    whole, fraction = f"{amount:.2f}".split(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return "\u00a0".join(groups) + f",{fraction}\u00a0zł"


def plural_form(count: int, one: str, few: str, many: str) -> str:
    """The form of a noun (phrase) agreeing with a count: 1 → one; 2–4, 22–24, 32–34… → few;
    0, 5–21, 25–31, 12–14, 112–114… → many ("1 samorząd, 3 samorządy, 5 samorządów, 12 samorządów, 22 samorządy")."""
    count = abs(count)
    if count == 1:
        return one
    if count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        return few
    return many


def plural(count: int, one: str, few: str, many: str) -> str:
    """The one helper for a count shown to a reader: "1 praktyka", "2 praktyki", "5 praktyk", "22 praktyki"."""
    return f"{count} {plural_form(count, one, few, many)}"


def there_are(count: int, one: str, few: str, many: str) -> str:
    """A count with the verb "być" agreeing with it: "jest 1 samorząd", "są 63 samorządy",
    "jest 5 samorządów", "jest 12 samorządów", "są 22 samorządy" (never "jest 63 samorządy")."""
    verb = plural_form(count, "jest", "są", "jest")
    return f"{verb} {plural(count, one, few, many)}"


def format_size(size: int) -> str:
    """A file size in decimal units with a Polish decimal comma: 950 -> '950 B', 4_210_000 -> '4,2 MB'."""
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= factor:
            return f"{size / factor:.1f}".replace(".", ",") + f"\u00a0{unit}"
    return f"{size}\u00a0B"
