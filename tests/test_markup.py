"""The Markdown seam (cmark-gfm + heading ids + links) and the fast relative links."""
from __future__ import annotations

import posixpath

from conftest import PROJECT
from hypothesis import given
from hypothesis import strategies as st

from generator.render.markup import contributor_html, render, resolve
from generator.render.pages.common import notice, rel


def test_headings_get_polish_ids_permalinks_and_unique_suffixes() -> None:
    out = render("# Łódź i „okolice”\n\n## Opis\n\ntekst\n\n## Opis\n\n### Szczegóły\n")
    assert '<h1 id="lodz-i-okolice">Łódź i „okolice”<a class="headerlink" href="#lodz-i-okolice"' in out.html
    assert '<h2 id="opis">' in out.html and '<h2 id="opis_1">' in out.html
    assert out.title == "Łódź i „okolice”"
    top = out.toc[0]
    assert top["id"] == "lodz-i-okolice" and [c["id"] for c in top["children"]] == ["opis", "opis_1"]
    assert top["children"][1]["children"][0]["id"] == "szczegoly"
    assert {"lodz-i-okolice", "opis", "opis_1", "szczegoly"} <= out.ids


def test_an_existing_id_is_kept_and_not_reused() -> None:
    out = render('<h2 id="opis">Własny</h2>\n\n## Opis\n')
    assert '<h2 id="opis">Własny' in out.html and '<h2 id="opis_1">Opis' in out.html


def test_page_links_become_html_and_are_reported_other_hosts_are_not() -> None:
    out = render("[a](../samorzady/lodz.md#wskazniki) [b](https://example.org/x.md) [c](#opis) "
                 "![w](wykres.svg) [d](mailto:a@b.pl)\n")
    assert 'href="../samorzady/lodz.html#wskazniki"' in out.html
    assert 'href="https://example.org/x.md"' in out.html and 'src="wykres.svg"' in out.html
    assert out.links == ["../samorzady/lodz.md#wskazniki", "#opis"]
    assert resolve("praktyki/a.md", out.links[0]) == ("samorzady/lodz.md", "wskazniki")
    assert resolve("praktyki/a.md", "#opis") == ("praktyki/a.md", "opis")


def test_title_keeps_entities_so_the_theme_cannot_run_markup_from_data() -> None:
    out = render("# Tytuł &lt;img src=x onerror=alert(1)&gt;\n")
    assert out.title == "Tytuł &lt;img src=x onerror=alert(1)&gt;"


def test_notice_body_stays_markdown_inside_the_box() -> None:
    out = render("Przed.\n\n" + notice("warning", "Uwaga <b>", "To **ważne**.\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n") + "Po.\n")
    assert '<div class="admonition warning">\n<p class="admonition-title">Uwaga &lt;b&gt;</p>' in out.html
    assert "<strong>ważne</strong>" in out.html and "<td>1</td>" in out.html
    assert out.html.index("</table>") < out.html.index("</div>") < out.html.index("<p>Po.</p>")


def test_tables_and_escaped_markdown_render() -> None:
    out = render("| Nazwa | Wartość |\n| --- | --- |\n| a \\| b | 1 \\* 2 |\n")
    assert "<td>a | b</td>" in out.html and "<td>1 * 2</td>" in out.html


segment = st.sampled_from(["praktyki", "samorzady", "konkursy", "dane", "x", "wskazniki"])
name = st.sampled_from(["index.md", "a.md", "b.md#kotwica", "dane.csv"])


@given(st.lists(segment, max_size=3), name, st.lists(segment, max_size=3), name)
def test_rel_is_posixpath_relpath(from_dirs: list[str], from_name: str, to_dirs: list[str], to_name: str) -> None:
    from_page = "/".join([*from_dirs, from_name])
    to_page = "/".join([*to_dirs, to_name])
    assert rel(from_page, to_page) == posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def test_contributor_body_is_sanitised_and_cannot_swallow_the_page_after_it() -> None:
    body = contributor_html("# Tytuł autora\n\n<script>alert(1)</script>\n\n```\nkod\n\n\nkod\n```\n\n<div>niedomknięty\n")
    assert "<script" not in body and "<h2>Tytuł autora</h2>" in body
    assert "\n\n" not in body.rstrip()  # one HTML block: the page's Markdown after it stays the page's
    page = render("# Strona\n\n" + body + "## Rezultaty\n\n- **pierwszy**\n")
    assert '<h2 id="rezultaty">Rezultaty' in page.html and "<strong>pierwszy</strong>" in page.html
    assert "<pre><code>kod&#10;&#10;\nkod\n</code></pre>" in page.html  # the code keeps its two blank lines
    assert contributor_html("   \n") == ""


def test_compact_keeps_preformatted_blocks_and_drops_indentation() -> None:
    from generator.site.pages import compact

    html = '<div>\n    <p>a\n      b</p>\n  </div>\n<pre><code>x\n    y\n\n  z</code></pre>\n   <script>\n  var a = 1;\n</script>\n<textarea>\n  t</textarea>'
    assert compact(html) == ('<div>\n<p>a\nb</p>\n</div>\n<pre><code>x\n    y\n\n  z</code></pre>\n<script>\n  var a = 1;\n</script>\n'
                             '<textarea>\n  t</textarea>')


@given(st.text(alphabet=st.sampled_from(list("ab ąż\n\t\\`*_[]|<>&#")), max_size=40))
def test_escaping_shortcut_equals_translating_every_text(text: str) -> None:
    from generator.render.pages.common import _MD_SPECIAL, esc

    assert esc(text) == " ".join(text.split()).translate(_MD_SPECIAL)


@given(st.text(alphabet=st.sampled_from(list("ab |-~*#<>\n`[]()!:")), max_size=80))
def test_freeing_conversion_gives_cmarkgfms_html(text: str) -> None:
    import cmarkgfm

    from generator.render.markup import EXTENSIONS, OPTIONS, markdown_to_html

    assert markdown_to_html(text) == cmarkgfm.markdown_to_html_with_extensions(text, options=OPTIONS, extensions=EXTENSIONS)


def test_conversion_memory_stays_flat() -> None:
    """cmarkgfm's own call kept every document tree and HTML string (1.2 GB after 12,000 pages)."""
    import resource

    from generator.render.markup import markdown_to_html

    table = "| Samorząd | Wartość | Zmiana |\n| --- | --- | --- |\n" + "".join(f"| [Gmina {n}](g{n}.md) | {n},5 | +{n} |\n" for n in range(3000))
    markdown_to_html(table)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(150):
        markdown_to_html(table)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 30, f"{grown_mb:.0f} MB kept after 150 conversions"


def test_cmarkgfm_is_the_release_the_freeing_conversion_was_checked_with() -> None:
    """_Cmark calls cmarkgfm's private module through ctypes. A new release of cmarkgfm fails here:
    check it (the memory and HTML tests above), then change CMARKGFM_VERSION and the pin together."""
    import tomllib
    from importlib.metadata import version

    from generator.render.markup import CMARKGFM_VERSION, _Cmark, converter

    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = [d.replace(" ", "") for d in project["dependencies"] if d.lower().startswith("cmarkgfm")]
    assert pins == [f"cmarkgfm=={CMARKGFM_VERSION}"]
    assert version("cmarkgfm") == CMARKGFM_VERSION
    assert isinstance(converter(), _Cmark)  # the conversion that frees its memory is the one in use


def test_another_cmarkgfm_release_is_converted_without_the_private_calls(monkeypatch) -> None:
    import generator.render.markup as markup

    text = "# Tytuł\n\n| a | b |\n|---|--:|\n| ~~x~~ | <b>1</b> |\n"
    expected = markup.markdown_to_html(text)
    monkeypatch.setattr(markup, "_cmark", None)
    monkeypatch.setattr(markup, "version", lambda name: "2099.1.1")
    assert isinstance(markup.converter(), markup._PublicCmark)
    assert markup.markdown_to_html(text) == expected


@given(st.text(alphabet=st.sampled_from(list("aąbćęłŁńóśźżŻéüßﬁ „”-.,0 \n")), max_size=40))
def test_title_folding_equals_decomposing_every_letter(text: str) -> None:
    """The duplicate check's shortcut for Polish letters folds as Unicode decomposition does."""
    import re
    import unicodedata

    from generator.check.rules import _fold

    slow = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    slow = "".join(c for c in slow if not unicodedata.combining(c)).casefold()
    assert _fold(text) == " ".join(re.sub(r"[^a-z0-9 ]+", " ", slow).split())
