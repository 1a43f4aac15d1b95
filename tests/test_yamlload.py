"""The YAML traps of PyYAML are reported, never silently accepted."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.tree import decode, split_front_matter
from generator.content.yamlload import _constructed, parse_yaml, parse_yaml_fast


def rules(text: str) -> list[str]:
    return [p.rule for p in parse_yaml(text, "x.yaml")[1]]


def test_duplicate_key_is_an_error_naming_both_lines() -> None:
    parsed, problems = parse_yaml("id: a\nname: x\nid: b\n", "x.yaml")
    assert parsed is None
    assert problems[0].rule == "parse.duplicate-key"
    assert problems[0].line == 3 and "1 i 3" in problems[0].message


def test_unquoted_teryt_keeps_the_text_as_typed() -> None:
    parsed, _ = parse_yaml("teryt: 0201011\nok: \"0201011\"\n", "x.yaml")
    assert parsed is not None
    assert parsed.data == {"teryt": 66057, "ok": "0201011"}
    assert parsed.plain_scalars == {"/teryt": "0201011"}


def test_norway_and_sexagesimal_traps_are_visible() -> None:
    parsed, _ = parse_yaml("kraj: NO\nczas: 12:30\n", "x.yaml")
    assert parsed is not None
    assert parsed.data == {"kraj": False, "czas": 750}
    assert set(parsed.plain_scalars) == {"/kraj", "/czas"}


def test_alias_bomb_is_rejected_before_expansion() -> None:
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n'
    assert rules(bomb) == ["parse.alias"]


def test_unsafe_tag_is_not_executed() -> None:
    assert rules("x: !!python/object/apply:os.system ['true']\n") == ["parse.tag"]


def test_impossible_date_has_a_line() -> None:
    parsed, problems = parse_yaml("a: 1\nd: 2024-02-30\n", "x.yaml")
    assert parsed is None and problems[0].rule == "parse.value" and problems[0].line == 2


def test_dates_become_iso_strings() -> None:
    parsed, _ = parse_yaml("d: 2024-05-01\n", "x.yaml")
    assert parsed is not None and parsed.data == {"d": "2024-05-01"}


def test_tab_indentation_message_names_the_tab() -> None:
    _, problems = parse_yaml("a:\n\t- b\n", "x.yaml")
    assert problems[0].rule == "parse.yaml" and "tabulac" in problems[0].message and problems[0].line == 2


def test_lines_follow_front_matter_offset() -> None:
    parsed, _ = parse_yaml("id: a\nlist:\n  - x\n  - y\n", "p.md", line_offset=1)
    assert parsed is not None
    assert parsed.lines["/id"] == 2 and parsed.lines["/list/1"] == 5


def test_front_matter_split() -> None:
    split = split_front_matter("---\nid: a\n---\n\n# Body\n", "p.md")
    assert not hasattr(split, "rule")
    yaml_text, offset, body = split  # type: ignore[misc]
    assert yaml_text == "id: a\n" and offset == 1 and body.strip() == "# Body"


def test_decode_rejects_cp1250_and_warns_on_bom() -> None:
    text, problems = decode("zażółć".encode("cp1250"), "x.yaml")
    assert text is None and problems[0].rule == "file.encoding" and "Windows-1250" in problems[0].message
    text, problems = decode("\ufeffid: a\r\n".encode("utf-8"), "x.yaml")
    assert text == "id: a\n" and problems[0].rule == "file.bom" and problems[0].severity == "warning"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_problems_or_data_never_an_exception(raw: bytes) -> None:
    text, problems = decode(raw, "x.yaml")
    if text is not None:
        parsed, problems = parse_yaml(text, "x.yaml")
        assert parsed is not None or problems


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:- \n\t\"'&*[]{}!#|>0123456789łą")), max_size=120))
def test_any_yaml_like_text_gives_problems_or_data(text: str) -> None:
    parsed, problems = parse_yaml(text, "x.yaml")
    assert (parsed is None) == bool(problems)


UNUSUAL = ["a: &x 1\nb: *x\n", "a: !!set {x, y}\n", "a: !!omap [x: 1]\n", "<<: {a: 1}\nb: 2\n", "1: a\n", "a: 1\na: 2\n",
           "a: 2020-02-30\n", "a: 2020-02-03\nb: 0o17\nc: 017\nd: 1_000\ne: -.inf\nf: ~\ng: yes\nh: 1:20\n",
           "a: !!binary aGVsbG8=\n", "- [a, {b: c}]\n", "a: !foo x\n", "a: R&D\nb: [1, 2.5, null]\n", "a: !!str 12\n", ""]


def test_fast_reading_gives_what_the_safe_constructor_gives() -> None:
    for text in UNUSUAL:
        assert parse_yaml_fast(text) == _constructed(text), text
    assert parse_yaml_fast("a: 2020-02-03\nb: 017\n") == {"a": "2020-02-03", "b": 15}
    assert parse_yaml_fast("a: 1\na: 2\n") is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:- \n\t\"'&*[]{}!#|>0123456789.łą")), max_size=120))
def test_fast_reading_agrees_with_the_constructor_on_any_text(text: str) -> None:
    fast, constructed = parse_yaml_fast(text), _constructed(text)
    assert fast == constructed or (fast != fast and constructed != constructed)


RECORD_SLOTS = ["practices/losowa.md", "registry/jst/losowa.yaml", "contests/losowa.yaml", "procedures/losowa.yaml"]


@settings(max_examples=60, deadline=None)
@given(slot=st.sampled_from(RECORD_SLOTS), raw=st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8")),
    st.text(alphabet=st.sampled_from(list("-:\n id:teryt\"0123'[]{}&*!")), max_size=200).map(lambda t: ("---\n" + t).encode()),
))
def test_any_bytes_as_a_record_give_problems_or_a_record(tmp_path_factory, slot: str, raw: bytes) -> None:
    """The whole validator (read, parse, schema, cross-record rules) never raises, whatever a file holds."""
    import shutil

    from conftest import VALID

    from generator.check.validate import validate_tree

    root = tmp_path_factory.mktemp("fuzz") / "tree"
    shutil.copytree(VALID, root)
    target = root / slot
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(raw)
    result = validate_tree(root)
    names = {r.path for r in result.records}
    assert slot in names or any(p.path == slot for p in result.problems)
