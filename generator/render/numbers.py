"""Numbers as the pages, charts and CSV files print them."""
from __future__ import annotations

from typing import Any


def number(value: float | None, decimals: int | None = None) -> str:
    """Polish number: decimal comma, non-breaking space between thousands, at most 2 decimals."""
    if value is None or value != value:
        return "—"
    if decimals is None:
        decimals = 0 if abs(value) >= 1000 else 1 if abs(value) >= 10 else 2
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = text.replace(",", "\u00a0").replace(".", ",")
    return "0" if text in ("-0", "") else text


def plain(value: Any) -> str:
    """A number for a CSV file: dot decimal, no rounding beyond 6 places."""
    if value is None or value != value:
        return ""
    if isinstance(value, float):
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text
    return str(value)


def signed(value: float | None) -> str:
    """A change: "+1,5", "-2", "0"; "—" when unknown."""
    if value is None or value != value:
        return "—"
    return ("+" if value > 0 else "") + number(value)
