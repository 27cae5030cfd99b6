# The two commands of the README: `make run` and `make test`.
# Everything is installed from files in this repository into .venv/ and node_modules/.

PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& echo $$p && break; done)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The address the demo banner prints and e-mails link to: where `make run` serves (HOST=0.0.0.0: this machine).
BASE_URL = $(or $(WAGTAILADMIN_BASE_URL),http://$(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORT))
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))

.PHONY: run setup test lint check clean stack stack-stop load

# The periodic tasks (scheduled publishing) run beside the web server and stop with it.
run: setup
	WAGTAILADMIN_BASE_URL=$(BASE_URL) $(PY) manage.py run_periodic_tasks & pid=$$!; trap 'kill $$pid 2>/dev/null' EXIT INT TERM; \
	WAGTAILADMIN_BASE_URL=$(BASE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

setup: $(VENV)/.installed node_modules/.installed $(MO_FILES)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	WAGTAILADMIN_BASE_URL=$(BASE_URL) $(PY) manage.py load_demo
	$(PY) manage.py update_index > /dev/null

# The suite runs in TEST_WORKERS processes (pytest-xdist; "auto": one per core). "--dist load" hands tests out in
# collection order, so each process keeps pytest-django's order (transactional tests, which flush, last).
TEST_WORKERS ?= auto
test: $(VENV)/.installed-dev node_modules/.installed $(MO_FILES)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist load $(PYTEST_ARGS)

# Exam day (README, "Exam day"): the production-like stack on loopback, and the load test against it.
OFFICIALS ?= 2000
stack: $(VENV)/.installed-dev node_modules/.installed $(MO_FILES)
	deploy/stack.sh start --officials $(OFFICIALS)

stack-stop:
	deploy/stack.sh stop

USERS ?= 200
SPAWN_RATE ?= 20
DURATION ?= 2m
load: $(VENV)/.installed-dev
	deploy/load.sh --users $(USERS) --spawn-rate $(SPAWN_RATE) --time $(DURATION)

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check .

# The gates CI runs before the tests (README, "Layers and gates"); each one fails the build.
# check --deploy reads the production settings with a throw-away secret key, as a deployment would set one.
check: $(VENV)/.installed-dev
	$(VENV)/bin/lint-imports
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=elearn.settings.production DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	  $(PY) manage.py check --deploy --fail-level WARNING

$(VENV)/bin/python:
	@test -n "$(PYTHON)" || { echo "Cần Python 3.11 trở lên / Python 3.11+ is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

# The project's translations (locale/, the Vietnamese of Wagtail's and Django's admin messages): the .po files
# are kept in the repository, the .mo files are build output, compiled with polib (no GNU gettext needed).
locale/%.mo: locale/%.po | $(VENV)/.installed
	$(PY) -c 'import sys, polib; polib.pofile(sys.argv[1]).save_as_mofile(sys.argv[2])' $< $@

# Browser packages served as static files (the H5P player), exactly as package-lock.json pins them.
# --ignore-scripts: no package's install script runs on this machine.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "Cần Node.js và npm / Node.js and npm are required"; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

clean:
	rm -rf $(VENV) var node_modules
