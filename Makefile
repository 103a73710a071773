# Silta: `make run` serves the app with demo data, `make test` runs the tests. Python 3.11+ and make are all they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ADDR ?= 127.0.0.1:8000

.PHONY: install run test lint check audit bench bench-import stress load fuzz messages backup restore clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# A new venv of Python 3.11 brings setuptools 65, which has known vulnerabilities: upgrade it with pip.
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py compute_indicators --sync --since 2024-01-01
	$(BIN)/python manage.py devserve $(ADDR)

# The tests' OpenID provider (tests/oidc/provider.mjs): node-oidc-provider from the lock file, with the machine's Node.
OIDC_PROVIDER := tests/oidc/node_modules/.package-lock.json
# Without npm the single sign-on tests are skipped (saying so), as the browser tests are without Chromium.
$(OIDC_PROVIDER): tests/oidc/package.json tests/oidc/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd tests/oidc && npm ci --no-audit --no-fund && touch node_modules/.package-lock.json; \
	else \
		echo "npm not found: the single sign-on tests will be skipped (install Node.js 20+ to run them)"; \
	fi

test: $(STAMP) $(OIDC_PROVIDER)
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest $(PYTEST_ARGS)

# The full API fuzzing run: schemathesis, all default checks, 100 examples per operation and role (about 50 min).
fuzz: $(STAMP)
	SILTA_FUZZ_EXAMPLES=100 DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest tests/core/test_api_fuzz.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: $(STAMP)
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

# Known vulnerabilities in every installed package (pip-audit asks PyPI's per-release JSON API, so it needs the
# internet). --strict fails on a package it could not check, so an unreachable service never passes as clean.
audit: $(STAMP)
	$(BIN)/pip-audit --strict --skip-editable --progress-spinner off

# Indicator computation on a large synthetic city (separate database silta_bench), checked and timed against an
# independent baseline SQL per indicator (bench/baseline_sql.py); two scales show memory stays flat.
bench: $(STAMP)
	cd bench && ../$(BIN)/python indicators.py --scale 0.1
	cd bench && ../$(BIN)/python indicators.py --scale 1

# Spreadsheet import: 1,000 and 10,000 initiatives (3 units each) from .xlsx, preview and import (own database).
bench-import: $(STAMP)
	$(BIN)/python bench/imports.py

# Booking under concurrency over HTTP (gunicorn): 500 simultaneous requests for one slot, then 60 s of mixed bookings.
stress: $(STAMP)
	$(BIN)/python bench/booking_stress.py

# Load test with wrk (installed from Debian if missing) against gunicorn on the `make bench` dataset.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
load: $(STAMP)
	command -v wrk >/dev/null || $(SUDO) apt-get install -y wrk
	$(BIN)/python bench/load.py

messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l fi -l sv -l en --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/oidc/node_modules/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*' --ignore 'tests/oidc/node_modules/*'

# Backup and restore of the database (README: "Backup and restore"): a pg_dump custom-format archive, restored with
# pg_restore into the database DATABASE_URL names (stop web, worker and beat first). Without DATABASE_URL, the
# embedded PostgreSQL with its own pg_dump and pg_restore, which match its server version.
BACKUP_DIR ?= var/backups
BACKUP_STAMP := $(shell date -u +%Y%m%dT%H%M%SZ)
BACKUP ?= $(BACKUP_DIR)/silta-$(BACKUP_STAMP).dump
PG_BIN ?= $(if $(DATABASE_URL),,$(shell $(BIN)/python -c 'import pgserver, pathlib; print(pathlib.Path(pgserver.__file__).parent / "pginstall/bin")' 2>/dev/null)/)
DB_URL = $(or $(DATABASE_URL),$(shell $(BIN)/python -c 'from config.embedded_postgres import database_url; print(database_url())' 2>/dev/null))

backup:
	mkdir -p "$(dir $(BACKUP))"
	$(PG_BIN)pg_dump --format=custom --no-owner --no-privileges --file="$(BACKUP)" --dbname="$(DB_URL)"
	@echo "Database backed up to $(BACKUP)"

restore:
	@test -f "$(BACKUP)" || { echo "Name the archive to restore: make restore BACKUP=var/backups/silta-....dump"; exit 2; }
	$(PG_BIN)pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
		--dbname="$(DB_URL)" "$(BACKUP)"
	@echo "Database restored from $(BACKUP)"

clean:
	rm -rf $(VENV) staticfiles
