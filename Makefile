# Two entry points for a fresh machine: `make serve` and `make test`.
# Each creates (or reuses) the local virtualenv .venv with pinned dependencies.
# `make install` (and so `make test`) also installs Debian's chromium for the browser tests
# when /usr/bin/chromium is missing: Playwright drives it, and never downloads a browser.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: serve test test-fast check install clean

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

install: $(STAMP) $(CHROMIUM)

serve: $(STAMP)
	$(BIN)/fitroom serve

# Lint and types: what CI checks before the tests.
check: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

test: install check
	$(BIN)/python -m pytest

# The quick loop while working: SQLite only, no browser, no process clusters, no slow renders.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow and not browser and not cluster and not container" -k "not postgresql"

clean:
	rm -rf $(VENV) data
