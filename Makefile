# Two commands do all set-up on a fresh Debian machine with Python 3.11:
#   make run   - install everything into .venv and start the app on http://localhost:8501
#   make test  - install everything and run lint and the whole test suite
# Both are idempotent; `make install` is the shared set-up step.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NPM_STAMP := frontend/node_modules/.installed-stamp
export STREAMLIT_SERVER_ADDRESS ?= localhost
export STREAMLIT_BROWSER_GATHER_USAGE_STATS ?= false

.PHONY: install run test lint bench clean

install: $(STAMP) $(NPM_STAMP)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# bpmn-js and bpmn-moddle from npm, served by the app itself (no CDN at runtime).
$(NPM_STAMP): frontend/package.json frontend/package-lock.json
	npm ci --prefix frontend --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

# Debian's PostgreSQL server for the workspace tests (each test session starts its own
# throw-away cluster; the packaged service is not used).
# Debian's PostgreSQL server binaries for the database tests (each test session starts a
# throw-away cluster of its own; no system service is used). The client alone is not enough.
.PHONY: postgres-server
postgres-server:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql; }

run: install
	$(BIN)/streamlit run app.py --server.headless true

lint: install
	$(BIN)/ruff check .

test: install lint $(CHROMIUM) postgres-server
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.analysis
	$(BIN)/python -m benchmarks.simulation

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
