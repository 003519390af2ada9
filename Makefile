# Steady — the two commands a newcomer needs are `make demo` and `make test`.
# Everything bootstraps itself into .venv from a fresh clone.

SHELL  := /bin/bash
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
PORT   ?= 8000
STAMP   = $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
REDIS  ?= redis://127.0.0.1:6379/0

.PHONY: demo mail test test-pure test-postgres e2e bench lint format messages wheel clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

install: $(STAMP)

# Links in e-mails follow the port the demo is served on (courses.lib.urls.absolute_url).
demo: export STEADY_SITE_URL = http://127.0.0.1:$(PORT)
demo: $(STAMP)
	@$(PY) -c "import socket,sys; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); r=s.connect_ex(('127.0.0.1', $(PORT))); sys.exit(0 if r else 'Port $(PORT) is already in use: stop what runs there, or choose another port, e.g. PORT=8001 make demo')"
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py load_demo
	$(PY) manage.py setup_schedules
	@echo ""
	@echo "  Steady is starting on http://127.0.0.1:$(PORT)/   (admin: http://127.0.0.1:$(PORT)/admin/)"
	@echo "  Password for every demo login: steady-demo   — logins and roles are listed above."
	@echo "  E-mails the demo sends are written to var/mail/; \`make mail\` shows the latest."
	@echo "  Ctrl-C stops the web server and the task worker."
	@echo ""
	@trap 'trap - INT TERM EXIT; kill $$(jobs -p) 2>/dev/null; wait' INT TERM EXIT; \
	$(PY) manage.py qcluster & \
	$(PY) manage.py runserver 127.0.0.1:$(PORT) --noreload & \
	wait -n

# The demo writes each e-mail to a file in var/mail/ (training.settings.dev): the latest ones.
mail:
	@ls -t var/mail/*.log 2>/dev/null | head -n $${N:-3} | xargs -r cat || true
	@ls var/mail/*.log >/dev/null 2>&1 || echo "No e-mails yet: the demo writes them to var/mail/."

test: $(STAMP)
	$(PY) -m pytest -n 2

# The pure cores' tests with Django switched off: a Django import in scoring, formats,
# lib, hiring stats, instruments, privacy, periods, importing, metrics, impact or forecast
# fails here.
PURE_TESTS = tests/test_layering.py \
	tests/courses/test_formats.py tests/courses/test_quiz_scoring.py \
	tests/courses/test_dialogue_graph.py tests/courses/test_portal_lib.py \
	tests/courses/test_rephrasing.py tests/courses/test_cells.py \
	tests/hiring/test_stats.py \
	tests/wellbeing/test_instruments.py tests/wellbeing/test_privacy.py \
	tests/wellbeing/test_periods.py tests/wellbeing/test_importing_pure.py \
	tests/wellbeing/test_metrics.py tests/wellbeing/test_charts.py \
	tests/wellbeing/test_golden.py tests/wellbeing/test_importing.py \
	tests/wellbeing/test_impact.py tests/wellbeing/test_forecast.py \
	tests/courses/test_moodle_kinds.py

test-pure: $(STAMP)
	$(PY) -m pytest -p no:django -p no:xdist -q $(PURE_TESTS)

test-postgres: $(STAMP)
	DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS) $(PY) -m pytest -n 2 -m "not e2e"

e2e: $(STAMP)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest tests/e2e -m e2e -p no:xdist --output=test-results

bench: $(STAMP)
	@for f in tests/bench/bench_*.py; do $(PY) $$f || exit 1; done

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: $(STAMP)
	for app in training courses hiring wellbeing; do \
	  (cd $$app && ../$(PY) ../manage.py makemessages -l en -l ru -l pl --no-obsolete) || exit 1; \
	done
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

wheel: $(STAMP)
	rm -rf dist
	$(PY) -m build --wheel --outdir dist .
	$(PY) tests/packaging/check_wheel.py dist/*.whl

clean:
	rm -rf $(VENV) dist build *.egg-info test-results
