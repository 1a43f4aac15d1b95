"""MkDocs hooks: every page's content HTML passes through nh3, a maintained HTML sanitiser.

Contributor Markdown may carry raw HTML (Python-Markdown passes it straight through). Here it is
cut down to an allow-list: no scripts, event handlers, iframes, styles, forms, `javascript:` or
`data:` URLs, and no images from other hosts (the site makes no request to another host). Pages the
generator writes entirely from escaped data and templates may opt out with `bdp_trusted: true`.
"""
from __future__ import annotations

from typing import Any

import nh3

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


def _local_images_only(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and ("//" in value or value.startswith("data:")):
        return None
    return value


def sanitize(html: str) -> str:
    """Reduce HTML to the allow-list; deterministic for the same input."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     attribute_filter=_local_images_only, link_rel=None, strip_comments=True)


def on_page_content(html: str, page: Any, **_: Any) -> str:
    if page.meta.get("bdp_trusted"):
        return html
    return sanitize(html)
