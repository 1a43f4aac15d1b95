"""A synthetic corpus for the search benchmark: N practices with realistic Polish text.

Text comes from a word-bigram chain trained on the bundled practices (so words, their forms and
their frequencies look like the real content), with random local governments, sectors, periods,
projects and contest awards. Deterministic for a seed. Records are built in memory, not written.
"""
from __future__ import annotations

import itertools
import random
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from generator.content.records import Record
from generator.content.recordtypes import CONTEST, JST, PRACTICE, PROJECT

SECTORS = ("oświata", "kultura", "pomoc społeczna", "ochrona zdrowia", "wodociągi i kanalizacja", "odpady komunalne",
           "mieszkalnictwo", "transport i drogownictwo", "efektywność energetyczna",
           "współpraca z organizacjami pozarządowymi", "zarządzanie strategiczne",
           "partycypacja i konsultacje społeczne", "monitorowanie jakości usług publicznych", "sprawność administracji")
VOIVODESHIPS = ("dolnośląskie", "kujawsko-pomorskie", "lubelskie", "lubuskie", "łódzkie", "małopolskie", "mazowieckie",
                "opolskie", "podkarpackie", "podlaskie", "pomorskie", "śląskie", "świętokrzyskie",
                "warmińsko-mazurskie", "wielkopolskie", "zachodniopomorskie")
JST_TYPES = ("gmina miejska", "gmina wiejska", "gmina miejsko-wiejska", "miasto na prawach powiatu", "powiat")
PLACE_PARTS = ("Nowa", "Stara", "Górna", "Dolna", "Wielka", "Mała", "Wola", "Ruda", "Dąbrowa", "Brzozów",
               "Lipno", "Żary", "Łęczyca", "Słupia", "Kłodawa", "Bór", "Gród", "Zalesie", "Krzywiń", "Świerczyna")
_WORD = re.compile(r"[\wąćęłńóśźżĄĆĘŁŃÓŚŹŻ-]+|[.,;:]")


class Chain:
    """A word-bigram model of a text; `sentence` walks it from a capitalised word to a full stop."""

    def __init__(self, text: str) -> None:
        self.next: dict[str, list[str]] = defaultdict(list)
        words = _WORD.findall(text)
        for a, b in itertools.pairwise(words):
            self.next[a].append(b)
        self.starts = sorted({w for w in self.next if w[:1].isupper() and len(w) > 2})

    def sentence(self, rng: random.Random, limit: int = 30) -> str:
        word = rng.choice(self.starts)
        out = [word]
        while len(out) < limit and word != "." and self.next.get(word):
            word = rng.choice(self.next[word])
            out.append(word)
        text = " ".join(out).replace(" .", ".").replace(" ,", ",").replace(" ;", ";").replace(" :", ":")
        return text.rstrip(",;: ") + ("" if text.endswith(".") else ".")

    def words(self, rng: random.Random, count: int) -> str:
        picked = [w for w in (rng.choice(self.starts) for _ in range(count * 3)) if w.isalpha()][:count]
        return " ".join(picked)


def _jsts(rng: random.Random, count: int) -> list[Record]:
    names = sorted({f"{rng.choice(PLACE_PARTS)} {rng.choice(PLACE_PARTS)}" for _ in range(count * 3)})[:count]
    records = []
    for n, name in enumerate(names):
        code = f"{(n % 16 + 1) * 2:02d}{n:05d}"
        data: dict[str, Any] = {"id": f"synt-jst-{n}", "name": name, "type": rng.choice(JST_TYPES),
                "voivodeship": VOIVODESHIPS[n % 16], "teryt": code, "teryt_verified": True, "sources": []}
        records.append(Record(JST, data["id"], f"registry/jst/{data['id']}.yaml", data))
    return records


def synthetic_records(count: int, corpus: Sequence[str], seed: int = 3) -> list[Record]:
    """count practices plus the local governments, projects and contests they refer to."""
    rng = random.Random(seed)
    chain = Chain("\n".join(corpus))
    jsts = _jsts(rng, max(50, count // 25))
    projects = []
    for n in range(max(5, count // 200)):
        data: dict[str, Any] = {"id": f"synt-projekt-{n}", "title": chain.sentence(rng, 12).rstrip("."),
                "short_name": f"Projekt {chain.words(rng, 2)}", "summary": chain.sentence(rng), "sources": []}
        projects.append(Record(PROJECT, data["id"], f"registry/projects/{data['id']}.yaml", data))
    practices = []
    for n in range(count):
        start = rng.randint(2004, 2024)
        data = {
            "id": f"synt-praktyka-{n}",
            "title": f"{chain.words(rng, rng.randint(3, 6)).capitalize()} w {rng.choice(jsts).get('name')}",
            "summary": " ".join(chain.sentence(rng) for _ in range(2)),
            "jst": [j.get("teryt") for j in rng.sample(jsts, rng.randint(1, 3))],
            "sectors": rng.sample(SECTORS, rng.randint(1, 3)),
            "period": {"start": str(start), "end": str(min(2025, start + rng.randint(0, 4)))},
            "projects": [rng.choice(projects).id] if rng.random() < 0.6 else [],
            "keywords": [chain.words(rng, rng.randint(1, 2)) for _ in range(rng.randint(2, 6))],
            "sources": [],
        }
        body = "\n\n".join("## " + chain.words(rng, 3).capitalize() + "\n\n" + " ".join(chain.sentence(rng) for _ in range(5))
                           for _ in range(3))
        practices.append(Record(PRACTICE, data["id"], f"practices/{data['id']}.md", data, body=body))
    contests = []
    for year in range(2008, 2024):
        laureates = [{"jst": p.get("jst")[0], "award": rng.choice(("laureat", "wyróżnienie")), "practice": p.id}
                     for p in rng.sample(practices, min(len(practices), 12))]
        data = {"id": f"synt-konkurs-{year}", "title": f"Samorządowy Lider Zarządzania {year}", "year": year,
                "contest": "Samorządowy Lider Zarządzania", "theme": chain.sentence(rng, 12),
                "sectors": rng.sample(SECTORS, 2), "laureates": laureates, "sources": []}
        contests.append(Record(CONTEST, data["id"], f"contests/{data['id']}.yaml", data))
    return [*jsts, *projects, *practices, *contests]
