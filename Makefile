# Two commands: `make demo` (try Guildbot in the terminal) and `make test` (lint, types, tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LINTED := guildbot tests benchmarks

.PHONY: demo test lint typecheck pytest bench clean

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Guildbot needs Python 3.11 or newer (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip < /dev/null
	$(BIN)/python -m pip install --quiet -e . < /dev/null
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]' < /dev/null
	@touch $@

# The dashboard's browser test drives Debian's Chromium (through Playwright's Python client,
# a dev dependency) and checks each page with axe-core from npm: both installed here.
AXE_VERSION := 4.10.3
$(VENV)/.browser: $(VENV)/.installed-dev
	@command -v chromium >/dev/null || { \
		echo "installing Debian's chromium for the browser test"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; }
	npm install --silent --no-audit --no-fund --prefix $(VENV)/axe axe-core@$(AXE_VERSION) >/dev/null
	@touch $@

# The Matrix adapter's tests talk to a real Synapse, a server we run rather than a library we
# import: it gets a venv of its own so its pins (Twisted, attrs, pydantic…) never meet ours.
# It follows the Makefile so that a new SYNAPSE_VERSION reinstalls it.
SYNAPSE_VERSION := 1.163.2
$(VENV)/.synapse: Makefile
	$(PYTHON) -m venv $(VENV)/synapse
	$(VENV)/synapse/bin/python -m pip install --quiet --upgrade pip < /dev/null
	$(VENV)/synapse/bin/python -m pip install --quiet 'matrix-synapse==$(SYNAPSE_VERSION)' < /dev/null
	@touch $@

demo: $(VENV)/.installed
	@$(BIN)/guildbot demo

test: lint typecheck pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/lint-imports --no-cache

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

pytest: $(VENV)/.installed-dev $(VENV)/.browser $(VENV)/.synapse
	$(BIN)/pytest

# Every benchmark, one after the other (several minutes). The import benchmark also runs on
# PostgreSQL when GUILDBOT_TEST_DATABASE_URL is set; the outbox ones need PostgreSQL on
# 127.0.0.1:5432 (see their --postgres). Each prints its own figures.
bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/import_directory.py
	$(BIN)/python benchmarks/outbox_delivery.py
	$(BIN)/python benchmarks/outbox_freeze.py
	$(BIN)/python benchmarks/pairing.py
	$(BIN)/python benchmarks/routing.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis guildbot-demo.db*
