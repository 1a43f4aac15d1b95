"""Post-build step: the stylesheets of a built site keep only what its pages can use (issue #18).

The theme's stylesheet (137 kB) styles many features this site never shows; every page waits for it
before its first paint. A selector stays when every class and id it names outside functional
pseudo-classes (`:not(.x)`, `:is(…)` are kept whole) occurs as a word in some page (HTML) or script
of the site, as PurgeCSS's default extractor does: a class a script adds is a word of that script.
A custom property (`--name: …`) stays when its name occurs in a kept declaration, a page or a script.
Rules other than style rules, @media and @supports (@font-face, @keyframes, @page…) are kept whole;
@media and @supports blocks left empty are dropped. Comments (and so source-map links) go.

Only the full build trims (generator/build.py, before the archives and the offline worker); a
preview keeps the whole stylesheets, so that a page edited in it never lacks a style.
"""
from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import tinycss2
from tinycss2 import ast

from generator import parallel
from generator.render.pages.compare import DATA as COMPARE_DATA
from generator.render.search.page import INDEX_SCRIPTS
from generator.site.offline import UNUSED  # scripts no page loads

WORD = re.compile(r"-{0,2}[A-Za-z_][\w-]*")
SOURCES = (".html", ".js")
GROUPING = {"media", "supports", "layer", "container"}


@dataclass(frozen=True)
class Trimmed:
    path: str
    before: int
    after: int


def words_of(texts: list[str]) -> frozenset[str]:
    """Every word that can be a class, id or custom property name in these pages and scripts."""
    found: set[str] = set()
    for text in texts:
        found.update(WORD.findall(text))
    return frozenset(found)


def _selectors(prelude: list[ast.Node]) -> list[list[ast.Node]]:
    parts: list[list[ast.Node]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _names(selector: list[ast.Node]) -> list[str]:
    """The classes and ids a selector needs (outside functions such as :not() and :is())."""
    names = []
    for index, token in enumerate(selector):
        if token.type == "hash" and token.is_identifier:
            names.append(token.value)
        elif (token.type == "literal" and token.value == "." and index + 1 < len(selector)
              and selector[index + 1].type == "ident"):
            names.append(selector[index + 1].value)
    return names


def _strip(tokens: list[ast.Node]) -> str:
    return str(tinycss2.serialize(tokens)).strip()


def _custom_properties(content: list[ast.Node]) -> list[ast.Node]:
    return [d for d in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True)
            if d.type in ("declaration", "qualified-rule", "at-rule")]


def _var_words(text: str) -> set[str]:
    return set(re.findall(r"--[\w-]+", text))


def _trim_rules(rules: list[ast.Node], words: frozenset[str], keep_vars: set[str] | None) -> list[str]:
    out: list[str] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            kept = [s for s in _selectors(rule.prelude) if all(name in words for name in _names(s))]
            if not kept:
                continue
            body = _body(rule.content, keep_vars)
            if body is None:
                continue
            out.append(",".join(_strip(s) for s in kept) + "{" + body + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING and rule.content is not None:
            inner = _trim_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), words, keep_vars)
            if inner:
                out.append(f"@{rule.at_keyword} {_strip(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "at-rule":
            out.append(rule.serialize())
    return out


def _body(content: list[ast.Node], keep_vars: set[str] | None) -> str | None:
    """The declarations of a style rule, without unused custom properties; None when nothing is left."""
    if keep_vars is None:
        return _strip(content)
    items = _custom_properties(content)
    kept = [item.serialize() for item in items
            if not (item.type == "declaration" and item.name.startswith("--") and item.name not in keep_vars)]
    return ";".join(kept) if kept else None


def trim(css: str, words: frozenset[str]) -> str:
    """The stylesheet with only the rules and custom properties these words can use."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    text = "".join(_trim_rules(rules, words, None))
    keep_vars = {word for word in words if word.startswith("--")}
    while True:  # a custom property used only by dropped ones goes too
        used = _var_words(re.sub(r"(?<![\w-])(--[\w-]+)\s*:", ":", text)) | keep_vars
        smaller = "".join(_trim_rules(rules, words, used))
        if smaller == text:
            return text
        text = smaller


# class, id and style attribute values; one literal pattern each (six scans with a fast literal
# search are 2.5 times quicker than one alternation); data-class="…" is read too, which only keeps more
ATTRIBUTES = tuple(re.compile(f"{name}={q}([^{q}]*){q}") for name in ("class", "id", "style") for q in "\"'")
# scripts that are data (the search index, the comparison's data): their words style nothing
DATA_SCRIPTS = frozenset({*INDEX_SCRIPTS, COMPARE_DATA})
CHUNK = 256  # files per task of the pool


def _words_of_files(paths: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
        if path.endswith(".html"):
            text = " ".join(value for pattern in ATTRIBUTES for value in pattern.findall(text))
        found.update(WORD.findall(text))
    return found


def _site_words(site: Path) -> frozenset[str]:
    """The words of every script and of the class, id and style attributes of every page, read in
    chunks by a pool of processes for a big site (a big site's pages are never all in memory)."""
    paths: list[str] = []
    for folder, _, names in os.walk(site):
        for name in names:
            path = os.path.join(folder, name)
            relative = Path(path).relative_to(site).as_posix()
            if name.endswith(SOURCES) and not relative.startswith(UNUSED) and relative not in DATA_SCRIPTS:
                paths.append(path)
    paths.sort()
    workers = parallel.cores() if len(paths) >= parallel.MKDOCS_PAGES_FROM else 1
    return frozenset(parallel.flatten(parallel.pool_map(_words_of_files, parallel.chunks(paths, CHUNK), workers)))


def trim_site(site: Path) -> list[Trimmed]:
    """Trim every stylesheet of a built site in place (a staging folder, before the swap)."""
    words = _site_words(site)
    done = []
    for path in sorted(site.rglob("*.css")):
        before = path.read_text(encoding="utf-8")
        after = trim(before, words)
        path.write_text(after, encoding="utf-8")
        done.append(Trimmed(path.relative_to(site).as_posix(), len(before.encode()), len(after.encode())))
    return done
