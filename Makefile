# Two commands do everything on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000
PYTEST_ARGS ?=

.PHONY: run test lint e2e bench soak translations messages clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[postgres,dev]'
	touch $@

# Catalogs are compiled at install time; the .mo binaries are never committed.
translations: $(BIN)/.installed
	$(BIN)/pybabel compile --statistics -d translations 2>&1 | grep -v '^$$' || true

instance/secrets.env: | $(BIN)/.installed
	$(BIN)/python config.py init-secrets

run: $(BIN)/.installed translations instance/secrets.env
	$(FLASK) db upgrade
	$(FLASK) keys init-recovery --if-missing --out instance/RECOVERY-KEY-PRIVATE.txt
	$(FLASK) networks import networks.example.json
	$(FLASK) users setup-link
	@echo "Redevable is starting on http://$(HOST):$(PORT)/"
	$(BIN)/gunicorn --workers 2 --bind $(HOST):$(PORT) --forwarded-allow-ips='' wsgi:app

test: $(BIN)/.installed translations
	$(BIN)/pytest -q -m 'not e2e' $(PYTEST_ARGS)

e2e: $(BIN)/.installed translations tests/e2e/node_modules/axe-core/axe.min.js
	$(BIN)/pytest -q -m e2e $(PYTEST_ARGS)

# axe-core (accessibility checks) from the npm registry, pinned by the lock file.
tests/e2e/node_modules/axe-core/axe.min.js: tests/e2e/package-lock.json
	cd tests/e2e && npm ci --no-audit --no-fund --silent

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/mypy

# Extract user-facing strings and merge them into the fr/es/pt catalogs.
messages: $(BIN)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete

BENCH_ARGS ?=

# Performance against ceilings and targets (issue 10); not part of `make test`.
bench: $(BIN)/.installed translations
	$(BIN)/python -m bench.run $(BENCH_ARGS)

SOAK_ARGS ?=

# Load, faults and hostile conditions on a private PostgreSQL cluster; nothing may be lost.
soak: $(BIN)/.installed translations
	$(BIN)/python -m soak.run $(SOAK_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
