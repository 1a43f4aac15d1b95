"""Settings of a content root: `<root>/bdp.yaml` (is it a demo root; the publisher's settings)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

SETTINGS_FILE = "bdp.yaml"


@dataclass(frozen=True)
class RootSettings:
    """What a content root declares about itself. `demo`: the root holds fictional example data
    (plainly fictional places, example indicator values, an example contest with its jury); only
    such a root may hold example data (rule content.example-data)."""
    demo: bool = False


def load_settings(root: Path) -> RootSettings:
    """The settings of a content root; a root without bdp.yaml is a public (non-demo) root."""
    path = root / SETTINGS_FILE
    if not path.is_file():
        return RootSettings()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        return RootSettings()
    return RootSettings(demo=data.get("demo") is True)
