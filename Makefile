# linli — two commands: `make run` serves the demo, `make test` runs the whole suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test test-sqlite test-postgres lint format bench-search bench-import install browser clean

$(BIN)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

install: $(BIN)/.installed

var/.demo-loaded: $(BIN)/.installed
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py seed_demo
	touch $@

# The task worker (imports, large exports) runs beside the web server and stops with it.
run: var/.demo-loaded
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py demo_accounts
	@trap 'kill $$worker $$periodic 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py worker -v 0 & worker=$$!; \
	$(BIN)/python manage.py periodic & periodic=$$!; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

browser:
	@scripts/ensure_chromium.sh

test: $(BIN)/.installed browser
	$(BIN)/ruff check .
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

test-sqlite: $(BIN)/.installed
	DATABASE_URL= LINLI_EXPECT_DB=sqlite $(BIN)/python -m pytest

# Starts a throwaway PostgreSQL 15 cluster (unless DATABASE_URL points at one) and runs the suite on it.
test-postgres: $(BIN)/.installed
	LINLI_EXPECT_DB=postgresql scripts/with_postgres.sh $(BIN)/python -m pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

bench-import: $(BIN)/.installed
	scripts/with_postgres.sh $(BIN)/python benchmarks/imports.py --rows 100000
	DATABASE_URL= $(BIN)/python benchmarks/imports.py --rows 100000

bench-search: $(BIN)/.installed
	scripts/with_postgres.sh $(BIN)/python benchmarks/search.py --residents 1000000
	DATABASE_URL= $(BIN)/python benchmarks/search.py --residents 200000

clean:
	rm -rf var/db.sqlite3* var/.demo-loaded
