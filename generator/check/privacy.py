"""Whose address is it: a person's (name.surname@…) or an office's (sekretariat@, urzad@, info@…)?

A person's e-mail address is personal data: like a name, it may be published only with the person's
recorded consent (person_consent and consent_reference; see rules.privacy_problems). The test looks
at the part before @ only and is deliberately narrow: two or three words of letters, none of them a
word offices use in addresses, reads as a person ("jan.kowalski", "j.kowalski", "anna.nowak-kowalska").
An address glued into one word ("jkowalski@") cannot be told from an office's ("sekretariat@") and is
not reported.
"""
from __future__ import annotations

import re

_FOLD = str.maketrans("ąćęłńóśźż", "acelnoszz")
# Words that make a multi-word local part an office's, not a person's (folded: no Polish letters).
OFFICE_WORDS = frozenset(["admin", "administracja", "biuro", "bip", "boi", "bok", "bzk", "cuw", "dziennik", "edukacja", "faktury", "finanse", "gmina", "gminy", "gops", "informacja", "info", "inwestycje", "kadry", "kancelaria", "kontakt", "konsultacje", "kultura", "ksiegowosc", "media", "miasto", "miasta", "mops", "ngo", "obsluga", "ochrona", "office", "oswiata", "organizacje", "pcpr", "podatki", "poczta", "pozarzadowe", "powiat", "powiatu", "prasa", "praca", "press", "projekty", "promocja", "przetargi", "rada", "rady", "referat", "rekrutacja", "rozwoj", "rozwoju", "rzecznik", "sekretariat", "sport", "spoleczne", "srodowisko", "srodowiska", "starostwo", "straz", "strategia", "turystyka", "ug", "um", "umig", "urzad", "urzedu", "wydzial", "zamowienia", "zdrowie", "zgloszenia", "zarzad"])
_WORD = re.compile(r"[a-z]+")


def looks_personal(address: str) -> bool:
    """Whether an e-mail address reads as a person's name (see the module's description)."""
    local = address.rsplit("@", 1)[0].casefold().translate(_FOLD)
    parts = [p for p in re.split(r"[._-]+", local) if p]
    if not 2 <= len(parts) <= 3 or not all(_WORD.fullmatch(p) for p in parts):
        return False
    if any(p in OFFICE_WORDS for p in parts):
        return False
    return len(parts[-1]) >= 2 and sum(len(p) >= 2 for p in parts) >= 1
