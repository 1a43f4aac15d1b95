"""The contest jury: validation of editions' criteria, entries, jurors and score sheets; totals and
ranks against a hand computation; the private jury site built into its own folder and used from disk."""
from __future__ import annotations

import hashlib
import re
import shutil
from fractions import Fraction
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser import requests_elsewhere
from conftest import FIXTURES, PROJECT, VALID, overlay, run_bdp

from generator.build_jury import build_jury
from generator.check.validate import Validated, validate_tree
from generator.content.tree import jury_label
from generator.derive.jury import number, review_all

CONTEST = FIXTURES / "contest"
JURY = FIXTURES / "contest-jury"
DEMO = PROJECT / "demo"
DEMO_JURY = PROJECT / "demo-jury"
EXTERNAL = re.compile(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', re.I)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """The public records (tree/) and, beside them, the jury's private folder (jury/)."""
    shutil.copytree(JURY, tmp_path / "jury")
    return overlay(VALID, CONTEST, tmp_path / "tree")


def jury(root: Path) -> Path:
    return root.parent / "jury"


def edition(root: Path) -> Path:
    return jury(root) / "konkurs-jury-testowy"


def shown(root: Path) -> str:
    """How problems name the edition's private folder."""
    return jury_label(jury(root)) + "konkurs-jury-testowy"


def validate(root: Path) -> Validated:
    return validate_tree(root, jury_data=jury(root))


def problems(root: Path) -> list[tuple[str, int | None, str, str, str]]:
    return [(p.path, p.line, p.pointer, p.rule, p.severity) for p in validate(root).problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---- validation -----------------------------------------------------------------------------------

def test_fixture_is_valid_and_the_late_entry_is_flagged(tree: Path) -> None:
    assert problems(tree) == [(f"{shown(tree)}/entries/e3.yaml", 7, "/submitted", "contest.late", "warning")]


def test_score_outside_the_scale_names_file_line_and_field(tree: Path) -> None:
    edit(edition(tree) / "scores/j1--e1.yaml", "score: 4", "score: 6")  # criterion a has the scale 1–5
    found = validate(tree).problems
    errors = [p for p in found if p.severity == "error"]
    assert [(p.path, p.line, p.pointer, p.rule) for p in errors] == [(f"{shown(tree)}/scores/j1--e1.yaml", 7, "/scores/0/score", "contest.scale")]
    assert "ocena 6" in errors[0].message and "1–5" in errors[0].message


def test_missing_criterion_names_file_line_and_field(tree: Path) -> None:
    edit(edition(tree) / "scores/j2--e1.yaml", "  - criterion: c\n    score: 7\n", "")
    errors = [p for p in validate(tree).problems if p.severity == "error"]
    assert [(p.path, p.line, p.pointer, p.rule) for p in errors] == [(f"{shown(tree)}/scores/j2--e1.yaml", 5, "/scores", "contest.criterion-missing")]
    assert "możliwość przeniesienia" in errors[0].message


def test_juror_scoring_a_local_government_they_declared_a_conflict_with(tree: Path) -> None:
    (edition(tree) / "scores/j3--e3.yaml").write_text(
        "id: j3--e3\njuror: j3\nentry: e3\nscores:\n  - criterion: a\n    score: 3\n  - criterion: b\n    score: 3\n"
        "  - criterion: c\n    score: 3\njustification: \"x\"\n", encoding="utf-8")
    errors = [p for p in validate(tree).problems if p.severity == "error"]
    assert [(p.path, p.line, p.pointer, p.rule) for p in errors] == [(f"{shown(tree)}/scores/j3--e3.yaml", 2, "/juror", "contest.conflict")]


def test_sheet_declaring_a_conflict_cannot_carry_scores(tree: Path) -> None:
    edit(edition(tree) / "scores/j2--e3.yaml", "conflict_of_interest: true\n",
         "conflict_of_interest: true\nscores:\n  - criterion: a\n    score: 3\n")
    errors = [(p.path, p.line, p.pointer, p.rule) for p in validate(tree).problems if p.severity == "error"]
    assert errors == [(f"{shown(tree)}/scores/j2--e3.yaml", 5, "/conflict_of_interest", "contest.conflict")]


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("j1--e9.yaml", "id: j1--e9\njuror: j1\nentry: e9\njustification: \"x\"\n", (3, "/entry", "ref.entry")),
    ("j9--e1.yaml", "id: j9--e1\njuror: j9\nentry: e1\njustification: \"x\"\n", (2, "/juror", "ref.juror")),
    ("j1--e3.yaml", "id: j1--e3\njuror: j1\nentry: e2\njustification: \"x\"\n", (1, "/id", "contest.score-id")),
])
def test_unknown_entry_or_juror_and_wrong_sheet_name(tree: Path, name: str, text: str, expected: tuple[int, str, str]) -> None:
    (edition(tree) / "scores" / name).write_text(text, encoding="utf-8")
    errors = {(p.path, p.line, p.pointer, p.rule) for p in validate(tree).problems if p.severity == "error"}
    assert (f"{shown(tree)}/scores/{name}", *expected) in errors


def test_unknown_criterion_and_criterion_scored_twice(tree: Path) -> None:
    edit(edition(tree) / "scores/j1--e2.yaml", "criterion: b", "criterion: x")
    edit(edition(tree) / "scores/j1--e4.yaml", "criterion: b", "criterion: a")
    errors = {(p.path, p.line, p.pointer, p.rule) for p in validate(tree).problems if p.severity == "error"}
    assert errors == {
        (f"{shown(tree)}/scores/j1--e2.yaml", 9, "/scores/1/criterion", "ref.criterion"),
        (f"{shown(tree)}/scores/j1--e2.yaml", 5, "/scores", "contest.criterion-missing"),
        (f"{shown(tree)}/scores/j1--e4.yaml", 9, "/scores/1/criterion", "contest.criterion-duplicate"),
        (f"{shown(tree)}/scores/j1--e4.yaml", 10, "/scores/1/score", "contest.scale"),  # 0 is below a's scale 1–5
        (f"{shown(tree)}/scores/j1--e4.yaml", 5, "/scores", "contest.criterion-missing"),
    }


def test_edition_weights_scale_and_category_rules(tree: Path) -> None:
    edit(tree / "contests/konkurs-jury-testowy.yaml", "weight: 20", "weight: 25")
    edit(tree / "contests/konkurs-jury-testowy.yaml", "      min: 0\n      max: 10\n  - id: c", "      min: 10\n      max: 10\n  - id: c")
    edit(edition(tree) / "entries/e2.yaml", "category: gminy", "category: powiaty")
    edit(edition(tree) / "entries/e4.yaml", "category: gminy", "category: inne")
    errors = {(p.path, p.pointer, p.rule) for p in validate(tree).problems if p.severity == "error"}
    assert {("contests/konkurs-jury-testowy.yaml", "/criteria", "contest.weights"),
            ("contests/konkurs-jury-testowy.yaml", "/criteria/1/scale/max", "contest.scale-order"),
            (f"{shown(tree)}/entries/e2.yaml", "/category", "contest.category"),
            (f"{shown(tree)}/entries/e4.yaml", "/category", "ref.category")} <= errors


def test_schema_of_nested_records_reports_lines(tree: Path) -> None:
    edit(edition(tree) / "scores/j1--e1.yaml", "score: 4", 'score: "cztery"')
    edit(edition(tree) / "entries/e1.yaml", 'jst: "0415042"', "jst: 0415042")
    errors = {(p.path, p.line, p.pointer, p.rule) for p in validate(tree).problems if p.severity == "error"}
    assert errors == {(f"{shown(tree)}/scores/j1--e1.yaml", 7, "/scores/0/score", "schema.type"),
                      (f"{shown(tree)}/entries/e1.yaml", 3, "/jst", "teryt.number")}


def test_folder_of_an_unknown_edition_and_stray_files(tree: Path) -> None:
    (jury(tree) / "nie-ma-edycji/entries").mkdir(parents=True)
    (jury(tree) / "nie-ma-edycji/entries/e1.yaml").write_text((edition(tree) / "entries/e1.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (edition(tree) / "notatki.txt").write_text("x", encoding="utf-8")
    errors = {(p.path, p.rule) for p in validate(tree).problems if p.severity == "error"}
    assert errors == {(jury_label(jury(tree)) + "nie-ma-edycji/entries/e1.yaml", "ref.contest"),
                      (f"{shown(tree)}/notatki.txt", "file.unexpected")}


def test_ids_repeat_freely_across_editions(tree: Path) -> None:
    """Juror and entry ids are unique within an edition only (juror-a in every edition is fine)."""
    other = tree / "contests/konkurs-jury-testowy-2.yaml"
    other.write_text((tree / "contests/konkurs-jury-testowy.yaml").read_text(encoding="utf-8")
                     .replace("id: konkurs-jury-testowy\n", "id: konkurs-jury-testowy-2\n"), encoding="utf-8")
    (jury(tree) / "konkurs-jury-testowy-2/jury").mkdir(parents=True)
    (jury(tree) / "konkurs-jury-testowy-2/jury/j1.yaml").write_text('id: j1\nname: "Juror X1"\n', encoding="utf-8")
    assert validate(tree).ok


def test_cli_reports_a_score_outside_the_scale_with_exit_1(tree: Path) -> None:
    edit(edition(tree) / "scores/j1--e1.yaml", "score: 4", "score: 9")
    result = run_bdp("--root", str(tree), "validate", "--jury-data", str(jury(tree)))
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert f"{shown(tree)}/scores/j1--e1.yaml:7: /scores/0/score: ocena 9 w kryterium „innowacyjność” jest poza skalą 1–5 [contest.scale]" in result.stdout


def test_jury_data_in_the_public_root_is_refused_and_not_read(tree: Path) -> None:
    shutil.copytree(edition(tree), tree / "contests" / "konkurs-jury-testowy")
    found = validate_tree(tree)
    refused = sorted((p.path, p.rule, p.severity) for p in found.problems if p.rule == "jury.public-data")
    assert refused == [(f"contests/konkurs-jury-testowy/{kind}/", "jury.public-data", "error") for kind in ("entries", "jury", "scores")]
    assert "prywatnego repozytorium jury" in found.problems[0].message and "--jury-data" in found.problems[0].message
    assert not [r for r in found.records if r.type.private]  # reported, never read
    result = run_bdp("--root", str(tree), "validate")
    assert result.returncode == 1 and "[jury.public-data]" in result.stdout


def test_bundled_public_root_holds_no_jury_data_and_the_demo_jury_validates() -> None:
    assert not [p for p in (PROJECT / "contests").rglob("*") if p.is_dir()]
    assert validate_tree(DEMO, jury_data=DEMO_JURY).ok


# ---- derivation: totals and ranks against a hand computation --------------------------------------

def test_fixture_totals_ranks_and_ties_by_hand(tree: Path) -> None:
    # Weights a 50, b 30, c 20 (sum 100); a juror's total is sum(weight × score) / 100.
    # e1: X1 (4, 8, 6) -> 5.6; X2 (5, 6, 7) -> 5.7; X3 (3, 9, 9) -> 6.0; mean 17.3 / 3 = 5.7666…
    # e2: X1 (5, 7, 5) -> 5.6; X2 (4, 8, 8) -> 6.0; X3 (3, 8, 9) -> 5.7; mean 17.3 / 3 — exactly tied with e1
    # e4: X1 (1, 0, 0) -> 0.5 only (X2, X3 missing); third in its category (1, 1, 3)
    # e3: X1 (2, 5, 5) -> 3.5; X2 declared a conflict in the sheet, X3 in the jury list
    [review] = review_all(validate(tree).records)
    results = {r.id: r for r in review.results}
    assert results["e1"].total == results["e2"].total == Fraction(173, 30)
    assert [s.total for s in results["e1"].sheets] == [Fraction(56, 10), Fraction(57, 10), Fraction(6)]
    assert results["e1"].spread == Fraction(4, 10) and number(results["e1"].total) == "5,77"
    assert (results["e1"].rank, results["e2"].rank, results["e4"].rank) == (1, 1, 3)
    assert results["e1"].tied_with == ["e2"] and results["e2"].tied_with == ["e1"] and results["e4"].tied_with == []
    assert results["e3"].total == Fraction(7, 2) and results["e3"].rank == 1
    assert {(r.juror.id, r.declared_in) for r in results["e3"].recusals} == {("j2", "karta"), ("j3", "jury")}
    assert [j.id for j in results["e4"].missing] == ["j2", "j3"] and results["e4"].total == Fraction(1, 2)
    assert results["e3"].late and not results["e1"].late
    assert [r.id for r in review.results] == ["e1", "e2", "e4", "e3"]  # categories in the edition's order, then rank


def test_bundled_example_totals_ranks_and_spread_by_hand() -> None:
    # Weights 25/25/20/15/15, scale 0–10; a juror's total is sum(weight × score) / 100.
    # zgloszenie-04: A 7.55, B 7.30 (C missing) -> 7.425 (shown 7,43), 1st among gminy
    # zgloszenie-01: A 7.35, C 7.25 (B has a conflict) -> 7.30, 2nd
    # zgloszenie-03: A 7.00, B 7.10, C 6.90 -> 7.00, 3rd (submitted on the deadline day: not late)
    # zgloszenie-02: A 5.95, B 8.40, C 5.60 -> 6.65, 4th; spread 2.80 >= 1/5 of 10: disagreement
    # zgloszenie-05: 6.80, 7.00, 6.85 and zgloszenie-06: 6.70, 7.15, 6.80 -> both 20.65 / 3: tied 1st among powiaty
    [review] = review_all(validate_tree(DEMO, jury_data=DEMO_JURY).records)
    assert review.example and review.edition.id == "przyklad-edycji-konkursu"
    results = {r.id: r for r in review.results}
    expected = {"zgloszenie-04": (Fraction(7425, 1000), 1), "zgloszenie-01": (Fraction(73, 10), 2), "zgloszenie-03": (Fraction(7), 3),
                "zgloszenie-02": (Fraction(665, 100), 4), "zgloszenie-05": (Fraction(2065, 300), 1), "zgloszenie-06": (Fraction(2065, 300), 1)}
    assert {k: (r.total, r.rank) for k, r in results.items()} == expected
    assert number(results["zgloszenie-04"].total) == "7,43" and number(results["zgloszenie-05"].total) == "6,88"
    assert results["zgloszenie-02"].spread == Fraction(28, 10) and results["zgloszenie-02"].disagreement
    assert not results["zgloszenie-01"].disagreement
    assert results["zgloszenie-05"].tied_with == ["zgloszenie-06"]
    assert [j.id for j in results["zgloszenie-04"].missing] == ["juror-c"]
    assert [r.juror.id for r in results["zgloszenie-01"].recusals] == ["juror-b"]
    assert not any(r.late for r in results.values())


# ---- the jury site ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def jury_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The jury's private folder after a jury build (its site is jury-site/ inside it)."""
    base = tmp_path_factory.mktemp("jury")
    shutil.copytree(JURY, base / "jury")
    root = overlay(VALID, CONTEST, base / "tree")
    report = build_jury(root, base / "jury")
    assert report.ok, report.messages + [str(p) for p in report.problems]
    return base / "jury"


def test_jury_site_is_built_into_its_own_folder(jury_tree: Path) -> None:
    site = jury_tree / "jury-site"
    assert (site / "index.html").is_file() and not (jury_tree.parent / "tree" / "site").exists()
    assert not (jury_tree.parent / "tree" / "build").exists()  # nothing confidential in the public root
    base = site / "konkurs-jury-testowy"
    for page in ["index.html", "braki.html", "zgloszenia/e1.html", "karty/e1--j1.html", "karty/e4--j3.html"]:
        assert (base / page).is_file(), page
    assert len(list((base / "karty").glob("*.html"))) == 4 * 3  # a printable sheet per entry and juror
    assert not list(site.rglob("search_index.json"))  # no search on the jury site


def test_jury_pages_show_totals_ranks_ties_scores_and_conflicts(jury_tree: Path) -> None:
    base = jury_tree / "jury-site" / "konkurs-jury-testowy"
    edition = (base / "index.html").read_text(encoding="utf-8")
    assert "Poufne — tylko dla jury" in edition and "Dane przykładowe" in edition
    assert edition.count("1 ex aequo") == 2 and "5,77" in edition and "0,50" in edition and "po terminie" in edition
    entry = (base / "zgloszenia" / "e1.html").read_text(encoding="utf-8")
    for text in ["UZASADNIENIE-TAJNE-J1-E1", "KOMENTARZ-TAJNY-J3-E1", "OPIS-TAJNY-E1", "ZALACZNIK-TAJNY-E1", "5,60", "6,00", "Praktyka testowa"]:
        assert text in entry, text
    conflict = (base / "zgloszenia" / "e3.html").read_text(encoding="utf-8")
    assert "NOTATKA-KONFLIKT-X3" in conflict and "UZASADNIENIE-TAJNE-J2-E3" in conflict
    missing = (base / "braki.html").read_text(encoding="utf-8")
    assert "ZGLOSZENIE-TAJNE-E4" in missing and "Juror X2" in missing and "ZGLOSZENIE-TAJNE-E1" not in missing
    blank = (base / "karty" / "e4--j3.html").read_text(encoding="utf-8")
    assert "do wypełnienia" in blank and "Podpis jurora" in blank
    assert "@media print" in (jury_tree / "jury-site" / "assets" / "jury.css").read_text(encoding="utf-8")


def test_jury_site_links_resolve_from_disk_and_nothing_comes_from_other_hosts(jury_tree: Path) -> None:
    site = jury_tree / "jury-site"
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) >= 19
    for html in pages:
        text = html.read_text(encoding="utf-8")
        assert not EXTERNAL.search(text), f"{html} loads something from another host"
        for href in re.findall(r'href="([^"]+)"', text):
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//") or not parts.path:
                continue
            assert (html.parent / unquote(parts.path)).resolve().is_file(), f"{html}: broken link {href}"
        assert not re.search(r'href="[^":]*/"', text), f"{html}: a link to a folder fails from file://"


def test_jury_pages_open_from_file_without_requests_to_other_hosts(jury_tree: Path, browser) -> None:
    site = jury_tree / "jury-site"
    names = ["index", "konkurs-jury-testowy/index", "konkurs-jury-testowy/zgloszenia/e1", "konkurs-jury-testowy/karty/e1--j1",
             "konkurs-jury-testowy/braki"]
    assert requests_elsewhere(browser, [site / f"{name}.html" for name in names]) == []


def test_two_jury_builds_are_identical(jury_tree: Path, tmp_path: Path) -> None:
    def digest(folder: Path) -> dict[str, str]:
        return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}

    assert build_jury(jury_tree.parent / "tree", jury_tree, tmp_path / "second").ok
    assert digest(tmp_path / "second") == digest(jury_tree / "jury-site")


def test_jury_build_never_writes_into_site(tree: Path) -> None:
    report = build_jury(tree, jury(tree), tree / "site")
    assert not report.ok and not (tree / "site").exists()
    assert not build_jury(tree, jury(tree), tree / "jury-site").ok  # nor anywhere in the public root
    assert not build_jury(tree, None).ok and not build_jury(tree, tree / "contests").ok


def test_invalid_content_stops_the_jury_build(tree: Path) -> None:
    edit(edition(tree) / "scores/j1--e1.yaml", "score: 4", "score: 0")
    report = build_jury(tree, jury(tree))
    assert not report.ok and {p.rule for p in report.problems if p.severity == "error"} == {"contest.scale"}
    assert not (jury(tree) / "jury-site").exists()


def test_cli_profile_jury(tree: Path) -> None:
    result = run_bdp("--root", str(tree), "build", "--profile", "jury", "--jury-data", str(jury(tree)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (jury(tree) / "jury-site" / "index.html").is_file() and not (tree / "site").exists()
    assert "Zbudowano stronę dla jury" in result.stdout
    missing = run_bdp("--root", str(tree), "build", "--profile", "jury")
    assert missing.returncode == 1 and "--jury-data" in missing.stdout and "Traceback" not in missing.stderr
    wrong = run_bdp("--root", str(tree), "build", "--profile", "tajny")
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr


AXE = """async () => {
    const result = await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
    return result.violations.map(v => `${v.id} (${v.nodes.length}): ${v.help} — ${v.nodes[0].target.join(' ')}`);
}"""


@pytest.mark.parametrize("name", ["index", "konkurs-jury-testowy/index", "konkurs-jury-testowy/zgloszenia/e1",
                                  "konkurs-jury-testowy/karty/e4--j2", "konkurs-jury-testowy/braki"])
def test_axe_finds_no_violations_on_jury_pages(jury_tree: Path, browser, name: str) -> None:
    page = browser.new_page()
    page.goto((jury_tree / "jury-site" / f"{name}.html").as_uri())
    page.add_script_tag(path=str(PROJECT / "node_modules" / "axe-core" / "axe.min.js"))
    violations = page.evaluate(AXE)
    page.close()
    assert violations == []


@pytest.mark.browser  # Java and vnu-jar
def test_jury_html_is_valid_per_nu_checker(jury_tree: Path) -> None:
    import json
    import shutil
    import subprocess

    from test_site_checks import THEME_MARKUP

    java, jar = shutil.which("java"), PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    assert java and jar.is_file(), "Java and vnu-jar are needed (make test installs them)"
    result = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "json", "--skip-non-html", str(jury_tree / "jury-site")],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    ours = [m for m in messages if not any(m["message"].startswith(text) and marker in m.get("extract", "") for text, marker in THEME_MARKUP)]
    assert not ours, [f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in ours[:20]]
