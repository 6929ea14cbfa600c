# The one command to run and the one to test; see README.md.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed

.PHONY: run install assets messages compilemessages migrate demo test test-fast check lint format clean

run: install compilemessages
	DEBUG=true $(MANAGE) migrate --noinput
	DEBUG=true $(MANAGE) load_catalogue
	DEBUG=true $(MANAGE) seed_demo
	DEBUG=true $(VENV)/bin/honcho start -f Procfile

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

compilemessages: install
	$(MANAGE) compilemessages --ignore '.venv' --ignore 'node_modules' -v0

messages: install
	$(MANAGE) makemessages -l da -l en --no-location --no-obsolete --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*'
	$(MANAGE) compilemessages --ignore '.venv' --ignore 'node_modules' -v0

migrate: install
	$(MANAGE) migrate --noinput

test: install compilemessages
	$(VENV)/bin/pytest $(PYTEST_ARGS)

check: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check_translations

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf var/static var/celery
