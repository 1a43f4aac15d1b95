"""MkDocs hooks: pages are converted by cmark-gfm (generator/render/markup.py), cleaned by nh3
(generator/render/sanitize.py), and built on every core.

Conversion. `on_pre_page` replaces the page's Python-Markdown step with nothing;
`on_page_content` returns the page's HTML with the table of contents, the anchors and the links
MkDocs would have collected, so MkDocs still checks every anchor. Links to files that do not exist
are reported as warnings, which fail the strict build. Every page is sanitised except those the
generator marks `bdp_trusted: true` (written only from escaped data).

Both cores. A MkDocs build is one process. With `BDP_MKDOCS_WORKERS` above 1 (the default is the
number of cores; previews set 1) and enough pages:
- `on_files` converts and sanitises every page in a process pool before MkDocs reads them;
- `on_env` (all pages read, none written) forks: the child renders the theme template for every
  second page and writes it; the parent gives those pages an empty template (MkDocs then writes
  nothing for them) and builds the rest; `on_post_build` waits for the child and logs its
  warnings, so a failure in either process fails the strict build. The sitemap and anchor checks
  still see every page, because every page stays in MkDocs' file list.
"""
from __future__ import annotations

import functools
import gc
import json
import logging
import os
import posixpath
import re
import tempfile
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any

from mkdocs.structure.toc import get_toc

from generator.render.markup import Rendered, page_file, render, resolve
from generator.render.sanitize import sanitize
from generator.site.mkdocs_run import KEEP_VARIABLE, WarningCollector, kept

__all__ = ["sanitize"]

log = logging.getLogger("mkdocs.plugins.bdp")

PARALLEL_FROM = 300  # pages; below this a second process costs more than it saves
SKIP_TEMPLATE = "bdp-skip.html"  # added to the theme's loader in on_env; renders nothing

_pending: dict[str, Rendered] = {}
_state: dict[str, Any] = {}


def _workers() -> int:
    return max(1, int(os.environ.get("BDP_MKDOCS_WORKERS") or os.cpu_count() or 1))


def on_files(files: Any, config: Any, **_: Any) -> Any:
    _pending.clear()
    _state.clear()
    pages = list(files.documentation_pages())
    workers = _workers()
    if workers > 1 and len(pages) >= PARALLEL_FROM:
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            done = pool.map(page_file, [f.abs_src_path for f in pages], chunksize=32)
            _pending.update(zip((f.src_uri for f in pages), done))
        _state["parallel"] = workers
    return files


def on_nav(nav: Any, **_: Any) -> Any:
    _state["nav"] = nav
    return nav


def _no_conversion(page: Any, config: Any, files: Any) -> None:
    """Stands in for Page.render: the page is converted already (on_page_content fills it in).
    Python-Markdown would otherwise be set up anew for every page (0.6 ms, 7 s at 12,000 pages)."""
    page.content, page.toc, page._title_from_render = "", get_toc([]), None
    page.present_anchor_ids, page.links_to_anchors = set(), {}


def on_pre_page(page: Any, **_: Any) -> Any:
    page.render = functools.partial(_no_conversion, page)
    return page


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    rendered = _pending.get(page.file.src_uri)
    if rendered is None:
        rendered = _pending[page.file.src_uri] = render(markdown)
    if rendered.title and "title" not in page.meta:
        page.meta["title"] = rendered.title
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
    if rendered.final or page.meta.get("bdp_trusted"):
        return rendered.html
    return sanitize(rendered.html)


_KEEP = re.compile(r"<(pre|textarea|script)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
_INDENT = re.compile(r"\n[ \t\r\n]+")


def compact(html: str) -> str:
    """A line break followed by indentation (4 KB of a practice page, from the theme's templates)
    becomes one line break, which the browser shows the same; <pre>, <textarea> and <script>
    blocks are kept exactly. 0.3 ms a page."""
    out, position = [], 0
    for block in _KEEP.finditer(html):
        out += [_INDENT.sub("\n", html[position:block.start()]), block.group(0)]
        position = block.end()
    out.append(_INDENT.sub("\n", html[position:]))
    return "".join(out)


def on_post_page(output: str, **_: Any) -> str:
    return compact(output)


NAV_TEMPLATE = "partials/nav.html"


def cache_nav(env: Any, nav: Any) -> None:
    """The theme's navigation (half of the page template's time) is rendered once per folder for
    the pages that are not in it: for them it differs only in its relative links, which depend on
    the page's folder. Pages in the navigation (one of them is marked active) are rendered as usual.
    `BDP_NAV_CACHE=0` turns this off (tests/test_build.py compares both outputs)."""
    if os.environ.get("BDP_NAV_CACHE") == "0" or nav is None:
        return
    template = env.get_template(NAV_TEMPLATE)
    render = getattr(template.root_render_func, "__wrapped__", template.root_render_func)
    in_nav = {id(page) for page in nav.pages}
    rendered: dict[str, str] = {}

    def cached(context: Any) -> Any:
        page = context.get("page")
        if page is None or id(page) in in_nav:
            yield from render(context)
            return
        folder = posixpath.dirname(page.url)
        if folder not in rendered:
            rendered[folder] = "".join(render(context))
        yield rendered[folder]

    cached.__wrapped__ = render  # type: ignore[attr-defined]
    template.root_render_func = cached


def on_env(env: Any, config: Any, files: Any, **_: Any) -> Any:
    if os.environ.get(KEEP_VARIABLE):  # a preview keeps the build to rebuild single pages later
        kept.update(config=config, files=files, nav=_state.get("nav"), env=env)
    cache_nav(env, _state.get("nav"))
    if not _state.get("parallel") or not hasattr(os, "fork"):
        return env
    import jinja2
    from mkdocs.commands.build import _build_page

    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({SKIP_TEMPLATE: ""}), env.loader])

    pages = list(files.documentation_pages())
    share = pages[1::2]
    report = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8")
    report.close()
    gc.collect()
    gc.freeze()  # objects stay untouched in the child: fewer copied memory pages
    pid = os.fork()
    if pid == 0:  # the child: build its share, report warnings, never return into MkDocs
        handler = WarningCollector()
        logging.getLogger("mkdocs").addHandler(handler)
        status = 0
        try:
            for file in share:
                _build_page(file.page, config, pages, _state["nav"], env)
        except BaseException as exc:
            handler.messages.append(f"{type(exc).__name__}: {exc}")
        finally:
            if handler.messages:
                status = 1
            with open(report.name, "w", encoding="utf-8") as out:
                json.dump(handler.messages, out, ensure_ascii=False)
            os._exit(status)
    gc.unfreeze()
    for file in share:
        file.page.meta["template"] = SKIP_TEMPLATE
    _state["child"] = (pid, report.name)
    return env


def on_post_build(**_: Any) -> None:
    child = _state.pop("child", None)
    if child is None:
        return
    pid, report = child
    _, status = os.waitpid(pid, 0)
    try:
        with open(report, encoding="utf-8") as handle:
            messages = json.load(handle)
    except (OSError, ValueError):
        messages = []
    finally:
        os.unlink(report)
    for message in messages:
        log.warning("%s", message)
    if status != 0 and not messages:
        log.warning("Proces budujący część stron zakończył się błędem (status %s).", status)
