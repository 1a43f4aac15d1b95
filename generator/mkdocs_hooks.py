"""MkDocs hooks: pages are converted by cmark-gfm (generator/markup.py) and cleaned by nh3.

`on_page_markdown` converts the page itself and hands MkDocs an empty string, so Python-Markdown
has nothing to do; `on_page_content` returns the stored HTML with the table of contents, the
anchors and the links MkDocs would have collected, so MkDocs still checks every anchor. Links to
files that do not exist are reported here as warnings, which fail the strict build.

Contributor Markdown may carry raw HTML. Every page's HTML is cut down to an allow-list (nh3, a
maintained sanitiser): no scripts, event handlers, iframes, styles, forms, `javascript:` or
`data:` URLs, and no images from other hosts (the site makes no request to another host). Pages
the generator writes entirely from escaped data and templates may opt out with `bdp_trusted: true`.
"""
from __future__ import annotations

import logging
import re
from typing import Any

import nh3
from mkdocs.structure.toc import get_toc

from generator.markup import Rendered, render, resolve

log = logging.getLogger("mkdocs.plugins.bdp")

TAGS = (set(nh3.ALLOWED_TAGS) - {"area", "map", "center", "strike", "tt", "acronym"})
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan", "align"},
    "td": {"colspan", "rowspan", "align"},
    "time": {"datetime"},
    "ol": {"start"},
    "abbr": {"title"},
}
URL_SCHEMES = {"http", "https", "mailto"}

_pending: dict[str, Rendered] = {}
_IMG = re.compile(r"<img", re.IGNORECASE)


def _local_images_only(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and ("//" in value or value.startswith("data:")):
        return None
    return value


def sanitize(html: str) -> str:
    """Reduce HTML to the allow-list; deterministic for the same input.

    The image filter is a Python call for every attribute nh3 keeps (most of nh3's time on a
    page of tables), so it is passed only when the page has an image at all.
    """
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     attribute_filter=_local_images_only if _IMG.search(html) else None,
                     link_rel=None, strip_comments=True)


def on_page_markdown(markdown: str, page: Any, files: Any, **_: Any) -> str:
    rendered = render(markdown)
    if rendered.title and "title" not in page.meta:
        page.meta["title"] = rendered.title
    _pending[page.file.src_uri] = rendered
    return ""


def _links_to_anchors(page: Any, rendered: Rendered, files: Any) -> dict[Any, dict[str, str]]:
    anchors: dict[Any, dict[str, str]] = {}
    for url in rendered.links:
        target, anchor = resolve(page.file.src_uri, url)
        found = files.src_uris.get(target)  # get_file_from_path would normalise with pathlib each time
        if found is None:
            log.warning("Strona „%s” zawiera odnośnik „%s”, ale plik „%s” nie istnieje w witrynie.",
                        page.file.src_uri, url, target)
        elif anchor and found.is_documentation_page():
            anchors.setdefault(found, {})[anchor] = url
    return anchors


def on_page_content(html: str, page: Any, files: Any, **_: Any) -> str:
    rendered = _pending.pop(page.file.src_uri)
    page.toc = get_toc(rendered.toc)
    page.present_anchor_ids = rendered.ids
    page.links_to_anchors = _links_to_anchors(page, rendered, files)
    if page.meta.get("bdp_trusted"):
        return rendered.html
    return sanitize(rendered.html)
