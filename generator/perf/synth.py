"""`bdp synth`: a synthetic content tree shaped like the repository, for benchmarks.

Deterministic for a seed. Text comes from a word-bigram chain trained on the bundled practices, so
lengths, words and their Polish forms look like real content. Every record is valid: the tree
builds with `bdp build --root DIR`.
"""
from __future__ import annotations

import json
import random
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.content.teryt import VOIVODESHIPS
from generator.paths import PROJECT_DIR
from generator.perf.search_synth import Chain

SECTORS = ["oświata", "kultura", "pomoc społeczna", "ochrona zdrowia", "wodociągi i kanalizacja", "odpady komunalne",
           "mieszkalnictwo", "transport i drogownictwo", "efektywność energetyczna",
           "współpraca z organizacjami pozarządowymi", "zarządzanie strategiczne",
           "partycypacja i konsultacje społeczne", "monitorowanie jakości usług publicznych", "sprawność administracji"]
ROOTS = ["Dąb", "Brzez", "Lip", "Wierzb", "Olsz", "Jawor", "Grab", "Buk", "Sosn", "Kłod", "Żuraw", "Łęk", "Świer", "Krzem",
         "Mił", "Radz", "Gorz", "Przem", "Wol", "Zaleś"]
ENDINGS = ["owo", "ów", "ice", "no", "ka", "in", "ec", "any", "yń", "ki"]
HEADINGS = ["Na czym polega", "Jak przebiegała realizacja", "Rezultaty", "Co warto przenieść", "Partnerzy", "Finansowanie"]


@dataclass(frozen=True)
class SynthOptions:
    practices: int
    jst: int = 2500
    indicators: int = 50
    years: int = 10
    seed: int = 1


def _q(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _yaml(data: Mapping[str, object], indent: int = 0) -> str:
    pad = " " * indent
    out = []
    for key, value in data.items():
        if isinstance(value, dict):
            out.append(f"{pad}{key}:\n{_yaml(value, indent + 2)}")
        elif isinstance(value, list):
            out.append(f"{pad}{key}:")
            for item in value:
                if isinstance(item, dict):
                    first, *rest = _yaml(item, indent + 4).split("\n", 1)
                    out.append(f"{pad}  - {first.strip()}" + ("\n" + rest[0].rstrip("\n") if rest and rest[0].strip() else ""))
                else:
                    out.append(f"{pad}  - {_q(item)}")
        else:
            out.append(f"{pad}{key}: {_q(value)}")
    return "\n".join(out) + "\n"


def _name(rng: random.Random, used: set[str]) -> str:
    """A Polish-looking place name; repeats get a number, since real TERC names repeat too."""
    name = rng.choice(ROOTS) + rng.choice(ENDINGS)
    if rng.random() < 0.4:
        name += " " + rng.choice(["Górny", "Dolny", "Wielki", "Mały", "Nowy", "Stary"])
    candidate, n = name, 1
    while candidate in used:
        n += 1
        candidate = f"{name} {n}"
    used.add(candidate)
    return candidate


def jst_records(rng: random.Random, count: int) -> list[dict[str, object]]:
    """Local governments with well-formed TERC codes agreeing with their types and voivodeships."""
    records: list[dict[str, object]] = []
    used: set[str] = set()
    codes = sorted(VOIVODESHIPS)
    per_voivodeship = max(1, count // len(codes))
    for woj in codes:
        made, powiat = 0, 0
        while made < per_voivodeship and len(records) < count:
            powiat += 1
            pow_code = f"{woj}{powiat:02d}"
            name = _name(rng, used)
            records.append({"type": "powiat", "name": f"Powiat {name.lower()}", "teryt": pow_code, "voivodeship": VOIVODESHIPS[woj]})
            made += 1
            for gmina in range(1, rng.randint(5, 12)):
                if made >= per_voivodeship or len(records) >= count:
                    break
                kind = "1" if gmina == 1 else rng.choice("223")
                records.append({"type": {"1": "gmina miejska", "2": "gmina wiejska", "3": "gmina miejsko-wiejska"}[kind],
                                "name": _name(rng, used), "teryt": f"{pow_code}{gmina:02d}{kind}", "voivodeship": VOIVODESHIPS[woj]})
                made += 1
    for index, record in enumerate(records):
        record["id"] = f"jst-{index:05d}"
    return records


SAMPLE_DIR = PROJECT_DIR / "practices"  # the bundled practices: the words of the synthetic descriptions


def write_tree(out: Path, options: SynthOptions, sample_dir: Path = SAMPLE_DIR) -> dict[str, int]:
    """Write the synthetic tree; return counts of records by kind. The descriptions are made of the
    words of the practices in `sample_dir` (an installed bdp has no bundled practices: see cli)."""
    rng = random.Random(options.seed)
    text = "\n".join(p.read_text(encoding="utf-8").split("---", 2)[-1] for p in sorted(sample_dir.glob("*.md")))
    chain = Chain(text)
    head = "# yaml-language-server: $schema=../../schema/{}.schema.json\n"

    def write(rel: str, content: str) -> None:
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")

    write("bdp.yaml", "# A synthetic tree is a demo root: fictional places and example data.\ndemo: true\n")
    write("registry/sources/synteza.yaml", _yaml({"id": "synteza", "title": "Dane syntetyczne do testów wydajności",
                                                  "kind": "dokument źródłowy", "description": "Rekordy wygenerowane przez bdp synth."}))
    source = [{"source": "synteza"}]
    organisations = [f"org-{n:03d}" for n in range(20)]
    for n, org in enumerate(organisations):
        write(f"registry/organisations/{org}.yaml", head.format("organisation") + _yaml(
            {"id": org, "name": f"Stowarzyszenie {chain.words(rng, 2)} {n}", "kind": "organizacja pozarządowa", "sources": source}))
    jsts = jst_records(rng, options.jst)
    for jst in jsts:
        write(f"registry/jst/{jst['id']}.yaml", head.format("jst") + _yaml({**jst, "teryt_verified": True, "sources": source}))
    codes = [str(j["teryt"]) for j in jsts]
    projects = [f"projekt-{n:02d}" for n in range(10)]
    for n, project in enumerate(projects):
        start = 2005 + n
        write(f"registry/projects/{project}.yaml", head.format("project") + _yaml({
            "id": project, "title": f"Projekt {chain.words(rng, 4)}", "summary": chain.sentence(rng),
            "period": {"start": str(start), "end": str(start + 2)}, "leader": rng.choice(organisations),
            "participants": sorted(set(rng.sample(codes, min(40, len(codes))))), "sources": source}))
    for n in range(10):
        write(f"registry/glossary/haslo-{n}.yaml", head.format("glossary") + _yaml(
            {"id": f"haslo-{n}", "term": f"Hasło {n}", "definition": chain.sentence(rng), "sources": source}))
    practice_ids = []
    for n in range(options.practices):
        practice_id = f"praktyka-{n:05d}"
        practice_ids.append(practice_id)
        start = rng.randint(2005, 2024)
        data = {
            "id": practice_id, "title": f"„{chain.words(rng, 3).capitalize()}” — {chain.words(rng, 4)}",
            "summary": " ".join(chain.sentence(rng, 25) for _ in range(2))[:650],
            "jst": sorted(set(rng.sample(codes, min(rng.randint(1, 3), len(codes))))), "sectors": rng.sample(SECTORS, rng.randint(1, 2)),
            "period": {"start": f"{start}-{rng.randint(1, 12):02d}", "end": f"{start + rng.randint(1, 3)}"},
            "projects": [rng.choice(projects)] if rng.random() < 0.5 else [],
            "partners": [{"organisation": o, "role": "partner"} for o in sorted(set(rng.sample(organisations, rng.randint(0, 2))))],
            "results": [chain.sentence(rng, 15) for _ in range(rng.randint(2, 4))],
            "transferability": chain.sentence(rng),
            "keywords": sorted(set(chain.words(rng, 3).split())),
            "sources": [{"source": "synteza", "locator": f"rekord {n}"}], "last_verified": "2026-11-23",
        }
        data = {k: v for k, v in data.items() if v != []}
        body = "".join(f"\n## {heading}\n\n" + " ".join(chain.sentence(rng) for _ in range(rng.randint(4, 9))) + "\n"
                       for heading in rng.sample(HEADINGS, rng.randint(4, 6)))
        write(f"practices/{practice_id}.md", "---\n" + head.format("practice").replace("../../", "../") + _yaml(data) + "---\n" + body)
    for year in range(2011, 2011 + options.years):
        laureates = [{"jst": code, "award": "laureat"} for code in sorted(set(rng.sample(codes, min(12, len(codes)))))]
        write(f"contests/slz-{year}.yaml", head.format("contest").replace("../../", "../") + _yaml({
            "id": f"slz-{year}", "title": f"Samorządowy Lider Zarządzania {year}", "contest": "Samorządowy Lider Zarządzania",
            "year": year, "theme": chain.words(rng, 2), "sectors": rng.sample(SECTORS, 2), "status": "wyniki ogłoszone",
            "organisers": [organisations[0]], "laureates": laureates, "sources": source}))
    write("procedures/procedura-syntetyczna.yaml", head.format("procedure").replace("../../", "../") + _yaml({
        "id": "procedura-syntetyczna", "title": "Procedura syntetyczna", "jst": [codes[0]],
        "partners": [{"code": "GMS", "name": "Gmina syntetyczna", "jst": codes[0]}],
        "tasks": [{"number": t, "title": chain.words(rng, 4), "periods": [{"start": f"2014-{t:02d}", "end": f"2014-{t + 1:02d}"}],
                   "steps": [{"number": str(n), "title": chain.sentence(rng, 12), "responsible": ["GMS"],
                              "start": f"2014-{t:02d}", "end": f"2014-{t + 1:02d}"} for n in range(1, 4)]} for t in range(1, 9)],
        "sources": source}))
    rows = write_indicators(out, rng, chain, options, codes, practice_ids, head)
    return {"practices": options.practices, "jst": len(jsts), "organisations": len(organisations), "projects": len(projects),
            "contests": options.years, "glossary": 10, "procedures": 1, "indicators": options.indicators, "indicator_rows": rows}


def write_indicators(out: Path, rng: random.Random, chain: Chain, options: SynthOptions, codes: list[str],
                     practice_ids: list[str], head: str) -> int:
    """Indicator definitions and one tidy table each (every local government × every year), marked example data."""
    rows = 0
    first_year = 2024 - options.years + 1
    for n in range(options.indicators):
        indicator_id = f"wskaznik-{n:03d}"
        definition = {
            "id": indicator_id, "name": f"Wskaźnik syntetyczny {n}: {chain.words(rng, 3)}", "description": chain.sentence(rng),
            "unit": "zł na mieszkańca", "direction": rng.choice(["wyższa lepsza", "niższa lepsza"]),
            "range": {"minimum": 0, "maximum": 10000}, "years": {"start": first_year, "end": 2024},
            "example_data": True, "example_note": "Dane syntetyczne do testów wydajności.",
            "sectors": [rng.choice(SECTORS)], "practices": sorted(set(rng.sample(practice_ids, min(3, len(practice_ids))))),
            "sources": [{"source": "synteza"}]}
        path = out / "indicators" / f"{indicator_id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(head.format("indicator").replace("../../", "../") + _yaml(definition), encoding="utf-8")
        lines = ["teryt,indicator,year,value,note"]
        base = rng.uniform(50, 5000)
        for code in codes:
            level = base * rng.uniform(0.5, 1.5)
            for year in range(first_year, 2025):
                level *= rng.uniform(0.95, 1.08)
                lines.append(f"{code},{indicator_id},{year},{min(level, 10000):.1f},dane przykładowe")
        (out / "indicators" / f"{indicator_id}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        rows += len(lines) - 1
    return rows
