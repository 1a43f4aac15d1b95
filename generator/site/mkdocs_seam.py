"""The seam to MkDocs: the only module that imports MkDocs (or ProperDocs, its maintained fork) and
the only one that knows Material for MkDocs. MkDocs builds the navigation, renders Material's
templates, writes the sitemap and checks links and anchors; pages are converted by cmark-gfm
(generator/render/markup.py) and cleaned by nh3 (generator/render/sanitize.py) instead of
Python-Markdown.

`build_site` loads the configuration, adds `BdpPlugin` (holding this build's `BuildState`, no
environment variables or globals) as the first plugin, and runs the engine's build. The plugin
uses public events:
- on_files: with many pages, every page is converted and sanitised in a process pool
  (generator/parallel.py) before MkDocs reads them, its links resolved there too;
- on_page_read_source: a page converted in the pool is not read and its front matter not parsed again;
- on_page_markdown / on_page_content: the converted page with its table of contents, anchors and
  the links MkDocs checks; links to missing files are warnings, which fail the strict build. Every
  page is sanitised except those the generator marks `bdp_trusted: true` (escaped data only);
- on_env: the navigation partial rendered once per folder (cache_nav); with many pages, the page
  templates are deferred: MkDocs renders an empty template for each and `build_site`, after the
  engine's build returned, renders them on both cores (generator/parallel.py forks there, not
  inside an event);
- on_post_page: whitespace from the theme's templates compacted.

What public events cannot do is listed in PRIVATE_API with the versions it was checked against
(CHECKED_AGAINST); tests/test_seam.py fails when an installed version differs or a listed name is gone.
"""
from __future__ import annotations

import functools
import importlib
import logging
import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

from generator import parallel
from generator.content.settings import Publisher
from generator.paths import MKDOCS_CONFIG, PACKAGE_DIR, mkdocs_config, overrides_dir
from generator.render.markup import Rendered, render
from generator.render.sanitize import sanitize
from generator.site import pages as site_pages
from generator.site.pages import Attached, Converted, KeptSite, MkDocsResult, WarningCollector

ENGINE_VARIABLE = "BDP_ENGINE"  # mkdocs (default) or properdocs
ENGINES = {"mkdocs": "mkdocs", "properdocs": "properdocs"}  # engine → the package to import
# The installed versions this seam was checked against (tests/test_seam.py compares them).
CHECKED_AGAINST = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.2", "properdocs": "1.6.7"}
# Everything the seam uses that is not a documented plugin event or configuration option:
# (engine module or "material", name, why). Names in an engine module are looked up in both engines.
PRIVATE_API: tuple[tuple[str, str, str], ...] = (
    ("commands.build", "_populate_page", "a preview reads and converts edited pages of a kept build again (rebuild_pages)"),
    ("commands.build", "_build_page", "a preview rewrites edited pages; a big build renders deferred templates on both cores"),
    ("structure.pages.Page", "render", "replaced per page (on_pre_page): Python-Markdown is not run (0.6 ms a page)"),
    ("structure.pages.Page", "_title_from_render", "cleared with the replaced render, as Page.render would set it"),
    ("structure.pages.Page", "present_anchor_ids", "the anchors cmark-gfm made, for MkDocs' anchor check"),
    ("structure.pages.Page", "links_to_anchors", "the links to anchors of other pages, for MkDocs' anchor check"),
    ("structure.toc", "get_toc", "the table of contents from cmark-gfm's headings"),
    ("utils.meta", "get_data", "front matter of pages converted before MkDocs reads them"),
    ("material", "templates/partials/nav.html", "Material's navigation partial, rendered once per folder (cache_nav)"),
    ("jinja2", "Template.root_render_func", "the partial's render function, wrapped by cache_nav"),
)
LEGACY_HOOKS = PACKAGE_DIR / "site" / "mkdocs_hooks.py"  # listed by older configurations; the plugin replaced it
NAV_TEMPLATE = "partials/nav.html"
SKIP_TEMPLATE = "bdp-skip.html"  # renders nothing: MkDocs writes no file for a deferred page
CONVERT_CHUNK = 32  # pages per task of the conversion pool
LOGGER = "{engine}.plugins.bdp"  # under the engine's logger, where build_site and strict mode count warnings
Event = TypeVar("Event", bound=Callable[..., Any])


@dataclass
class Options:
    """How one build runs. workers: processes for a big build (a preview's dirty builds use one);
    nav_cache: the navigation rendered once per folder (tests compare with it off); keep: keep the
    finished build for rebuild_pages."""
    engine: str = "mkdocs"
    workers: int = field(default_factory=parallel.cores)
    nav_cache: bool = True
    keep: bool = False


@dataclass
class BuildState:
    """What the plugin's events pass to each other and to build_site during one build."""
    options: Options
    engine: ModuleType
    pending: dict[str, Rendered | Converted] = field(default_factory=dict)  # converted pages not yet read by MkDocs
    nav: Any = None
    kept: KeptSite | None = None
    deferred: list[tuple[Any, Any]] = field(default_factory=list)  # (page, its own template or None)
    env: Any = None
    config: Any = None
    files: Any = None


def engine_name(value: str | None = None) -> str:
    """The engine asked for (BDP_ENGINE when value is None); ValueError with a Polish message otherwise."""
    name = (os.environ.get(ENGINE_VARIABLE) if value is None else value) or "mkdocs"
    if name not in ENGINES:
        raise ValueError(f"Nieznany silnik {ENGINE_VARIABLE}=„{name}”; dozwolone: {', '.join(ENGINES)}.")
    return name


def load_engine(name: str) -> ModuleType:
    """The engine's package with the submodules the seam uses imported."""
    try:
        package = importlib.import_module(ENGINES[name])
    except ImportError as exc:
        raise ValueError(f"Silnik „{name}” nie jest zainstalowany (pip install {name}).") from exc
    for module in ("commands.build", "config", "exceptions", "plugins", "structure.files", "structure.toc", "utils.meta", "utils.yaml"):
        importlib.import_module(f"{package.__name__}.{module}")
    return package


def plugin_for(state: BuildState) -> Any:
    """A BdpPlugin of the state's engine (a subclass of its BasePlugin; every event runs first)."""
    return _plugin_class(state.engine.__name__)(state)


@functools.cache
def _plugin_class(package: str) -> type:
    engine = importlib.import_module(package)
    first: Callable[[Event], Event] = engine.plugins.event_priority(100)  # before the hooks a configuration lists

    class BdpPlugin(engine.plugins.BasePlugin):  # type: ignore[misc,name-defined]
        def __init__(self, state: BuildState) -> None:
            super().__init__()
            self.state = state

        @first
        def on_files(self, files: Any, config: Any, **_: Any) -> Any:
            return _on_files(self.state, files)

        @first
        def on_nav(self, nav: Any, **_: Any) -> Any:
            self.state.nav = nav
            return nav

        @first
        def on_pre_page(self, page: Any, **_: Any) -> Any:
            page.render = functools.partial(_no_conversion, self.state.engine, page)
            return page

        @first
        def on_page_read_source(self, page: Any, **_: Any) -> str | None:
            return "" if isinstance(self.state.pending.get(page.file.src_uri), Converted) else None  # read already

        @first
        def on_page_markdown(self, markdown: str, page: Any, **_: Any) -> str:
            return _on_page_markdown(self.state, markdown, page)

        @first
        def on_page_content(self, html: str, page: Any, files: Any, **_: Any) -> str:
            return _on_page_content(self.state, page, files)

        @first
        def on_env(self, env: Any, config: Any, files: Any, **_: Any) -> Any:
            return _on_env(self.state, env, config, files)

        @first
        def on_post_page(self, output: str, **_: Any) -> str:
            return site_pages.compact(output)

    return BdpPlugin


def _big(state: BuildState, pages: int) -> bool:
    return state.options.workers > 1 and pages >= parallel.MKDOCS_PAGES_FROM and parallel.can_fork()


def _on_files(state: BuildState, files: Any) -> Any:
    state.pending.clear()
    pages = list(files.documentation_pages())
    if _big(state, len(pages)):
        convert = functools.partial(site_pages.page_file, state.engine.utils.meta.get_data)
        site_pages.SITE_FILES.update((f.src_uri, f.is_documentation_page()) for f in files)
        try:
            done = parallel.pool_map(convert, [(f.src_uri, f.abs_src_path) for f in pages], state.options.workers, CONVERT_CHUNK)
        finally:
            site_pages.SITE_FILES.clear()
        state.pending.update(zip((f.src_uri for f in pages), done, strict=True))
    return files


def _no_conversion(engine: ModuleType, page: Any, config: Any, files: Any) -> None:
    """Stands in for Page.render: the page is converted already (on_page_content fills it in).
    Python-Markdown would otherwise be set up anew for every page (0.6 ms, 7 s at 12,000 pages)."""
    page.content, page.toc, page._title_from_render = "", engine.structure.toc.get_toc([]), None
    page.present_anchor_ids, page.links_to_anchors = set(), {}


def _on_page_markdown(state: BuildState, markdown: str, page: Any) -> str:
    rendered = state.pending.get(page.file.src_uri)
    if isinstance(rendered, Converted):  # its source was not read again (on_page_read_source)
        page.meta, rendered = rendered.meta, rendered.rendered
    elif rendered is None:
        rendered = state.pending[page.file.src_uri] = render(markdown)
    if rendered.title and "title" not in page.meta:
        page.meta["title"] = rendered.title
    return ""


def _on_page_content(state: BuildState, page: Any, files: Any) -> str:
    done = state.pending.pop(page.file.src_uri)
    if isinstance(done, Converted):
        rendered, missing, anchors = done.rendered, done.missing, done.anchors
    else:
        rendered = done
        missing, anchors = site_pages.link_targets(page.file.src_uri, done.links, site_pages.page_lookup(files))
    log = logging.getLogger(LOGGER.format(engine=state.engine.__name__))
    for url, target in missing:
        log.warning("Strona „%s” zawiera odnośnik „%s”, ale plik „%s” nie istnieje w witrynie.", page.file.src_uri, url, target)
    page.toc = state.engine.structure.toc.get_toc(rendered.toc)
    page.present_anchor_ids = rendered.ids
    page.links_to_anchors = {files.src_uris[uri]: found for uri, found in anchors.items()}
    if rendered.final or page.meta.get("bdp_trusted"):
        return wrap_tables(rendered.html)
    return wrap_tables(sanitize(rendered.html))


TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)


def wrap_tables(html: str) -> str:
    """Every table without attributes in Material's scrolling box, as its script would wrap it after
    loading: the site does not load the theme's script (site_overrides/main.html, issue #18), and a
    box made with the page does not shift the page when it appears."""
    if "<table>" not in html:
        return html
    return TABLE.sub(lambda m: f'<div class="md-typeset__scrollwrap"><div class="md-typeset__table">{m.group(0)}</div></div>', html)


def cache_nav(env: Any, nav: Any) -> None:
    """Material's navigation (half of the page template's time) is rendered once per folder for
    the pages that are not in it: for them it differs only in its relative links, which depend on
    the page's folder. Pages in the navigation (one of them is marked active) are rendered as usual."""
    template = env.get_template(NAV_TEMPLATE)
    render_nav = getattr(template.root_render_func, "__wrapped__", template.root_render_func)
    in_nav = {id(page) for page in nav.pages}
    rendered: dict[str, str] = {}

    def cached(context: Any) -> Any:
        page = context.get("page")
        if page is None or id(page) in in_nav:
            yield from render_nav(context)
            return
        folder = posixpath.dirname(page.url)
        if folder not in rendered:
            rendered[folder] = "".join(render_nav(context))
        yield rendered[folder]

    cached.__wrapped__ = render_nav  # type: ignore[attr-defined]
    template.root_render_func = cached


def _on_env(state: BuildState, env: Any, config: Any, files: Any) -> Any:
    state.env, state.config, state.files = env, config, files
    if state.options.keep:  # a preview keeps the build to rebuild single pages later
        state.kept = KeptSite(config, files, state.nav, env, state.options.engine)
    if state.options.nav_cache and state.nav is not None:
        cache_nav(env, state.nav)
    pages = list(files.documentation_pages())
    if _big(state, len(pages)):
        import jinja2

        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({SKIP_TEMPLATE: ""}), env.loader])
        for file in pages:
            state.deferred.append((file.page, file.page.meta.get("template")))
            file.page.meta["template"] = SKIP_TEMPLATE
    return env


def _render_deferred(state: BuildState, handler: WarningCollector) -> None:
    """The page templates deferred in on_env, rendered after the engine's build returned: every
    second page in a forked process (generator/parallel.py), the others here; the child's warnings
    join this build's. Every page keeps its own template."""
    for page, template in state.deferred:
        if template is None:
            del page.meta["template"]
        else:
            page.meta["template"] = template
    pages = [page for page, _ in state.deferred]
    state.deferred = []
    doc_files = state.files.documentation_pages()
    child = parallel.beside(functools.partial(_build_pages, state, pages[1::2], doc_files, True), True, freeze=True)
    try:
        _build_pages(state, pages[0::2], doc_files, False)
    finally:  # the child is always waited for
        handler.messages += child()


def _build_pages(state: BuildState, pages: list[Any], doc_files: Any, collect: bool) -> list[str]:
    """Render and write these pages' templates; with `collect`, the warnings logged meanwhile are returned."""
    handler = WarningCollector()
    logger = logging.getLogger(state.engine.__name__)
    if collect:
        logger.addHandler(handler)
    try:
        for page in pages:
            state.engine.commands.build._build_page(page, state.config, doc_files, state.nav, state.env)
    except Exception as exc:
        handler.messages.append(f"{type(exc).__name__}: {exc}")
        if not collect:
            raise
    finally:
        logger.removeHandler(handler)
    return handler.messages


def config_overrides(config_file: Path, custom_dir: Path | None = None, engine: ModuleType | None = None) -> dict[str, Any]:
    """What bdp sets on top of a MkDocs configuration file: the hooks the file lists, resolved
    against the file's folder (bdp's own plugin is added by build_site, first); and the theme's
    custom_dir when a content root's site_overrides/ replaces the packaged one."""
    engine = engine or load_engine("mkdocs")
    with config_file.open(encoding="utf-8") as stream:
        raw = engine.utils.yaml.yaml_load(stream) or {}
    listed = [(config_file.parent / str(hook)).resolve() for hook in raw.get("hooks") or []]
    overrides: dict[str, Any] = {"hooks": [str(h) for h in listed if h != LEGACY_HOOKS]}
    if custom_dir is not None:
        theme = raw.get("theme") or {}
        overrides["theme"] = {**(theme if isinstance(theme, dict) else {"name": theme}), "custom_dir": str(custom_dir.resolve())}
    return overrides


def build_site(docs_dir: Path, site_dir: Path, config_file: Path | None = None, epoch: int | None = None,
               dirty: bool = False, keep: bool = False, publisher: Publisher | None = None,
               root: Path | None = None, options: Options | None = None) -> MkDocsResult:
    """Run a strict MkDocs build; any warning fails it. Nothing is raised to the caller.

    `epoch` becomes SOURCE_DATE_EPOCH for the duration of the build, so dates MkDocs stamps
    (sitemap) come from the content, not the clock. `publisher` (the root's bdp.yaml) sets
    site_url and is merged into extra.bdp, where the templates read it. Without `config_file`,
    the content `root`'s own mkdocs.yml and site_overrides/ win over the packaged ones
    (generator/paths.py). `options` default to BDP_ENGINE's engine on every core; a dirty build
    (a preview rewriting a few pages) runs in one process.
    """
    try:
        options = options or Options(engine=engine_name())
        engine = load_engine(engine_name(options.engine))
    except ValueError as exc:
        return MkDocsResult(False, error=str(exc))
    options = replace(options, keep=options.keep or keep, workers=1 if dirty else options.workers)
    state = BuildState(options, engine)
    with Attached(logging.getLogger(engine.__name__), epoch) as handler:
        try:
            if config_file is None:
                config_file, custom_dir = (mkdocs_config(root), overrides_dir(root)) if root is not None else (MKDOCS_CONFIG, None)
            else:
                custom_dir = None
            overrides = config_overrides(config_file, custom_dir, engine)
            if publisher and publisher.mkdocs_site_url():
                overrides["site_url"] = publisher.mkdocs_site_url()
            config = engine.config.load_config(config_file=str(config_file), docs_dir=str(docs_dir.resolve()),
                                               site_dir=str(site_dir.resolve()), strict=not dirty, **overrides)
            if publisher is not None:
                site_pages.merge_extra(config["extra"], publisher.mkdocs_extra())
            config.plugins["bdp"] = plugin_for(state)
            engine.commands.build.build(config, dirty=dirty)
            if state.deferred:
                _render_deferred(state, handler)
            if dirty:  # MkDocs warns that a dirty build is one; a preview knows
                handler.messages = [m for m in handler.messages if not m.startswith("A 'dirty' build")]
            ok, error = not handler.messages, ""
        except engine.exceptions.MkDocsException as exc:
            ok, error = False, str(exc)
        except Exception as exc:
            ok, error = False, f"{type(exc).__name__}: {exc}"
    return MkDocsResult(ok, handler.messages, error, state.kept if options.keep and ok else None)


def rebuild_pages(state: KeptSite, uris: list[str], added: list[str] = (), removed: list[str] = ()) -> MkDocsResult:  # type: ignore[assignment]
    """Read, convert and write these pages of a kept build again; `added` and `removed` are other
    files (charts, CSV) that the docs tree gained or lost and the caller copied or deleted.
    Anchors and links of the rebuilt pages are checked as in a full build."""
    engine = load_engine(state.engine)
    config = state.config
    for uri in removed:
        if uri in state.files.src_uris:
            state.files.remove(state.files.src_uris[uri])
    for uri in added:
        if uri not in state.files.src_uris:
            state.files.append(engine.structure.files.File(uri, config.docs_dir, config.site_dir, config.use_directory_urls))
    error = ""
    with Attached(logging.getLogger(engine.__name__)) as handler:
        try:
            doc_files = state.files.documentation_pages()
            pages = [state.files.src_uris[uri].page for uri in uris]
            for page in pages:
                engine.commands.build._populate_page(page, state.config, state.files)
            for page in pages:
                engine.commands.build._build_page(page, state.config, doc_files, state.nav, state.env)
            for page in pages:
                page.validate_anchor_links(files=state.files, log_level=logging.WARNING)
        except (engine.exceptions.MkDocsException, KeyError) as exc:
            error = str(exc)
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
    return MkDocsResult(not handler.messages and not error, handler.messages, error)
