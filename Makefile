# The one command to run and the one to test; see README.md.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed

.PHONY: run system install assets messages compilemessages migrate demo test test-fast check lint format clean

run: install assets compilemessages
	DEBUG=true $(MANAGE) migrate --noinput
	DEBUG=true $(MANAGE) load_catalogue
	DEBUG=true $(MANAGE) seed_demo
	DEBUG=true $(VENV)/bin/honcho start -f Procfile

# Debian packages beside Python (as root, once): translations, PDF and upload checks, browser
# tests, and hunspell-da, the Danish dictionary the guide cuts compound words with.
SYSTEM_PACKAGES := gettext chromium fonts-dejavu-core libmagic1 hunspell-da nodejs npm
system:
	apt-get install -y $(SYSTEM_PACKAGES)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Design system from npm, copied into static files (nothing from npm is committed).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

var/assets/dkfds/.copied: node_modules/.package-lock.json
	rm -rf var/assets/dkfds && mkdir -p var/assets/dkfds
	cp -R node_modules/dkfds/dist/css node_modules/dkfds/dist/js node_modules/dkfds/dist/fonts node_modules/dkfds/dist/img var/assets/dkfds/
	touch $@

assets: var/assets/dkfds/.copied

compilemessages: install
	$(MANAGE) compilemessages --ignore '.venv' --ignore 'node_modules' -v0

messages: install
	$(MANAGE) makemessages -l da -l en --no-location --no-obsolete --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*'
	$(MANAGE) compilemessages --ignore '.venv' --ignore 'node_modules' -v0

migrate: install
	$(MANAGE) migrate --noinput

test: install assets compilemessages
	$(VENV)/bin/pytest $(PYTEST_ARGS)

check: install assets
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check_translations

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf var/static var/celery
