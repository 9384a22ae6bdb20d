# Kerekasztal: `make run` serves the demo on http://127.0.0.1:8000 (with the task worker),
# `make test` runs every test.
# Needs only Python 3.11+, Node 20 and make; everything else is installed here.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
KK := $(BIN)/kerekasztal
HOST ?= 127.0.0.1:8000
PYTEST_ARGS ?=
# the cache `make run` gives the server and the task worker (a CACHE_URL of your own wins)
RUN_CACHE_URL ?= $(or $(CACHE_URL),filecache://$(CURDIR)/var/cache)

.PHONY: run test setup install assets translations database lint messages clean bench throughput loadtest

run: setup
	$(KK) collectstatic --noinput --verbosity 0
	@echo "Kerekasztal: http://$(HOST)/ (local demo: second login factor off unless KEREKASZTAL_REQUIRE_2FA=true)"
	@# The task worker (e-mail, search index, imports) runs beside the server and stops with
	@# it. Both share one file cache (var/cache), so what the worker writes (an import)
	@# renews the server's cached public pages; each process's own memory cache did not.
	CACHE_URL=$(RUN_CACHE_URL) $(KK) db_worker --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	CACHE_URL=$(RUN_CACHE_URL) KEREKASZTAL_REQUIRE_2FA=$${KEREKASZTAL_REQUIRE_2FA:-false} \
	  $(KK) runserver $(HOST)

# Our own rules first: `make test` (and so CI) fails on a ruff or mypy error before any test runs.
test: setup lint
	$(BIN)/pytest $(PYTEST_ARGS)

setup: install assets translations database

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv --upgrade-deps $(VENV)
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

assets: node_modules/.installed
	npm run --silent build

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

translations: install
	$(KK) compile-translations

database: install
	mkdir -p var
	$(KK) migrate --noinput --verbosity 0
	$(KK) load-territory
	$(KK) demo

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

# Load test (not part of `make test`): gunicorn + PostgreSQL + locust, see docs/reliability.md.
# LOADTEST_USERS=50 LOADTEST_DURATION=10m by default; e.g. `make loadtest LOADTEST_DURATION=1m`.
LOADTEST_USERS ?= 50
LOADTEST_DURATION ?= 10m
loadtest: install assets translations
	$(BIN)/python -m pip install --quiet -e ".[load]"
	LOADTEST_USERS=$(LOADTEST_USERS) LOADTEST_DURATION=$(LOADTEST_DURATION) bash scripts/loadtest/run.sh

# For developers (needs GNU gettext): refresh every app's English catalogue. Stable: no
# source locations, no line wrapping (the same as scripts/fill_translations.py writes), no
# obsolete entries, and msgmerge leaves a catalogue whose messages did not change untouched
# (its POT-Creation-Date too), so a second run changes nothing. tests/i18n uses the same
# options (MESSAGES_OPTIONS in tests/i18n/test_catalogues.py).
MESSAGES_OPTIONS := --no-obsolete --no-location --no-wrap
messages: install
	for app in src/kerekasztal/*/; do \
	  if [ -d "$$app/templates" ] || ls $$app*.py >/dev/null 2>&1; then \
	    mkdir -p $$app/locale; \
	    (cd $$app && ../../../$(KK) makemessages -l en $(MESSAGES_OPTIONS) >/dev/null); \
	  fi; \
	done

# Benchmarks (not part of the tests): see docs/performance.md.
BENCH_DB ?= sqlite:///$(CURDIR)/var/bench.sqlite3
SCALE ?= 1
bench: install assets translations
	mkdir -p var
	DATABASE_URL=$(BENCH_DB) $(KK) migrate --noinput --verbosity 0
	DATABASE_URL=$(BENCH_DB) $(KK) load-territory
	DATABASE_URL=$(BENCH_DB) $(KK) generate-dataset --scale $(SCALE) --seed 1 --replace
	DATABASE_URL=$(BENCH_DB) $(KK) benchmark

throughput: setup
	benchmarks/throughput.sh

clean:
	rm -rf $(VENV) node_modules var src/kerekasztal/core/static/dist
