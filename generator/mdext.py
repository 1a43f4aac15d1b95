"""Markdown extension that turns raw HTML in content into visible text instead of markup."""
from __future__ import annotations

from markdown import Extension, Markdown


class NoRawHtmlExtension(Extension):
    """Contributor Markdown may not carry HTML: <script>, <img onerror> and the like are escaped."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API name
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def makeExtension(**kwargs: object) -> NoRawHtmlExtension:  # noqa: N802 - Markdown's API name
    return NoRawHtmlExtension(**kwargs)
