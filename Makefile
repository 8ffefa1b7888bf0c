# Every target sets up what it needs on first use: a .venv with the pinned Python packages.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# Test-only tools from npm (axe-core, vnu.jar), pinned in package-lock.json; no install scripts run.
NODE   := node_modules/.package-lock.json
# Material 9.x prints a large "end of life" banner on every run that pushes real build
# warnings off the screen; the pinned versions are explained in the README.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build validate test bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[test]"
	touch $(STAMP)

$(NODE): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE)

serve: $(STAMP)
	$(PY) -m mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(PY) -m mkdocs build --strict --clean --site-dir site

validate: $(STAMP)
	$(PY) scripts/validate.py

test: $(STAMP) $(NODE)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) scripts/bench.py --sizes 100,1000,5000 --rounds 3

clean:
	rm -rf site build *.egg-info
