# The two commands a newcomer types: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FAST_DB ?= sqlite:///$(CURDIR)/.test-fast.sqlite3

.PHONY: install run test test-fast production-check lint format bench messages

$(VENV)/.installed: pyproject.toml .ci/constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c .ci/constraints.txt -e '.[dev]'
	touch $@

install: $(VENV)/.installed

## Serve the site on http://127.0.0.1:8000 with the demo data (SQLite, no service needed).
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --if-empty
	$(BIN)/python manage.py load_demo_pages
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## The whole suite on real PostgreSQL, Elasticsearch and Chromium, then again on SQLite.
test: install
	$(BIN)/python -m tests.services $(ARGS)

## The inner loop: SQLite only, no browser, no Elasticsearch.
test-fast: install
	DATABASE_URL=$(FAST_DB) $(BIN)/pytest -q -m "not browser and not elasticsearch and not postgres"

## The production stack (nginx, gunicorn, the worker, PostgreSQL, Elasticsearch) started
## from the compose stack's own files and walked through the proxy; `make test` runs it too.
production-check: install
	$(BIN)/python -m tests.production

## Search figures: p50/p95 at 10,000 and 100,000 lots on PostgreSQL and Elasticsearch; then
## on the production stack at 100,000 lots: page throughputs (locust), queries during
## rebuilds, and the fault run (README, "The fault run").
bench: install
	$(BIN)/python -m tests.services.bench

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=reemploi.settings.production SECRET_KEY=lint-only-$$(date +%s)-not-a-real-secret-key-but-long-enough \
		ALLOWED_HOSTS=reemploi.example.org SITE_URL=https://reemploi.example.org \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## Rebuild both catalogues after changing interface strings (needs GNU gettext's tools).
## French: the strings are French already, each translates to itself with French plural rules;
## made afresh each time, as merging would carry fuzzy guesses into the identity translations.
## English: kept and merged; a new string stays French on English pages until translated.
FR_PO := reemploi/locale/fr/LC_MESSAGES/django.po
messages: install
	rm -f $(FR_PO)
	$(BIN)/python manage.py makemessages -l fr -l en --no-location --ignore=.venv --ignore=tests --ignore='*/es_analysis_plugin/*'
	msgen -o $(FR_PO) $(FR_PO)
	msgattrib --clear-fuzzy -o $(FR_PO) $(FR_PO)
	msgfilter --keep-header -i $(FR_PO) -o $(FR_PO) sed -f reemploi/locale/french_spaces.sed
	$(BIN)/python manage.py compilemessages -l fr -l en --ignore=.venv
