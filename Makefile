# The two commands a fresh machine needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The PostgreSQL server the second test run uses (it creates and drops its own database).
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/postgres

.PHONY: help run test test-sqlite test-postgres audit lint format schema migrations bench bench-create vendor-graphiql clean

## help: list the targets
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed -E 's/^## ([a-z-]+): /  make \1\t/' | expand -t 24

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=python3.x)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@

venv: $(VENV)/.installed

## run: install, migrate, seed the demo into an empty database, serve with GraphiQL
run: venv
	$(BIN)/portal migrate
	$(BIN)/portal seed-demo --if-empty
	$(BIN)/portal serve --host $(HOST) --port $(PORT)

## test: the whole suite on SQLite, then on PostgreSQL (with CI=true a missing PostgreSQL fails)
test: test-sqlite test-postgres

## test-sqlite: the suite on a temporary SQLite database
test-sqlite: venv
	$(BIN)/pytest

## test-postgres: the suite on PostgreSQL (PG_TEST_URL); says why when it cannot connect
test-postgres: venv
	@if reason=$$($(BIN)/python scripts/pg-reachable.py '$(PG_TEST_URL)'); then \
		TEST_DATABASE_URL='$(PG_TEST_URL)' $(BIN)/pytest; \
	elif [ "$$CI" = "true" ]; then \
		echo "$$reason. CI must test on PostgreSQL: failing." >&2; exit 1; \
	else \
		echo "$$reason. The PostgreSQL run was skipped (CI would fail)." >&2; \
	fi

## audit: the GraphQL-over-HTTP audit suite (graphql-http) against a live server
audit: venv
	scripts/http-audit.sh

## lint: ruff, the import-layer contracts, formatting
lint: venv
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/ruff format --check .

## format: fix what ruff can and format the code
format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## schema: regenerate schema.graphql from the code
schema: venv
	$(BIN)/portal export-schema > schema.graphql

## migrations: generate a migration for model changes (commit it)
migrations: venv
	$(BIN)/tortoise -c gql.db.TORTOISE_ORM makemigrations

## bench: the shared perf-anchors harness on this working tree (~10 min, as root): ratios to PostGraphile and the floor
bench: venv
	bench/perf_anchors.sh

## bench-create: createPartnerCustomer throughput and the page's p99 under creates, on PostgreSQL (PG_ADMIN_URL)
bench-create: venv
	PG_ADMIN_URL='$(PG_TEST_URL)' $(BIN)/python bench/create_throughput.py

## vendor-graphiql: refresh the explorer's assets from the npm registry
vendor-graphiql:
	scripts/vendor-graphiql.sh

## clean: remove the virtualenv and caches
clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis *.egg-info
