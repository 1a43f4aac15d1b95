"""Packaging hook: the wheel carries the default schemas, MkDocs configuration and template overrides.

They stay at the top of the repository (records point at ../schema/ for editors), and build_py
copies them into generator/defaults/ of the built package; generator/paths.py finds them there.
An editable install keeps using the repository's own files.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DEFAULTS = ("schema", "site_overrides", "mkdocs.yml")


class BuildWithDefaults(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "generator" / "defaults"
        for name in DEFAULTS:
            source, copy = Path(name), target / name
            if copy.is_dir():
                shutil.rmtree(copy)
            copy.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                shutil.copy2(source, copy)


setup(cmdclass={"build_py": BuildWithDefaults})
