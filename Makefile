# Two commands on a fresh machine: `make serve` and `make test`.
# Python 3.11: the distribution's when it can make a venv. Debian builds it with
# profile-guided and link-time optimisation, which a plain source build (pyenv's
# default) lacks: a 10,000-item build takes about a tenth less. `make PYTHON=…` chooses.
PYTHON ?= $(or $(shell /usr/bin/python3.11 -c "import ensurepip, venv" >/dev/null 2>&1 && echo /usr/bin/python3.11),python3.11)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve test build check bench clean

# A venv made by another interpreter (PYTHON changed) is made anew.
$(STAMP): pyproject.toml Makefile
	@command -v $(PYTHON) >/dev/null || { echo "Cần Python 3.11 / Python 3.11 is required ($(PYTHON))"; exit 1; }
	@if [ -f $(VENV)/pyvenv.cfg ] && ! grep -qxF "executable = $$($(PYTHON) -c 'import os, sys; print(os.path.realpath(sys.executable))')" $(VENV)/pyvenv.cfg; then \
		echo "$(VENV): made by another Python, made again with $(PYTHON)"; rm -rf $(VENV); fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

NODE_STAMP := node_modules/.installed

# Checkers the tests use (HTML validator, link checker, axe-core, Lighthouse), pinned in package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "Cần Node.js/npm / Node.js and npm are required for the tests"; exit 1; }
	npm ci --no-audit --no-fund --silent
	touch $(NODE_STAMP)

## serve: build the example site and serve it on http://127.0.0.1:8000 with live reload
serve: $(STAMP)
	$(BIN)/cdsportal serve -a 127.0.0.1:8000

## build: build the example site into site/ (the previous site is kept if the build fails)
build: $(STAMP)
	$(BIN)/cdsportal build

## check: validate every content file and list all problems
check: $(STAMP)
	$(BIN)/cdsportal check

## test: the whole test suite (unit, build, feeds, browser)
test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest -q

## bench: speed and size at 1,000 and 10,000 items, compared with Hugo
bench: $(STAMP)
	$(BIN)/python scripts/bench/build_bench.py

clean:
	rm -rf site .site.* .cache
