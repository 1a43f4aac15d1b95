# Baza Dobrych Praktyk — the two commands of the quick start: `make site`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: site publish test validate validate-github install bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

validate: $(STAMP)
	$(BIN)/bdp validate

validate-github: $(STAMP)
	$(BIN)/bdp validate --format github

site: $(STAMP)
	$(BIN)/bdp build

# The publication build (the Pages workflow): refuses placeholder publisher settings in bdp.yaml.
publish: $(STAMP)
	$(BIN)/bdp build --publish

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch node_modules/.installed

test: $(STAMP) node_modules/.installed
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/bdp bench --sizes 1000 10000

clean:
	rm -rf build site site.* .pytest_cache
