"""Polish text processing for search: folding, tokens, stop words and a light suffix stemmer.

The browser applies the same rules to what the visitor types (generator/assets/search/bdp-search.js,
`BDP.tokens`): the lists are not copied into the script but shipped in the search index (`rules`,
written by index.py `index_data`) and handed to `BDP.setRules` when the index loads. Only the
algorithm (fold, strip the longest ending once) is written twice; tests/test_search_parity.py feeds
the script the index's rules and checks that both give the same tokens for every word of the
bundled content.

The stemmer works on folded text (no Polish letters), because visitors often type without them:
it strips the longest known inflectional ending that leaves a stem of at least MIN_STEM letters,
once. It is deliberately light: "odpadami" and "odpady" give "odpad", "konsultacji" and
"konsultacje" give "konsultac", "Płocka" and "płocki" give "plock".
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

MIN_STEM = 3
_TOKEN = re.compile(r"[a-z0-9]+")
_MARKS = re.compile(r"[\u0300-\u036f]")

STOP_WORDS = frozenset(
    ["a", "aby", "albo", "ale", "ani", "az", "bez", "by", "byc", "byl", "byla", "byly", "czy", "dla", "do", "go", "i", "ich", "ich", "jak", "jako", "je", "jego", "jej", "jest", "jesli", "juz", "ktora", "ktore", "ktory", "ktorych", "lub", "ma", "na", "nad", "nie", "niz", "o", "od", "oraz", "po", "pod", "przez", "przy", "sa", "sie", "so", "ta", "tak", "te", "tego", "tej", "ten", "to", "tu", "w", "we", "wraz", "z", "za", "ze"]
)

# Endings of folded words, longest first (the order of equal lengths does not matter: one matches).
SUFFIXES: tuple[str, ...] = tuple(sorted({"owaniami", "owaniach", "owaniem", "owania", "owaniu", "owanie", "owanych", "owanymi", "owanym", "owanej", "owana", "owane", "owany", "owali", "owala", "owac", "eniami", "eniach", "eniem", "enia", "eniu", "enie", "aniami", "aniach", "aniem", "ania", "aniu", "anie", "ajacych", "ajacy", "ajaca", "ajace", "owymi", "owych", "owego", "owemu", "owej", "owym", "owa", "owe", "owy", "owi", "ow", "iami", "iach", "iom", "iego", "iemu", "iej", "ich", "imi", "im", "ie", "ii", "ia", "iu", "jami", "jach", "jom", "ja", "je", "ji", "ju", "ami", "ach", "om", "ymi", "ych", "ego", "emu", "ej", "ym", "em", "ac", "a", "e", "i", "o", "u", "y"}, key=lambda s: (-len(s), s)))

# Endings that may still separate two tokens of one word after stemming (index.py `word_groups`);
# the browser gets them in `rules` for query words the corpus lacks.
GROUP_ENDINGS = frozenset(SUFFIXES) | frozenset(["j", "an", "en", "ow", "owan", "owal", "ajac"])


def fold(text: str) -> str:
    """Lower case without diacritics: "Łódź Żółć" -> "lodz zolc"."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return _MARKS.sub("", decomposed).replace("ł", "l")


_BY_LENGTH: tuple[tuple[int, frozenset[str]], ...] = tuple(
    (n, frozenset(s for s in SUFFIXES if len(s) == n)) for n in sorted({len(s) for s in SUFFIXES}, reverse=True))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Strip the longest known ending of a folded word, keeping at least MIN_STEM letters; numbers stay."""
    if not word.isalpha():
        return word
    for length, endings in _BY_LENGTH:
        if len(word) - length >= MIN_STEM and word[-length:] in endings:
            return word[:-length]
    return word


def words(text: str) -> list[str]:
    """Folded words of a text, before stop words and stemming."""
    return _TOKEN.findall(fold(text))


def tokens(text: str) -> list[str]:
    """The search tokens of a text: folded, without stop words and one-letter words, stemmed."""
    return [stem(w) for w in words(text) if len(w) > 1 and w not in STOP_WORDS]


def rules() -> dict[str, Any]:
    """The text rules as data for the browser (the index's `rules`; bdp-search.js `setRules`), sorted."""
    return {"min_stem": MIN_STEM, "stop_words": sorted(STOP_WORDS), "suffixes": list(SUFFIXES),
            "group_endings": sorted(GROUP_ENDINGS, key=lambda s: (-len(s), s))}
