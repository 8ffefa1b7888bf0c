# Every target sets up what it needs on first use: a .venv with the locked Python packages.
VENV   := .venv
PY     := $(VENV)/bin/python
UV     := VIRTUAL_ENV=$(VENV) $(VENV)/bin/uv
STAMP  := $(VENV)/.installed
PORT   ?= 8000
# Test-only tools from npm (axe-core, vnu.jar), pinned in package-lock.json; no install scripts run.
NODE   := node_modules/.package-lock.json
# Material 9.x prints a large "end of life" banner on every run that pushes real build
# warnings off the screen; the pinned versions are explained in the README.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build validate check test lint bench lock clean preview

# Every package, direct or not, at the version and hash in requirements.txt (made by `make lock`).
$(STAMP): requirements.txt requirements-bootstrap.txt pyproject.toml
	@echo "Installerar de låsta paketen i $(VENV) …"
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-bootstrap.txt
	$(UV) pip install --require-hashes --compile-bytecode -r requirements.txt
	$(UV) pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(NODE): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE)

serve: $(STAMP)
	@$(PY) -c "import socket; socket.create_server(('127.0.0.1', $(PORT))).close()" 2>/dev/null || \
	  { echo "Porten $(PORT) används redan. Välj en annan, till exempel: make serve PORT=8001"; exit 1; }
	$(PY) -m mkdocs serve --strict --dev-addr 127.0.0.1:$(PORT)

# Another branch's data built with this checkout's code and served on a free port:
# make preview BRANCH=nytt-krav, or make preview PR=12 for pull request 12 on GitHub.
# TRUST=1 builds with the branch's own code instead (it runs on your machine: read it first).
preview: $(STAMP)
	@test -n "$(BRANCH)$(PR)" || { echo "Ange grenen: make preview BRANCH=namn (eller PR=nummer)"; exit 2; }
	$(PY) scripts/preview.py "$(if $(PR),pull/$(PR)/head,$(BRANCH))"$(if $(TRUST), --trust-code)

build: $(STAMP)
	$(PY) -m mkdocs build --strict --clean --site-dir site

# VALIDATEFLAGS="--format github" in CI: each problem becomes an annotation on its line.
# BASE=main (a branch or commit) also compares the published history with it; without BASE, git is not asked.
validate: $(STAMP)
	$(PY) scripts/validate.py $(VALIDATEFLAGS) $(if $(BASE),--base "$(BASE)")

# The quick loop while editing: ruff and mypy, the bundled schemas are up to date, and every test
# but those marked slow (tests/conftest.py: they build a site or open Chromium), with fewer
# Hypothesis examples, on every core (pytest-xdist: these tests share no built site or browser, so
# nothing is made twice that matters). More quick checks can be added to this recipe. 50-54 s on this
# 2-core machine (5 December 2026), 423 tests; the tests of the exported files read the built site,
# so only the spreadsheet and Word safety tests (test_safe_downloads) are among them.
check: $(STAMP) $(NODE) lint
	$(PY) scripts/bundle_schemas.py --check
	$(PY) -m pytest -m "not slow" --hypothesis-profile=quick -n auto

# Everything, the slow tests included: what CI runs (.ci/run). One run on every core (pytest-xdist),
# with the full Hypothesis budget. Each test file runs in one worker (--dist loadfile), so that the
# tests of one file share what it makes; what several files need (the built site, the visit to
# every page, the hostile site) is made once per run and shared by the workers (tests/conftest.py).
# Each worker starts one Chromium for its browser tests. The visit to every page (about 0.6 s of CPU
# per page here, nearly all axe-core in Chromium: most of the run) comes first and both workers take
# shares of it (--no-loadscope-reorder keeps the order tests/conftest.py gives the files). About
# 7.5 minutes on this 2-core machine (5 December 2026), the visit about 4 of them.
test: $(STAMP) $(NODE)
	$(PY) -m pytest -n auto --dist loadfile --no-loadscope-reorder

# The code's own checks, in seconds: ruff (lint, and the format the code is kept in) and mypy (the
# settings are in pyproject.toml). pre-commit and CI run them too.
lint: $(STAMP)
	$(VENV)/bin/ruff check macros scripts tests
	$(VENV)/bin/ruff format --check macros scripts tests
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) scripts/bench.py --sizes 100,1000,5000 --rounds 3

# After changing a pin in pyproject.toml (or requirements.in), run this and commit requirements.txt.
# To move every package to its newest release: make lock LOCKFLAGS=--upgrade (then run make test).
lock: $(STAMP)
	$(UV) pip compile pyproject.toml requirements.in --extra test --generate-hashes --universal \
	  --python-version 3.11 $(LOCKFLAGS) -o requirements.txt

clean:
	rm -rf site build .cache *.egg-info macros/*.egg-info
