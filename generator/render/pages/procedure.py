"""Procedure pages: tasks, steps, responsible partners and meetings as tables."""
from __future__ import annotations

from typing import Any

from generator.content.records import Record
from generator.derive.model import SiteModel
from generator.polish import format_period, plural
from generator.render.indicators import indicator_site
from generator.render.pages.common import (
    edit_footer,
    esc,
    facts_table,
    join,
    jst_link,
    link,
    notice,
    page_path,
    record_list,
    section,
    sources_section,
)


def _meetings(step: dict[str, Any]) -> str:
    items = []
    for meeting in step.get("meetings", []):
        text = f"{meeting['count']} × " if meeting.get("count") else ""
        text += esc(meeting["kind"])
        if meeting.get("responsible"):
            text += f" ({', '.join(meeting['responsible'])})"
        if meeting.get("when"):
            text += f" — {esc(meeting['when'])}"
        items.append(text)
    return "; ".join(items)


def _step_text(step: dict[str, Any]) -> str:
    text = esc(step["title"])
    if step.get("items"):
        text += ": " + "; ".join(esc(i) for i in step["items"])
    return text


def _task(task: dict[str, Any]) -> str:
    parts = [f"## Zadanie {task['number']}. {esc(task['title'])}\n\n"]
    if task.get("when"):
        parts.append(f"**Okres realizacji:** {esc(task['when'])}\n\n")
    if task.get("note"):
        parts.append(notice("note", "Uwaga redakcji", esc(task["note"])))
    parts.append("| Nr | Krok | Odpowiedzialni | Termin | Spotkania |\n| --- | --- | --- | --- | --- |\n")
    group = None
    for step in task["steps"]:
        if step.get("group") and step.get("group") != group:
            group = step["group"]
            parts.append(f"| | **{esc(group)}** | | | |\n")
        parts.append(f"| {step['number']} | {_step_text(step)} | {', '.join(step.get('responsible', []))} | "
                     f"{esc(step.get('when', ''))} | {_meetings(step)} |\n")
    return "".join(parts) + "\n"


def render_procedure(model: SiteModel, procedure: Record) -> str:
    page = page_path(procedure)
    practice = model.get("practice", procedure.get("practice", "")) if procedure.get("practice") else None
    tasks = procedure.get("tasks", [])
    steps = sum(len(t["steps"]) for t in tasks)
    meetings = sum(m.get("count", 1) for t in tasks for s in t["steps"] for m in s.get("meetings", []))
    rows = [("Samorządy", join(jst_link(page, model, c) for c in procedure.get("jst", []))),
            ("Praktyka", link(page, practice) if practice else ""),
            ("Okres", format_period(procedure.get("period")) if procedure.get("period") else ""),
            ("Zakres", f"{plural(len(tasks), 'zadanie', 'zadania', 'zadań')}, {plural(steps, 'krok', 'kroki', 'kroków')}, "
                       f"{plural(meetings, 'spotkanie', 'spotkania', 'spotkań')} wymienionych w źródle")]
    partners = "| Skrót | Partner |\n| --- | --- |\n" + "".join(
        f"| {p['code']} | {esc(p['name'])}" + (f" ({jst_link(page, model, p['jst'])})" if p.get("jst") else "") + " |\n"
        for p in procedure.get("partners", []))
    return "".join([
        f"# {esc(procedure.get('title'))}\n\n",
        f"{esc(procedure.get('summary'))}\n\n" if procedure.get("summary") else "",
        facts_table(rows), "\n", section("Partnerzy", partners),
        indicator_site(model).procedure_sections.get(procedure.id, ""),
        "".join(_task(t) for t in tasks),
        sources_section(page, model, procedure), edit_footer(model, procedure),
    ])


def render_procedure_index(model: SiteModel) -> str:
    return ("# Procedury\n\nProcedury zapisane jako dane: zadania, kroki, terminy, odpowiedzialni i spotkania.\n\n"
            + (record_list("procedury/index.md", model.all("procedure")) or "Brak procedur.\n"))
