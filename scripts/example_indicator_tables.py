"""Write the bundled indicator tables (indicators/*.csv) with EXAMPLE values.

The source documents name the indicators but give no values, so every value these tables hold is
invented by this script (seeded, so the files are reproducible) and every indicator they use has
`example_data: true`; the site labels them "dane przykładowe" everywhere. Replace a table with real
data (and remove example_data from the definitions, citing sources per row) when one is available.

    .venv/bin/python scripts/example_indicator_tables.py
"""
from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

NOTE = "dane przykładowe"
COST_SECTORS = {  # indicator id: (base zł per resident, yearly growth, for powiats too, for gminas)
    "koszt-uslug-oswiata": (1400, 0.04, True, True), "koszt-uslug-kultura": (160, 0.03, False, True),
    "koszt-uslug-wodociagi-i-kanalizacja": (120, 0.05, False, True), "koszt-uslug-odpady-komunalne": (110, 0.08, False, True),
    "koszt-uslug-mieszkalnictwo": (140, 0.02, False, True), "koszt-uslug-pomoc-spoleczna": (420, 0.05, True, True),
    "koszt-uslug-transport": (260, 0.03, True, True), "koszt-uslug-efektywnosc-energetyczna": (45, 0.06, True, True),
    "koszt-uslug-ochrona-zdrowia": (90, 0.04, True, False),
}


def jst_registry() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "registry" / "jst").glob("*.yaml"))]


def participants(project: str) -> list[str]:
    return yaml.safe_load((ROOT / "registry" / "projects" / f"{project}.yaml").read_text(encoding="utf-8"))["participants"]


def write(name: str, rows: list[tuple[str, str, int, float]]) -> None:
    with (ROOT / "indicators" / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["teryt", "indicator", "year", "value", "note"])
        for teryt, indicator, year, value in sorted(rows, key=lambda r: (r[1], r[0], r[2])):
            writer.writerow([teryt, indicator, year, f"{value:.1f}", NOTE])


def main() -> None:
    rng = random.Random(2026)
    types = {j["teryt"]: j["type"] for j in jst_registry()}
    gwd = participants("zmp-doskonalenie-zarzadzania")
    rows = []
    for indicator, (base, growth, powiats, gminas) in COST_SECTORS.items():
        for code in gwd:
            if types[code] == "powiat" and not powiats or types[code] != "powiat" and not gminas:
                continue
            level = base * rng.uniform(0.7, 1.3) * (0.6 if types[code] == "powiat" and indicator != "koszt-uslug-ochrona-zdrowia" else 1)
            for year in range(2010, 2015):
                rows.append((code, indicator, year, level * (1 + growth) ** (year - 2010) * rng.uniform(0.97, 1.03)))
    write("gwd-koszty-uslug", rows)
    rows = []
    for code in gwd:
        late, opinion = rng.uniform(2, 9), rng.uniform(45, 75)
        for year in range(2010, 2015):
            effect = 0.8 if year > 2013 else 1.0
            rows.append((code, "decyzje-po-terminie-lub-uchylone-przez-sko", year, max(0.1, late * effect * rng.uniform(0.85, 1.1))))
            rows.append((code, "ocena-jakosci-uslug-przez-mieszkancow", year, min(99, opinion + (year - 2010) * rng.uniform(0, 2.5))))
    write("gwd-sprawnosc-i-opinie", rows)
    rows = []
    for code in ["0663011", "0617011", "0612063", "0609082", "1808", "1808042", "1808022"]:  # the 7 PAS partners
        life, management = rng.uniform(50, 70), rng.uniform(40, 65)
        for year in (2012, 2013, 2014):
            rows.append((code, "pas-ocena-jakosci-zycia", year, min(99, life + (year - 2012) * rng.uniform(-1, 3))))
            rows.append((code, "pas-ocena-zarzadzania", year, min(99, management + (year - 2012) * rng.uniform(0, 4))))
    write("pas-ankiety", rows)
    rows = []
    for code in sorted(types):
        finance, other = rng.uniform(30, 80), rng.uniform(25, 75)
        for year in range(2008, 2012):
            rows.append((code, "ijw-wymiar-przykladowy-finansowy", year, min(100, finance + (year - 2008) * rng.uniform(-2, 4))))
            rows.append((code, "ijw-wymiar-przykladowy-pozafinansowy", year, min(100, other + (year - 2008) * rng.uniform(-1, 5))))
    write("ijw-wymiary", rows)
    write("lijw-plock", [("1462011", "lokalny-indeks-jakosci-wspolpracy", 2014, 58.0),
                         ("1462011", "lokalny-indeks-jakosci-wspolpracy", 2015, 63.5)])


if __name__ == "__main__":
    main()
