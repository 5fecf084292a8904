# Civic Newsroom. `make run` serves the demo site, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: run test install install-dev migrate demo superuser lint messages bench demo-cluster clean

run: install messages migrate demo
	@echo ""
	@echo "Civic Newsroom on http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	@echo "No admin account is created for you: run 'make superuser' in another terminal."
	@echo ""
	@# The scheduler (scheduled publishing, embargoes) runs beside the server and stops with it.
	$(MANAGE) run_scheduler & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null; wait $$scheduler' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# In two runs, each spread over the machine's cores (pytest-xdist; TEST_WORKERS=1 for one):
# the browser tests flush the database after each test, which would take what migrations
# made from the tests that follow them on the same worker. Exit code 5 is "no test selected".
TEST_WORKERS ?= auto
test: install-dev messages
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile -m "not browser" $(PYTEST_ARGS) || [ $$? -eq 5 ]
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile -m browser $(PYTEST_ARGS) || [ $$? -eq 5 ]

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

messages: install
	$(MANAGE) compile_translations

migrate: install
	mkdir -p var
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo_content

superuser: install
	$(MANAGE) createsuperuser

lint: install-dev
	$(BIN)/ruff check .

# Production benchmark (docs/benchmarks.md): BENCH_ARGS="--releases 1000 --duration 2" for a quick run.
bench: install-dev messages
	$(BIN)/python bench/production.py $(BENCH_ARGS)

# Two gunicorn hosts, one database (DATABASE_URL), one Redis (REDIS_URL): docs/operations.md, "Two hosts on one machine".
demo-cluster: install messages
	$(BIN)/python scripts/demo_cluster.py $(DEMO_ARGS)

clean:
	rm -rf var/db.sqlite3 var/media var/static
