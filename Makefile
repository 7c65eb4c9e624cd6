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

# Debian packages of the reports: pango (WeasyPrint's PDF layout), cairo (SVG -> PNG for
# Word), DejaVu fonts (embedded in every PDF), poppler-utils (pdftoppm/pdftotext in tests).
.PHONY: report-deps
report-deps:
	@{ command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null \
	  && ldconfig -p | grep -q libpangoft2-1.0 && ldconfig -p | grep -q 'libcairo\.so\.2' \
	  && test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf; } || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq poppler-utils \
	    libpango-1.0-0 libpangoft2-1.0-0 libcairo2 fonts-dejavu-core; }

# Sign-in (docs/access.md): Streamlit reads the OpenID Connect provider from the `[auth]`
# table of .streamlit/secrets.toml (git-ignored), or from the files listed in
# STREAMLIT_SECRETS_FILES, e.g. `STREAMLIT_SECRETS_FILES=/etc/processanalysis/secrets.toml
# STREAMLIT_SERVER_ADDRESS=0.0.0.0 make run`. Without a provider the app serves data only
# on a loopback address. Roles: PROCESSANALYSIS_ROLE_CLAIM, _ROLE_MAP, _ADMINS.
run: install report-deps
	$(BIN)/streamlit run app.py --server.headless true

lint: install
	$(BIN)/ruff check .

test: install lint $(CHROMIUM) postgres-server report-deps
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.analysis
	$(BIN)/python -m benchmarks.simulation
	$(BIN)/python -m benchmarks.render
	$(BIN)/python -m benchmarks.variants
	$(BIN)/python -m benchmarks.workspace
	$(BIN)/python -m benchmarks.reports

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
