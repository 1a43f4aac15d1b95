"""Markdown → HTML for every page: GitHub's cmark-gfm, then heading ids, permalinks and page links.

Measured on a 1,000-practice corpus, Python-Markdown (what MkDocs calls) spent 18 ms on a practice
page and 77 ms on a local-government page, mostly running its inline patterns over every table
cell; cmark-gfm, the C library GitHub itself renders Markdown with, converts the same pages in
well under a millisecond. The dialect is GitHub-Flavoured Markdown, so the preview GitHub shows
an editor in a pull request is what the site will show.

What Python-Markdown's `toc` extension did is done here on the HTML, with that extension's own
`unique`, `strip_tags` and `nest_toc_tokens`: ids from `heading_slug` (unique within a page,
`_1`, `_2` …), a permalink in every heading, and nested table-of-contents tokens for MkDocs.
"""
from __future__ import annotations

import ctypes
import html
import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import version
from typing import Any
from urllib.parse import unquote, urlsplit

from cmarkgfm.cmark import Options
from markdown.extensions.toc import nest_toc_tokens, strip_tags, unique

from generator.check.urls import stays_on_site
from generator.polish import heading_slug

EXTENSIONS = ["table", "strikethrough"]  # no "tagfilter": nh3 removes what it would escape
# Raw HTML is kept (generated pages use it for notices); contributor pages are then cleaned by nh3.
OPTIONS = Options.CMARK_OPT_UNSAFE
PERMALINK_TITLE = "Odnośnik do tej sekcji"

_HEADING = re.compile(r"<h([1-6])(\s[^>]*)?>(.*?)</h\1>", re.DOTALL)
_ID = re.compile(r"""\s(?:id|name)=["']([^"']*)["']""")
_URL = re.compile(r"""(<(?:a|img)\s[^>]*?(?:href|src)=")([^"]*)(")""")


@dataclass
class Rendered:
    """One page's HTML and what MkDocs needs to know about it."""
    html: str
    title: str | None = None
    toc: list[dict[str, Any]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # relative and `#anchor` links of <a>, as written
    final: bool = False  # True when the HTML is ready for the page (sanitised where it must be)


# The cmarkgfm release _Cmark was checked with; pyproject.toml pins exactly this one, and
# tests/test_markup.py fails when the installed release or the pin differs from it.
CMARKGFM_VERSION = "2025.10.22"


class _Cmark:
    """cmark-gfm through the library cmarkgfm installs, freeing what each conversion allocates.

    cmarkgfm's own `markdown_to_html_with_extensions` frees the parser but neither the document
    tree nor the HTML string it gets from the C library: about 300 KB of a local-government page
    stayed allocated, 1.2 GB after 12,000 pages (measured). The same calls are made here, and the
    document and the string are handed back with cmark_node_free and free (both exported by the
    library cmarkgfm ships). tests/test_markup.py checks that memory stays flat.

    It calls cmarkgfm's private `_cmark` module, so it is used only with CMARKGFM_VERSION; with any
    other release the conversion goes through cmarkgfm's public function (same HTML, memory not freed).
    """

    def __init__(self) -> None:
        from cmarkgfm import _cmark
        from cmarkgfm import cmark as api

        self.api, self.ffi, self.lib = api, _cmark.ffi, _cmark.lib
        library = ctypes.CDLL(_cmark.__file__)
        self.node_free = library.cmark_node_free
        self.node_free.argtypes, self.node_free.restype = [ctypes.c_void_p], None
        self.free = ctypes.CDLL(None).free
        self.free.argtypes, self.free.restype = [ctypes.c_void_p], None
        api.core_extensions_ensure_registered()
        self.extensions = [api.find_syntax_extension(name) for name in EXTENSIONS]

    def to_html(self, text: str) -> str:
        parser = self.api.parser_new(options=OPTIONS)
        try:
            for extension in self.extensions:
                self.api.parser_attach_syntax_extension(parser, extension)
            self.api.parser_feed(parser, text)
            root = self.api.parser_finish(parser)
            try:
                raw = self.lib.cmark_render_html(root, OPTIONS, self.api.parser_get_syntax_extensions(parser))
                try:
                    return str(self.ffi.string(raw).decode("utf-8"))
                finally:
                    self.free(int(self.ffi.cast("uintptr_t", raw)))
            finally:
                self.node_free(int(self.ffi.cast("uintptr_t", root)))
        finally:
            self.api.parser_free(parser)


class _PublicCmark:
    """cmarkgfm's public conversion: for a release the freeing one was not checked with."""

    def to_html(self, text: str) -> str:
        import cmarkgfm

        return str(cmarkgfm.markdown_to_html_with_extensions(text, options=OPTIONS, extensions=EXTENSIONS))


_cmark: _Cmark | _PublicCmark | None = None


def converter() -> _Cmark | _PublicCmark:
    """The conversion in use: the freeing one with the release it was checked with."""
    global _cmark
    if _cmark is None:
        _cmark = _Cmark() if version("cmarkgfm") == CMARKGFM_VERSION else _PublicCmark()
    return _cmark


def markdown_to_html(text: str) -> str:
    """Plain cmark-gfm conversion, nothing added."""
    return converter().to_html(text)


def is_relative(url: str) -> bool:
    """A relative address of a page or file of the site (checked by the build); an address a browser
    reads as another host (`\\\\host/x`, `http:host`) is not, whatever urllib says (generator.check.urls)."""
    parts = urlsplit(url)
    return not (parts.scheme or parts.netloc or url.startswith(("/", "#")) or not url) and stays_on_site(url)


def page_url(target: str) -> str:
    """`a/b.md#x` → `a/b.html#x` (the site is built with use_directory_urls: false)."""
    path, hash_, anchor = target.partition("#")
    if path.endswith(".md"):
        path = path[:-3] + ".html"
    return path + hash_ + anchor


@lru_cache(maxsize=65536)
def _url(raw: str) -> tuple[str, str, bool]:
    """An href/src as found in the HTML → (the URL, its replacement in the HTML, whether relative)."""
    url = html.unescape(raw)
    if not is_relative(url):
        return url, raw, False
    return url, html.escape(page_url(url), quote=True), True


def _headings(text: str, ids: set[str]) -> tuple[str, list[dict[str, Any]], str | None]:
    tokens: list[dict[str, Any]] = []
    title: str | None = None
    counters: dict[str, int] = {}

    def replace(match: re.Match[str]) -> str:
        nonlocal title
        level, attributes, inner = int(match.group(1)), match.group(2) or "", match.group(3)
        name = strip_tags(inner)
        existing = _ID.search(attributes)
        if existing:
            anchor = existing.group(1)
        else:
            anchor = unique(heading_slug(html.unescape(name)), ids, counters)
            attributes = f' id="{anchor}"' + attributes
        if title is None and level == 1:  # as MkDocs takes it: tags stripped, entities kept (the theme prints it raw)
            title = " ".join(name.split())
        tokens.append({"level": level, "id": html.unescape(anchor), "name": name, "html": inner, "data-toc-label": ""})
        return (f'<h{level}{attributes}>{inner}<a class="headerlink" href="#{anchor}" '
                f'title="{PERMALINK_TITLE}">¶</a></h{level}>')

    return _HEADING.sub(replace, text), nest_toc_tokens(tokens), title


def render(text: str) -> Rendered:
    """Convert a page's Markdown; `.md` links become `.html`; relative targets are reported."""
    converted = markdown_to_html(text)
    ids = set(_ID.findall(converted))
    converted, toc, title = _headings(converted, ids)
    links: list[str] = []

    def rewrite(match: re.Match[str]) -> str:
        url, new, relative = _url(match.group(2))
        if match.group(1).startswith("<a") and (relative or (len(url) > 1 and url[0] == "#")):
            links.append(url)  # images are not checked: a missing one shows its alt text
        return match.group(1) + new + match.group(3)

    converted = _URL.sub(rewrite, converted)
    return Rendered(converted, title, toc, ids, links)  # ids: those found plus those unique() gave headings


def resolve(page_uri: str, url: str) -> tuple[str, str]:
    """A relative link on a page → (target path in the docs tree, anchor)."""
    path, _, anchor = url.partition("#")
    return (_join(posixpath.dirname(page_uri), path) if path else page_uri), anchor


@lru_cache(maxsize=65536)
def _join(folder: str, path: str) -> str:
    return posixpath.normpath(posixpath.join(folder, unquote(path)))


_H1 = re.compile(r"<(/?)h1\b", re.IGNORECASE)
_BLANK = re.compile(r"\n(?=[ \t]*\n)")


def contributor_html(text: str) -> str:
    """A contributor's Markdown (a practice body) → sanitised HTML to place in a generated page.

    Converted by cmark-gfm and cleaned by nh3 on its own, so the page around it, written from
    escaped data, needs no sanitiser. Headings of level 1 become level 2 (the page title is the
    only h1); a line break before a blank line is written as `&#10;` (same text, also inside <pre>), so the body stays one HTML
    block in the page's Markdown and nothing after it is read as the contributor's markup.
    """
    from generator.render.sanitize import sanitize

    body = _BLANK.sub("&#10;", _H1.sub(r"<\1h2", sanitize(markdown_to_html(text)))).strip()
    return f'<div class="bdp-tresc">\n{body}\n</div>\n\n' if body else ""
