"""What the indicator data adds to the site: page sections, the charts to draw and the CSV downloads.

`plan_site` is a pure function of the model and the derived data (generator.derive.indicators,
computed once by the build). The charts are only described here (`Chart`);
generator.render.charts draws them. Every chart is followed by the same data as a table and a CSV
file. The sections of each page kind are in indicator_page, indicator_jst, indicator_practice and
indicator_procedure.

The pages that show a section find the planned layer with `indicator_site(model)`: the build plans
it once and hands it over with `attach`; a caller that did not (a test, a benchmark) gets it planned
on first use.
"""
from __future__ import annotations

import weakref

from generator.content.records import Record
from generator.derive.indicators import Derived, derive_for
from generator.derive.model import SiteModel
from generator.render.indicator_context import Context, IndicatorSite
from generator.render.indicator_jst import jst_sections
from generator.render.indicator_page import indicator_section
from generator.render.indicator_practice import practice_section
from generator.render.indicator_procedure import plan_procedure
from generator.render.numbers import plain

__all__ = ["IndicatorSite", "attach", "carry_over", "indicator_site", "plain", "plan_site", "replan_practices"]

_PLANNED: weakref.WeakKeyDictionary[SiteModel, IndicatorSite] = weakref.WeakKeyDictionary()


def plan_site(model: SiteModel, derived: Derived) -> IndicatorSite:
    """Everything indicator data adds to the site, computed once per build."""
    site = IndicatorSite(example=set(derived.example), derived=derived)
    ctx = Context(model, derived, site)
    for indicator in model.all("indicator"):
        indicator_section(ctx, indicator)
    jst_sections(ctx)
    for practice in model.all("practice"):
        practice_section(ctx, practice)
    for procedure in model.all("procedure"):
        plan_procedure(site, procedure)
    site.charts = dict(sorted(site.charts.items()))
    site.files = dict(sorted(site.files.items()))
    return site


def attach(model: SiteModel, site: IndicatorSite) -> IndicatorSite:
    """Make `site` the indicator layer the pages of `model` show."""
    _PLANNED[model] = site
    return site


def indicator_site(model: SiteModel) -> IndicatorSite:
    """The indicator layer of `model`: the one attached, or planned now from freshly derived data."""
    site = _PLANNED.get(model)
    return site if site is not None else attach(model, plan_site(model, derive_for(model)))


def carry_over(old: SiteModel, new: SiteModel) -> None:
    """A model replaced after a preview's edit keeps the layer planned for the old one (when there is one)."""
    site = _PLANNED.get(old)
    if site is not None:
        _PLANNED[new] = site


def replan_practices(model: SiteModel, practices: list[Record]) -> IndicatorSite:
    """After a preview's edit of these practices: their sections, charts and CSV files planned again."""
    site = indicator_site(model)
    if site.derived is None:
        return site
    ctx = Context(model, site.derived, site)
    for practice in practices:
        folder = f"{practice.type.url_dir}/{practice.id}/"
        site.practice_sections.pop(practice.id, None)
        site.charts = {k: v for k, v in site.charts.items() if not k.startswith(folder)}
        site.files = {k: v for k, v in site.files.items() if not k.startswith(folder)}
        practice_section(ctx, practice)
    site.charts = dict(sorted(site.charts.items()))
    site.files = dict(sorted(site.files.items()))
    return site
