"""Judging an address the way a browser reads it (WHATWG URL Standard, via the ada-url parser).

Python's urllib splits `\\\\evil.example/x.png`, `/\\evil.example`, `/<TAB>/evil.example` or
`http:evil.example` as paths without a host, but a browser turns backslashes into slashes, drops
tabs and line breaks, trims leading spaces and control characters, lowercases the scheme and,
from a page opened from disk, reads `http:evil.example` as `http://evil.example/`. So "is this a
relative address on our own site?" is answered on the browser's parse, never on the raw text.
"""
from __future__ import annotations

from functools import cache, lru_cache

from ada_url import URL

# The site is opened from disk and served over HTTP(S): an address is local only when it stays on
# the page's own origin from both kinds of base (`http:x` is relative on an http page, but another
# host from a file:// page).
_BASES = ("file:///bdp-site/praktyki/strona.html", "https://bdp.invalid/praktyki/strona.html",
          "http://bdp.invalid/praktyki/strona.html")


@cache
def _origin(base: str) -> tuple[str, str]:
    parsed = URL(base)
    return parsed.protocol, parsed.host


@lru_cache(maxsize=65536)
def stays_on_site(value: str) -> bool:
    """True when a browser resolves `value` on a page of the site to the site itself (a relative
    address or a fragment), from disk and over HTTP alike; any other host, scheme or unparsable
    address is False."""
    for base in _BASES:
        try:
            parsed = URL(value, base)
        except ValueError:
            return False
        if (parsed.protocol, parsed.host) != _origin(base):
            return False
    return True
