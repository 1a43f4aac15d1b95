"""The HTML allow-list for contributor content (nh3, a maintained sanitiser).

Contributor Markdown may carry raw HTML; it is cut down to an allow-list: no scripts, event
handlers, iframes, styles, forms, `javascript:` or `data:` URLs, and no images from other hosts
(the site makes no request to another host).
"""
from __future__ import annotations

import re

import nh3

from generator.check.urls import stays_on_site

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
_IMG = re.compile(r"<img", re.IGNORECASE)


def _local_images_only(tag: str, attribute: str, value: str) -> str | None:
    """An image stays only when a browser resolves its address to this site (generator.check.urls)."""
    if tag == "img" and attribute == "src" and not stays_on_site(value):
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
