"""The issue-form path under hostile input: either valid records and a success comment, or no files
and a Polish comment saying what to fix — over the whole input (body text and event JSON)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import VALID, overlay
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator import cli
from generator.authoring.issueform import MAX_BODY_CHARS, parse_sections, write_submission
from generator.check.validate import validate_tree
from generator.render.guide import FORM_LABELS

ANSWERS = {
    "title": "„Wspólna mapa potrzeb” w Łodzi",
    "summary": "Mieszkańcy zaznaczają potrzeby na wspólnej mapie, a urząd omawia je na spotkaniach.",
    "jst": "Łódź, 0415042",
    "sectors": "partycypacja i konsultacje społeczne",
    "period_start": "2014-02",
    "period_end": "_No response_",
    "results": "- 40 spotkań\n- mapa online",
    "transferability": "Wystarczy darmowe narzędzie do map.",
    "description": "## Na czym polega\n\nMapa i spotkania.",
    "source_title": "Uchwała testowa",
    "source_url": "_No response_",
    "contact_role": "Wydział Testowy",
}


def form_body(answers: dict[str, str]) -> str:
    """An issue body as GitHub renders a submitted form: every field in order, '### Label', a blank line, the answer."""
    return "\n\n".join(f"### {FORM_LABELS[key]}\n\n{answers.get(key) or '_No response_'}" for key in FORM_LABELS)


def listing(tree: Path) -> set[str]:
    return {p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_file() and "build" not in p.parts}


def run_event(tree: Path, event: Path, comment: Path) -> int:
    return cli.main(["--root", str(tree), "from-issue", "--event", str(event), "--write", "--comment-file", str(comment)])


def write_event(path: Path, body: object, number: object = 77) -> Path:
    path.write_text(json.dumps({"issue": {"number": number, "body": body}}), encoding="utf-8")  # ensure_ascii: lone surrogates escaped
    return path


def check_guarantee(tree: Path, status: int, comment: Path, before: set[str]) -> set[str]:
    """Either valid records and 'Przygotowano', or nothing written and a comment saying what to fix; returns the new files."""
    text = comment.read_text(encoding="utf-8")
    added = listing(tree) - before
    if status == 0:
        assert "Przygotowano propozycję rekordu" in text and added and all(f"`{rel}`" in text for rel in added)
        assert listing(tree) >= before
        errors = [p for p in validate_tree(tree).problems if p.severity == "error"]
        assert errors == [], errors
    else:
        assert status in (1, 2), status
        assert added == set() and listing(tree) == before
        assert "Przygotowano" not in text and "Nie udało się jeszcze przygotować rekordu" in text and "\n- " in text
    return added


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return overlay(VALID, tmp_path / "none", tmp_path / "tree")


def test_a_good_form_gives_valid_records(tree: Path, tmp_path: Path) -> None:
    before = listing(tree)
    status = run_event(tree, write_event(tmp_path / "e.json", form_body(ANSWERS)), tmp_path / "c.md")
    added = check_guarantee(tree, status, tmp_path / "c.md", before)
    assert status == 0 and added == {"practices/wspolna-mapa-potrzeb-w-lodzi.md", "registry/sources/zgloszenie-77.yaml"}


@pytest.mark.parametrize("field", ["title", "description", "summary"])
def test_unpaired_surrogate_is_refused_with_no_file(tree: Path, tmp_path: Path, field: str) -> None:
    before = listing(tree)
    status = run_event(tree, write_event(tmp_path / "e.json", form_body({**ANSWERS, field: ANSWERS[field] + "\ud800"})), tmp_path / "c.md")
    check_guarantee(tree, status, tmp_path / "c.md", before)
    text = (tmp_path / "c.md").read_text(encoding="utf-8")
    assert status == 1 and f"{FORM_LABELS[field]}: odpowiedź zawiera niedozwolony znak U+D800 (niesparowany znak zastępczy UTF-16)" in text


def test_nul_in_the_title_is_refused(tree: Path, tmp_path: Path) -> None:
    before = listing(tree)
    status = run_event(tree, write_event(tmp_path / "e.json", form_body({**ANSWERS, "title": "Praktyka\x00 testowa"})), tmp_path / "c.md")
    check_guarantee(tree, status, tmp_path / "c.md", before)
    assert status == 1 and "Tytuł praktyki: odpowiedź zawiera niedozwolony znak U+0000" in (tmp_path / "c.md").read_text(encoding="utf-8")


def test_oversized_body_is_refused(tree: Path, tmp_path: Path) -> None:
    before = listing(tree)
    huge = form_body({**ANSWERS, "description": "Mapa i spotkania. " * 61_000})  # 1.1 MB
    assert len(huge.encode()) > 1_000_000
    status = run_event(tree, write_event(tmp_path / "e.json", huge), tmp_path / "c.md")
    check_guarantee(tree, status, tmp_path / "c.md", before)
    assert status == 1 and f"a może mieć najwyżej {MAX_BODY_CHARS}" in (tmp_path / "c.md").read_text(encoding="utf-8")


def test_heading_of_an_earlier_field_inside_the_description_is_text(tree: Path, tmp_path: Path) -> None:
    sneaky = {**ANSWERS, "description": "Opis.\n\n### Samorządy\n\n3019\n\nDalszy opis."}
    answers, errors = parse_sections(form_body(sneaky))
    assert errors == [] and answers["jst"] == "Łódź, 0415042" and "### Samorządy" in answers["description"]
    before = listing(tree)
    status = run_event(tree, write_event(tmp_path / "e.json", form_body(sneaky)), tmp_path / "c.md")
    (added,) = [a for a in check_guarantee(tree, status, tmp_path / "c.md", before) if a.startswith("practices/")]
    text = (tree / added).read_text(encoding="utf-8")
    assert '"1061011"' in text and '"0415042"' in text and '- "3019"' not in text


def test_a_fields_heading_repeated_in_its_own_answer_is_an_error(tree: Path, tmp_path: Path) -> None:
    _answers, errors = parse_sections(form_body({**ANSWERS, "description": "Opis.\n\n### Źródło informacji\n\nInne źródło"}))
    # the description's copy of a later field's heading makes the real one a repeat: ambiguous
    assert errors and errors[0].startswith("Źródło informacji: nagłówek „### Źródło informacji” występuje")
    before = listing(tree)
    status = run_event(tree, write_event(tmp_path / "e.json", form_body({**ANSWERS, "jst": "Łódź\n\n### Samorządy\n\n3019"})), tmp_path / "c.md")
    check_guarantee(tree, status, tmp_path / "c.md", before)
    assert status == 1 and "Samorządy: nagłówek „### Samorządy” występuje" in (tmp_path / "c.md").read_text(encoding="utf-8")


def test_unknown_headings_stay_in_the_description() -> None:
    answers, errors = parse_sections(form_body({**ANSWERS, "description": "Wstęp.\n\n### Etapy\n\nEtap pierwszy."}))
    assert errors == [] and answers["description"] == "Wstęp.\n\n### Etapy\n\nEtap pierwszy." and answers["source_title"] == "Uchwała testowa"


def test_name_error_and_unknown_teryt_are_both_reported(tree: Path, tmp_path: Path) -> None:
    before = listing(tree)
    status = run_event(tree, write_event(tmp_path / "e.json", form_body({**ANSWERS, "jst": "Gdańsk, 9999999"})), tmp_path / "c.md")
    check_guarantee(tree, status, tmp_path / "c.md", before)
    text = (tmp_path / "c.md").read_text(encoding="utf-8")
    assert status == 1 and "nie znaleziono „Gdańsk”" in text and "9999999" in text


@pytest.mark.parametrize("content", ["{nie json", "[]", '{"issue": {"body": "x"}}', '{"issue": {"number": "12", "body": "x"}}',
                                     '{"issue": {"number": 12, "body": 5}}', '{"issue": {"number": true, "body": "x"}}'])
def test_unreadable_event_still_writes_a_polish_comment(tree: Path, tmp_path: Path, content: str) -> None:
    event = tmp_path / "e.json"
    event.write_text(content, encoding="utf-8")
    before = listing(tree)
    status = run_event(tree, event, tmp_path / "c.md")
    assert status == 2
    check_guarantee(tree, 1, tmp_path / "c.md", before)
    assert "nie można odczytać zgłoszenia" in (tmp_path / "c.md").read_text(encoding="utf-8")


def test_event_file_in_another_encoding_or_missing(tree: Path, tmp_path: Path) -> None:
    (tmp_path / "e.json").write_bytes('{"issue": {"number": 1, "body": "zażółć"}}'.encode("cp1250"))
    assert run_event(tree, tmp_path / "e.json", tmp_path / "c.md") == 2
    assert "nie można odczytać zgłoszenia" in (tmp_path / "c.md").read_text(encoding="utf-8")
    assert run_event(tree, tmp_path / "brak.json", tmp_path / "c2.md") == 2
    assert "nie można odczytać zgłoszenia" in (tmp_path / "c2.md").read_text(encoding="utf-8")


def test_a_program_error_still_gives_a_comment_and_no_files(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.authoring.issueform

    def broken(root: Path) -> None:
        raise RuntimeError("simulated fault")

    monkeypatch.setattr(generator.authoring.issueform, "load_tree", broken)
    before = listing(tree)
    status = run_event(tree, write_event(tmp_path / "e.json", form_body(ANSWERS)), tmp_path / "c.md")
    check_guarantee(tree, status, tmp_path / "c.md", before)
    assert status == 1 and "błąd programu podczas przetwarzania (RuntimeError)" in (tmp_path / "c.md").read_text(encoding="utf-8")


def test_records_that_cannot_be_written_give_exit_3_and_no_files(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    real = tempfile.mkstemp

    def refuse_sources(*args: object, dir: str | Path | None = None, **kw: object) -> tuple[int, str]:
        if str(dir).endswith("sources"):
            raise PermissionError(13, "Permission denied", str(dir))
        return real(*args, dir=dir, **kw)  # type: ignore[call-overload]

    monkeypatch.setattr(tempfile, "mkstemp", refuse_sources)
    before = listing(tree)
    status = run_event(tree, write_event(tmp_path / "e.json", form_body(ANSWERS)), tmp_path / "c.md")
    assert status == 4
    check_guarantee(tree, 1, tmp_path / "c.md", before)  # the practice staged first is gone too
    assert "nie zapisano żadnego pliku" in (tmp_path / "c.md").read_text(encoding="utf-8")


def test_writing_is_all_or_nothing(tmp_path: Path) -> None:
    (tmp_path / "registry").mkdir()
    (tmp_path / "registry" / "sources").write_text("a file where a folder should be", encoding="utf-8")
    with pytest.raises(OSError):
        write_submission(tmp_path, {"practices/a.md": "---\n", "registry/sources/b.yaml": "id: b\n"})
    assert not (tmp_path / "practices" / "a.md").exists()
    assert sorted(p.name for p in (tmp_path / "practices").iterdir()) == []  # no temporary file left either


def test_the_workflow_posts_the_comment_file_the_command_always_writes() -> None:
    import yaml
    from conftest import PROJECT

    workflow = yaml.safe_load((PROJECT / ".github" / "workflows" / "zgloszenie.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["record"]["steps"]
    convert = next(s for s in steps if s.get("id") == "convert")
    assert "--comment-file comment.md" in convert["run"]
    failure = next(s for s in steps if "failure()" in str(s.get("if", "")))
    assert "--body-file comment.md" in failure["run"]


def test_form_order_is_the_templates_order() -> None:
    import yaml
    from conftest import PROJECT

    form = yaml.safe_load((PROJECT / ".github" / "ISSUE_TEMPLATE" / "zglos-dobra-praktyke.yml").read_text(encoding="utf-8"))
    fields = [(item["id"], item["attributes"]["label"]) for item in form["body"] if "id" in item]
    assert fields == list(FORM_LABELS.items())


# --- fuzzing: the guarantee over the whole input ---------------------------------------------------

ANY_CHAR = st.characters(codec=None, categories=None)  # every code point, surrogates and controls included
NASTY = st.sampled_from(["\x00", "\ud800", "\udfff", "\x1b", "\x85", "\ufffe", "\u2028", "\r", "\r\n", "\n### Samorządy\n",
                         "\n### Tytuł praktyki\n", "---", "\"", "'", "#", ": ", "- ", "{", "&", "<script>", "_No response_",
                         "Łódź", "0415042", "3019", "1061011", "9999999", "oświata", "partycypacja i konsultacje społeczne",
                         "https://example.org/a", "2014-02", "2099-13", "x" * 300])
TEXT = st.lists(st.one_of(NASTY, st.text(ANY_CHAR, max_size=8)), max_size=6).map("".join)
ANSWER = st.one_of(st.sampled_from(list(ANSWERS.values())), TEXT, st.just("_No response_"), st.just(""))


@st.composite
def bodies(draw: st.DrawFn) -> str:
    changed = draw(st.lists(st.sampled_from(list(ANSWERS)), max_size=3, unique=True))  # a few answers made hostile
    answers = {key: draw(ANSWER) if key in changed else value for key, value in ANSWERS.items()}
    body = form_body(answers)
    if draw(st.integers(0, 3)) == 0:
        lines = body.split("\n")
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, draw(st.one_of(TEXT, st.sampled_from([f"### {label}" for label in FORM_LABELS.values()]))))
        body = "\n".join(lines)
    return body


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(ANY_CHAR, max_size=5),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8)


@st.composite
def events(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return json.dumps(draw(JSON))
    issue = {"number": draw(st.one_of(st.integers(-2, 10**10), JSON)), "body": draw(st.one_of(bodies(), JSON))}
    if kind == 1:
        issue = draw(st.dictionaries(st.sampled_from(["number", "body", "title"]), st.one_of(JSON, bodies()), max_size=3))
    text = json.dumps({"issue": issue})
    return text[: draw(st.integers(0, len(text)))] if kind == 3 else text


def note(status: int) -> None:
    event(f"exit {status}")  # --hypothesis-show-statistics shows how often each outcome was reached


FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(body=bodies())
def test_fuzzed_bodies_keep_the_guarantee(body: str, tree: Path, tmp_path: Path) -> None:
    path = write_event(tmp_path / "fuzz.json", body, 5)
    before = listing(tree)
    status = run_event(tree, path, tmp_path / "fuzz.md")
    note(status)
    try:
        check_guarantee(tree, status, tmp_path / "fuzz.md", before)
    finally:  # the tree is shared by the examples: leave it as it was
        for rel in listing(tree) - before:
            (tree / rel).unlink()


@FUZZ
@given(text=events())
def test_fuzzed_events_keep_the_guarantee(text: str, tree: Path, tmp_path: Path) -> None:
    path = tmp_path / "fuzz.json"
    path.write_text(text, encoding="utf-8")
    before = listing(tree)
    status = run_event(tree, path, tmp_path / "fuzz.md")
    note(status)
    try:
        check_guarantee(tree, status, tmp_path / "fuzz.md", before)
    finally:
        for rel in listing(tree) - before:
            (tree / rel).unlink()
