# The README's commands. `make demo` and `make test` are all a newcomer needs.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install demo serve test lint format check lock clean

help:
	@echo "make demo   - set up (.venv, dependencies, database, demo content) and serve the site"
	@echo "make test   - install and run the whole test suite (SQLite, or DATABASE_URL)"
	@echo "make lint   - ruff check and format check"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Installs only when the lock file changed since the last install.
$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

install: $(VENV)/.installed

demo: install
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_starter_register
	$(MANAGE) load_demo --port $(PORT)
	@echo "Serving on http://$(HOST):$(PORT)/ and the publications' addresses above (Ctrl-C to stop)"
	$(MANAGE) runserver $(HOST):$(PORT)

test: install
	mkdir -p var
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: lint test

# Re-pin the whole dependency tree from pyproject.toml (run after changing a pin there).
lock: | $(BIN)/python
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; print('\\n'.join(p['dependencies'] + p['optional-dependencies']['dev']))" > .lock-venv/direct.txt
	.lock-venv/bin/pip install --quiet -r .lock-venv/direct.txt
	.lock-venv/bin/pip freeze > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) var/static .pytest_cache
