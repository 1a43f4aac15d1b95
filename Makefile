# Baza Dobrych Praktyk — the two commands of the quick start: `make site`, `make test`.
# Python packages come from the hash-locked files in requirements/ (`make lock` regenerates them);
# Chromium, Java and the Node modules the tests need come from scripts/setup-test-tools.sh.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_LOCK := requirements/runtime.txt
TEST_LOCK := requirements/test.txt
UV_VERSION := 0.13.9
# A stamp per lock file and pyproject.toml content: a changed lock reinstalls, an unchanged one does nothing.
STAMP := $(VENV)/.installed-runtime-$(shell cat pyproject.toml $(RUNTIME_LOCK) | cksum | cut -d' ' -f1)
TEST_STAMP := $(VENV)/.installed-test-$(shell cat pyproject.toml $(TEST_LOCK) | cksum | cut -d' ' -f1)
# Fast tests: no browser, Java or Node modules, no build of the whole bundled content.
UNIT := not browser and not slow
# The fast subset: also no MkDocs build of any tree (marker `build`, set in tests/conftest.py).
FAST := not browser and not slow and not build

.PHONY: site publish test test-unit test-fast test-tools validate validate-github install install-test lock lock-upgrade bench lighthouse clean

# A clear line instead of a traceback when Python is too old or lacks venv; no half-made .venv left.
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Potrzebny jest Python 3.11 lub nowszy, a $(PYTHON) to $$($(PYTHON) --version 2>&1); wskaż nowszy, np. make PYTHON=python3.12 site" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "Nie udało się utworzyć środowiska $(VENV); w Debianie i Ubuntu zainstaluj moduł venv: sudo apt-get install python3-venv, i uruchom polecenie ponownie." >&2; exit 1; }

$(STAMP): pyproject.toml $(RUNTIME_LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r $(RUNTIME_LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	rm -f $(VENV)/.installed-runtime-*
	touch $(STAMP)

$(TEST_STAMP): pyproject.toml $(TEST_LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r $(TEST_LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@$(BIN)/python scripts/lock.py --check || { echo "Pliki blokady w requirements/ nie pasują do pyproject.toml (szczegóły powyżej); uruchom make lock." >&2; exit 1; }
	rm -f $(VENV)/.installed-test-*
	touch $(TEST_STAMP)

install: $(STAMP)

install-test: $(TEST_STAMP)

validate: $(STAMP)
	$(BIN)/bdp validate

validate-github: $(STAMP)
	$(BIN)/bdp validate --format github

site: $(STAMP)
	$(BIN)/bdp build

# The publication build (the Pages workflow): refuses placeholder publisher settings in bdp.yaml.
publish: $(STAMP)
	$(BIN)/bdp build --publish

# Chromium, Java, Node.js and the Node modules: installed when missing (Debian/Ubuntu as root or
# with sudo), otherwise one line saying what to install.
test-tools:
	bash scripts/setup-test-tools.sh

test: $(TEST_STAMP)
	bash scripts/setup-test-tools.sh
	$(BIN)/python -m pytest -q

# Lighthouse (performance, mobile, median of 3 runs) on four pages of the bundled site; not part of make test.
# Another built site: .venv/bin/python scripts/lighthouse.py --site KATALOG (README, "Wydajność i podgląd zmian").
lighthouse: site
	bash scripts/setup-test-tools.sh
	$(BIN)/python scripts/lighthouse.py

test-unit: $(TEST_STAMP)
	$(BIN)/python -m pytest -q -m "$(UNIT)"

# About two minutes on a quiet two-core machine (README, "Architektura"; the goal is under one).
test-fast: $(TEST_STAMP)
	$(BIN)/python -m pytest -q -m "$(FAST)"

# Regenerates the lock files from pyproject.toml (needs the network); commit requirements/ whole.
# `make lock` keeps the pinned versions that still fit; `make lock-upgrade` takes the newest.
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	$(BIN)/python scripts/lock.py

lock-upgrade: | $(BIN)/python
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	$(BIN)/python scripts/lock.py --upgrade

bench: $(STAMP)
	$(BIN)/bdp bench --sizes 1000 10000

clean:
	rm -rf build site site.* .pytest_cache
