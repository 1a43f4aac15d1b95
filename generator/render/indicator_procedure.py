"""The schedule of a procedure page: Gantt charts of its tasks and steps over months, and the matrix
of who is responsible for what."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from generator.content.records import Record
from generator.polish import MONTHS, MONTHS_GENITIVE, plural
from generator.render.chart_canvas import Chart
from generator.render.csvout import to_csv
from generator.render.indicator_context import IndicatorSite
from generator.render.indicator_text import chart_block, md_table
from generator.render.pages.common import esc, page_path


def month_index(value: str | None) -> int | None:
    """'2014-02' -> a month number (year * 12 + month - 1); a bare year is its January."""
    if not value:
        return None
    year, _, month = value.partition("-")
    return int(year) * 12 + (int(month[:2]) - 1 if month else 0)


def _span(start: str, end: str) -> tuple[int, int] | None:
    """(first month, last month) of a period; None when either is unknown."""
    a, b = month_index(start), month_index(end)
    return (a, b) if a is not None and b is not None else None


def month_name(index: int, genitive: bool = False) -> str:
    return f"{(MONTHS_GENITIVE if genitive else MONTHS)[index % 12]} {index // 12}"


def _task_rows(tasks: list[Any]) -> tuple[list[list[Any]], list[list[Any]], list[list[str]], list[int]]:
    """(chart rows, CSV rows, table rows, every month named) of the tasks' periods and steps."""
    rows, csv_rows, table = [], [], []
    months: list[int] = []
    for task in tasks:
        spans = [span for p in task.get("periods", []) if p.get("start") and (span := _span(p["start"], p.get("end") or p["start"]))]
        months += [m for span in spans for m in span]
        rows.append([f"Zadanie {task['number']}", [list(s) for s in spans], 0, ""])
        dated = [s for s in task["steps"] if s.get("start")]
        table.append([f"Zadanie {task['number']}. {esc(task['title'])}",
                      "; ".join(f"{month_name(a)} – {month_name(b)}" for a, b in spans) or "brak terminu w źródle",
                      f"{len(dated)} z {len(task['steps'])}"])
        for step in task["steps"]:
            a, b = month_index(step.get("start")), month_index(step.get("end") or step.get("start"))
            csv_rows.append([task["number"], step["number"], step["title"], step.get("start", ""), step.get("end", step.get("start", "")),
                             " ".join(step.get("responsible", []))])
            if a is not None and b is not None:
                months += [a, b]
    return rows, csv_rows, table, months


def plan_procedure(site: IndicatorSite, procedure: Record) -> None:
    """Timeline of the tasks and steps over months, and the matrix of who is responsible for what."""
    page = page_path(procedure)
    folder = f"{procedure.type.url_dir}/{procedure.id}"
    tasks = procedure.get("tasks", [])
    rows, csv_rows, table, months = _task_rows(tasks)
    if not months:
        return
    first, last = min(months), max(months)
    chart = Chart("gantt", f"{procedure.get('title')} — harmonogram zadań", (
        f"Wykres Gantta: {plural(len(tasks), 'zadanie', 'zadania', 'zadań')} na osi miesięcy od {month_name(first, True)} do {month_name(last, True)}; "
        "każdy pasek to okres realizacji zadania podany w źródle."), {"first": first, "last": last, "rows": rows})
    site.charts[f"{folder}/harmonogram.svg"] = chart
    site.files[f"{folder}/harmonogram.csv"] = to_csv(["zadanie", "krok", "tytul", "poczatek", "koniec", "odpowiedzialni"], csv_rows)
    parts = ["## Harmonogram\n\n", chart_block(page, f"{folder}/harmonogram.svg", chart, "Okresy realizacji zadań",
                                               md_table(["Zadanie", "Okres realizacji", "Kroki z terminem"], table), f"{folder}/harmonogram.csv")]
    parts += [_task_steps(site, page, folder, task, first, last) for task in tasks]
    parts.append(_responsibility(procedure))
    site.procedure_sections[procedure.id] = "".join(parts)


def _task_steps(site: IndicatorSite, page: str, folder: str, task: dict[str, Any], first: int, last: int) -> str:
    """The Gantt chart of one task's dated steps with who is responsible ("" when none is dated)."""
    steps = [s for s in task["steps"] if s.get("start")]
    if not steps:
        return ""
    step_rows = [[f"Krok {s['number']}", [[month_index(s["start"]), month_index(s.get("end") or s["start"])]], 1,
                  ", ".join(s.get("responsible", []))] for s in steps]
    path = f"{folder}/harmonogram-zadanie-{task['number']}.svg"
    site.charts[path] = Chart("gantt", f"Zadanie {task['number']} — kroki w czasie", (
        f"Wykres Gantta: {plural(len(steps), 'krok', 'kroki', 'kroków')} zadania {task['number']} z terminami ze źródła; przy pasku "
        "skróty partnerów odpowiedzialnych za krok."), {"first": first, "last": last, "rows": step_rows})
    site.files[path[:-4] + ".csv"] = to_csv(["krok", "tytul", "poczatek", "koniec", "odpowiedzialni"],
                                            ([s["number"], s["title"], s["start"], s.get("end", s["start"]), " ".join(s.get("responsible", []))]
                                             for s in steps))
    step_table = md_table(["Krok", "Od", "Do", "Odpowiedzialni"],
                          [[f"{s['number']}. {esc(s['title'])}", month_name(month_index(s['start']) or 0),
                            month_name(month_index(s.get('end') or s['start']) or 0), ", ".join(s.get("responsible", [])) or "nie wskazano"]
                           for s in steps])
    return (f"### Zadanie {task['number']} — kroki w czasie\n\n"
            + chart_block(page, path, site.charts[path], f"Kroki zadania {task['number']}", step_table, path[:-4] + ".csv"))


def _counts(task: dict[str, Any]) -> tuple[dict[str, int], dict[str, int], int]:
    """(steps per partner, meetings per partner, steps without a partner) of one task."""
    steps: dict[str, int] = defaultdict(int)
    meetings: dict[str, int] = defaultdict(int)
    unassigned = 0
    for step in task["steps"]:
        for code in step.get("responsible", []):
            steps[code] += 1
        if not step.get("responsible"):
            unassigned += 1
        for meeting in step.get("meetings", []):
            for code in meeting.get("responsible", []):
                meetings[code] += meeting.get("count", 1)
    return steps, meetings, unassigned


def _cell(steps: int, meetings: int) -> str:
    parts = []
    if steps:
        parts.append(plural(steps, "krok", "kroki", "kroków"))
    if meetings:
        parts.append(plural(meetings, "spotkanie", "spotkania", "spotkań"))
    return ", ".join(parts) or "—"


def _responsibility(procedure: Record) -> str:
    codes = [p["code"] for p in procedure.get("partners", [])]
    rows = []
    for task in procedure.get("tasks", []):
        steps, meetings, unassigned = _counts(task)
        rows.append([f"Zadanie {task['number']}", *(_cell(steps[c], meetings[c]) for c in codes), str(unassigned) if unassigned else "—"])
    return ("## Kto za co odpowiada\n\nMacierz odpowiedzialności: liczba kroków (i spotkań), za które odpowiada partner w każdym "
            "zadaniu, według źródła. „—” oznacza brak kroków tego partnera.\n\n"
            + md_table(["Zadanie", *codes, "Kroki bez wskazanego partnera"], rows) + "\n")
