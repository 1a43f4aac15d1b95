"""The search index's compact encoding: per-document terms as an inverted index with base-36 gaps,
decoded by assets/search/bdp-search.js (class Postings)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36(number: int) -> str:
    """A non-negative integer in base 36 (lower case), as the browser's parseInt(…, 36) reads it."""
    if number < _SMALL:
        return _BASE36[number]
    return _base36(number)


def _base36(number: int) -> str:
    out = ""
    while True:
        number, digit = divmod(number, 36)
        out = _DIGITS[digit] + out
        if not number:
            return out


_SMALL = 36 * 36
_BASE36 = [_base36(n) for n in range(_SMALL)]  # most gaps between document numbers are small


def postings(terms_by_doc: Iterable[Iterable[str]]) -> list[str]:
    """An inverted index of per-document terms: [sorted terms joined by spaces, postings joined by ";"].

    The postings of a term are its document numbers in increasing order, each written as the
    difference from the previous one (the first from 0) in base 36, followed by "." and the number
    of occurrences when the term occurs more than once, joined by ",". The terms are ASCII
    ([a-z0-9]), so Python and JavaScript sort them the same way (binary search for prefixes).
    """
    found: dict[str, list[tuple[int, int]]] = {}
    for number, terms in enumerate(terms_by_doc):
        for term, count in Counter(terms).items():
            found.setdefault(term, []).append((number, count))
    ordered = sorted(found)
    encoded = []
    for term in ordered:
        previous, parts = 0, []
        for number, count in found[term]:
            parts.append(base36(number - previous) + ("." + base36(count) if count > 1 else ""))
            previous = number
        encoded.append(",".join(parts))
    return [" ".join(ordered), ";".join(encoded)]
