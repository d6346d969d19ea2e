# linli — two commands: `make run` serves the demo, `make test` runs the whole suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test check-house test-sqlite test-postgres lint format bench-search bench-import install browser clean lock bundle nginx

# Both locked sets, every file checked against its hash; a server installs requirements/runtime.txt only.
# uv (itself hash-pinned in requirements/bootstrap.txt) installs them in seconds; where it cannot
# (no wheel for the machine, LINLI_INSTALLER=pip), pip installs the same locks.
LOCKS := -r requirements/runtime.txt -r requirements/dev.txt
$(BIN)/.installed: requirements/runtime.txt requirements/dev.txt requirements/bootstrap.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@if [ "$$LINLI_INSTALLER" != pip ] && $(BIN)/python -m pip install --quiet --require-hashes -r requirements/bootstrap.txt; then \
		echo "Installing the locked requirements with uv..."; \
		$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python --require-hashes $(LOCKS) \
		|| { echo "uv could not install them; installing with pip (slower)..."; $(BIN)/python -m pip install --quiet --require-hashes $(LOCKS); }; \
	else \
		echo "Installing the locked requirements with pip..."; $(BIN)/python -m pip install --quiet --require-hashes $(LOCKS); \
	fi
	touch $@

install: $(BIN)/.installed

var/.demo-loaded: $(BIN)/.installed
	mkdir -p var
	@$(BIN)/python -m compileall -q -j 0 linli config
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py seed_demo
	touch $@

# The task worker (imports, large exports) runs beside the web server and stops with it.
run: var/.demo-loaded
	@$(BIN)/python -m compileall -q -j 0 linli config  # each process then reads bytecode (PYTHONDONTWRITEBYTECODE or not)
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py demo_accounts
	@trap 'kill $$worker $$periodic 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py worker -v 0 & worker=$$!; \
	$(BIN)/python manage.py periodic & periodic=$$!; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

browser:
	@scripts/ensure_chromium.sh

nginx:
	@scripts/ensure_nginx.sh

# The suite runs on both cores (pytest-xdist; a file's tests stay on one worker).
WORKERS ?= 2
PYTEST := $(BIN)/python -m pytest -n $(WORKERS) --dist loadfile

test: $(BIN)/.installed browser nginx
	$(BIN)/ruff check .
	$(MAKE) check-house
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

# The house's rules (docs/ARCHITECTURE.md): the layering contracts and the type checker.
check-house: $(BIN)/.installed
	$(BIN)/lint-imports
	$(BIN)/mypy

test-sqlite: $(BIN)/.installed
	DATABASE_URL= LINLI_EXPECT_DB=sqlite $(PYTEST)

# Starts a throwaway PostgreSQL 15 cluster (unless DATABASE_URL points at one) and runs the suite on it,
# less the tests that use no database of the pass (marked bundle or once: the SQLite pass runs them).
test-postgres: $(BIN)/.installed
	LINLI_EXPECT_DB=postgresql scripts/with_postgres.sh $(PYTEST) -m "not bundle and not once"

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

# The locks, from pyproject.toml: runtime from `dependencies`, dev from the `dev` extra held to the
# runtime pins. Existing pins are kept unless pyproject.toml needs others (pip-compile --upgrade moves all).
# The lock reads the public index only, not a machine's own wheel folders (their hashes would differ).
PIP_COMPILE := env -u PIP_FIND_LINKS PIP_CONFIG_FILE=/dev/null $(BIN)/pip-compile --quiet --generate-hashes \
	--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: $(BIN)/.installed
	$(PIP_COMPILE) -o requirements/runtime.txt pyproject.toml
	$(PIP_COMPILE) --extra dev -c requirements/runtime.txt -o requirements/dev.txt pyproject.toml

# The offline install bundle (docs/DEPLOY.md): wheels for x86_64 and aarch64, static files, source.
bundle: $(BIN)/.installed
	$(BIN)/python scripts/build_bundle.py --out dist

clean:
	rm -rf var/db.sqlite3* var/.demo-loaded
