"""The automation: workflows, Dependabot, CODEOWNERS and pre-commit, checked offline.

check-jsonschema (GitHub's workflow and Dependabot schemas) and zizmor (offline audits) run on the
real files; the rest reads them as YAML and checks what issue #17 asks of them.
"""
from __future__ import annotations

import fnmatch
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

PROJECT = Path(__file__).resolve().parent.parent
GITHUB = PROJECT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^(?P<action>[\w.-]+/[\w.-]+)@(?P<sha>[0-9a-f]{40}) # v\d+\.\d+\.\d+$")


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def workflow(name: str) -> dict[Any, Any]:
    data = load(GITHUB / "workflows" / name)
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job.get("steps", []))


def uses_lines() -> list[tuple[str, str]]:
    found = []
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith(("uses:", "- uses:")):
                found.append((path.name, line.split("uses:", 1)[1].strip()))
    return found


def test_workflows_and_dependabot_pass_the_github_schemas() -> None:
    for schema, paths in (("vendor.github-workflows", WORKFLOWS), ("vendor.dependabot", [GITHUB / "dependabot.yml"])):
        result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, paths)],
                                capture_output=True, text=True, timeout=300, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_in_the_whole_github_folder() -> None:
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--no-progress", str(GITHUB)],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_every_action_is_pinned_by_sha_with_its_full_version_and_consistently() -> None:
    by_action: dict[str, set[str]] = {}
    for name, uses in uses_lines():
        if uses.startswith("$/"):
            continue  # a workflow of this repository, at the running commit
        match = PINNED.match(uses)
        assert match, f"{name}: {uses} (want owner/repo@<40 hex> # vX.Y.Z)"
        by_action.setdefault(match["action"], set()).add(uses)
    assert {a: u for a, u in by_action.items() if len(u) > 1} == {}, "one pin per action in every workflow"
    assert {"actions/checkout", "actions/setup-python", "actions/create-github-app-token"} <= by_action.keys()


def test_ci_runs_once_per_push_with_a_concurrency_group() -> None:
    ci = workflow("ci.yml")
    assert ci["on"]["push"] == {"branches": ["main"]} and "pull_request" in ci["on"]
    assert "${{ github.workflow }}" in ci["concurrency"]["group"]
    assert "pull_request" in str(ci["concurrency"]["cancel-in-progress"])
    publication = workflow("publikacja.yml")
    assert set(publication["on"]) == {"workflow_call", "workflow_dispatch"}  # never a second run on push
    publish = ci["jobs"]["publish"]
    assert publish["uses"] == "$/.github/workflows/publikacja.yml" and set(publish["needs"]) == {"unit", "full"}
    assert "refs/heads/main" in publish["if"]
    for name in ("ci.yml", "publikacja.yml", "zgloszenie.yml"):
        text = (GITHUB / "workflows" / name).read_text(encoding="utf-8")
        assert "pull_request_target" not in text and "workflow_run" not in text, name


def test_ci_matrix_runs_the_fast_tests_on_three_pythons_and_everything_on_one() -> None:
    jobs = workflow("ci.yml")["jobs"]
    assert jobs["unit"]["strategy"]["matrix"]["python"] == ["3.11", "3.12", "3.13"]
    assert [s["run"] for s in steps(jobs["unit"]) if "run" in s] == ["make test-unit"]
    assert "bash .ci/run" in [s.get("run") for s in steps(jobs["full"])]
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    assert 'UNIT := not browser and not slow' in makefile and '-m "$(UNIT)"' in makefile
    markers = (PROJECT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"browser: ' in markers and '"slow: ' in markers


def test_ci_caches_pip_and_npm_from_the_lock_files() -> None:
    jobs = workflow("ci.yml")["jobs"]
    python = [s["with"] for job in jobs.values() for s in steps(job) if "setup-python" in s.get("uses", "")]
    assert python and all(w["cache"] == "pip" and "requirements/" in w["cache-dependency-path"] for w in python)
    node = [s["with"] for s in steps(jobs["full"]) if "setup-node" in s.get("uses", "")]
    assert node == [{"node-version": "24", "cache": "npm", "cache-dependency-path": "package-lock.json"}]
    for name in ("publikacja.yml", "zgloszenie.yml"):  # what is published or pushed is built from nothing restored
        for job in workflow(name)["jobs"].values():
            assert not [s for s in steps(job) if "cache" in str(s.get("with", {})) or "actions/cache" in s.get("uses", "")]


def test_the_bot_opens_its_pull_request_with_an_app_token_given_only_to_the_writing_steps() -> None:
    bot = workflow("zgloszenie.yml")
    text = (GITHUB / "workflows" / "zgloszenie.yml").read_text(encoding="utf-8")
    assert "github.token" not in text and "secrets.GITHUB_TOKEN" not in text
    assert "env" not in bot or "TOKEN" not in str(bot["env"])
    job = bot["jobs"]["record"]
    assert job["permissions"] == {"contents": "read"}
    assert "TOKEN" not in str(job.get("env", {}))
    names = [s.get("id") or s.get("name") for s in steps(job)]
    app_index = names.index("app")
    app = steps(job)[app_index]
    assert app["uses"].startswith("actions/create-github-app-token@")
    assert app["with"]["private-key"] == "${{ secrets.BDP_BOT_PRIVATE_KEY }}"
    assert app["with"]["client-id"] == "${{ vars.BDP_BOT_CLIENT_ID }}"
    for index, step in enumerate(steps(job)):
        token = step.get("env", {}).get("GH_TOKEN")
        if index <= app_index:
            assert token is None, step
        elif "gh " in step.get("run", "") or "git push" in step.get("run", ""):
            assert token == "${{ steps.app.outputs.token }}", step
    install = [s for s in steps(job)[:app_index] if s.get("run") == "make install"]
    assert install, "the bot installs with `make install` before any token exists"
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    assert "install: $(STAMP)" in makefile and "$(STAMP): pyproject.toml $(RUNTIME_LOCK)" in makefile


def test_dependabot_watches_pip_npm_and_actions() -> None:
    updates = load(GITHUB / "dependabot.yml")["updates"]
    assert {u["package-ecosystem"] for u in updates} == {"pip", "npm", "github-actions"}
    assert all(u["directory"] == "/" for u in updates)


def codeowners() -> list[str]:
    lines = (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    return [line.split()[0] for line in lines if line.strip() and not line.startswith("#") and len(line.split()) > 1]


def owned(path: str, patterns: list[str]) -> bool:
    for pattern in patterns:
        anchored = pattern.lstrip("/")
        if pattern.endswith("/") and path.startswith(anchored):
            return True
        if fnmatch.fnmatch(path, anchored):
            return True
    return False


RUNS_CODE_FILES = ["mkdocs.yml", "pyproject.toml", "Makefile", ".ci/run", "package.json", "package-lock.json",
                   ".pre-commit-config.yaml", "requirements/runtime.txt", "requirements/test.txt"]
RUNS_CODE_DIRS = [".github/", ".ci/", "scripts/", "generator/", "site_overrides/", "tests/"]


def tracked_files() -> list[str]:
    result = subprocess.run(["git", "ls-files"], cwd=PROJECT, capture_output=True, text=True, check=False)
    if result.returncode == 0 and result.stdout:
        return result.stdout.splitlines()
    return [str(p.relative_to(PROJECT)) for p in PROJECT.rglob("*") if p.is_file()]  # pragma: no cover


def test_codeowners_covers_every_file_that_runs_code() -> None:
    patterns = codeowners()
    files = tracked_files()
    running = [f for f in files if f in RUNS_CODE_FILES or f.startswith(tuple(RUNS_CODE_DIRS))
               or (f.endswith((".py", ".sh")) and not f.startswith("demo-jury/jury-site/"))]
    assert len(running) > 50
    assert [f for f in running if not owned(f, patterns)] == []
    for name in RUNS_CODE_FILES:
        assert owned(name, patterns), name


def test_codeowners_matcher_can_fail() -> None:
    assert not owned("mkdocs.yml", ["/generator/", "/Makefile"])
    assert owned("generator/cli.py", ["/generator/"]) and owned("Makefile", ["/Makefile"])


def pre_commit() -> dict[str, Any]:
    return load(PROJECT / ".pre-commit-config.yaml")


def test_pre_commit_needs_no_venv_runs_serially_and_has_ruff() -> None:
    config = pre_commit()
    assert ".venv" not in str(config["repos"])
    local = next(r for r in config["repos"] if r["repo"] == "local")
    bdp = [h for h in local["hooks"] if h["entry"].startswith("bdp ")]
    assert {h["id"] for h in bdp} == {"bdp-validate", "bdp-guide"}
    assert all(h["require_serial"] is True and h["language"] == "system" for h in bdp)
    ruff = next(r for r in config["repos"] if r["repo"] == "https://github.com/astral-sh/ruff-pre-commit")
    assert re.fullmatch(r"[0-9a-f]{40}", ruff["rev"])
    text = (PROJECT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert re.search(rf"rev: {ruff['rev']} # frozen: v\d+\.\d+\.\d+\n", text)
    assert [h["id"] for h in ruff["hooks"]] == ["ruff-check"]


@pytest.mark.parametrize(("marker", "selected"), [
    ("browser", ["test_payloads_do_not_run_or_call_out_in_chromium"]),
    ("not browser and not slow", ["test_sanitiser_allow_list"]),
])
def test_markers_are_set_by_fixture(marker: str, selected: list[str]) -> None:
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", marker,
                             "tests/test_security.py"], cwd=PROJECT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    collected = [line.rsplit("::", 1)[1] for line in result.stdout.splitlines() if "::" in line]
    for name in selected:
        assert name in collected
    if marker == "browser":
        assert collected == selected
    else:
        assert "test_payloads_do_not_run_or_call_out_in_chromium" not in collected
