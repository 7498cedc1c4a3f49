# Two commands for everyone: `make site` builds the example plan, `make test` runs every test.
# The virtual environment is made on first use from the pinned requirements.txt.

# The interpreter that makes .venv: PYTHON=... (make variable or environment) wins;
# otherwise the first of these names on PATH that is Python 3.11 or later.
PYTHON_NAMES := python3.13 python3.12 python3.11 python3 python
PYTHON_CHECK := import sys; sys.exit(sys.version_info < (3, 11))
PYTHON_MISSING := Python 3.11 or later is needed and none of $(PYTHON_NAMES) on PATH is one; point at one with: make site PYTHON=/path/to/python3
ifndef PYTHON
PYTHON = $(or $(shell for p in $(PYTHON_NAMES); do \
    command -v $$p >/dev/null 2>&1 && $$p -c '$(PYTHON_CHECK)' >/dev/null 2>&1 && { command -v $$p; break; }; \
  done),$(error $(PYTHON_MISSING)))
endif

VENV := .venv
PY := $(VENV)/bin/python

YLS := .tools/node_modules/.bin/yaml-language-server

.PHONY: site check serve test bench clean print-python

# Made once; an existing .venv is kept whichever interpreter made it.
$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# The example plan is a plan for 2027: `make site` and `make serve` show it as
# of a moment inside its year, so that feeds and "what is coming" hold
# something. `make site NOW=` builds as of the clock, like `python build.py`.
NOW ?= 2027-06-10T10:00+08:00
NOW_OPTION = $(if $(NOW),--now $(NOW))

site: $(VENV)/.installed
	$(PY) build.py $(NOW_OPTION)

check: $(VENV)/.installed
	$(PY) build.py check

serve: $(VENV)/.installed
	$(PY) build.py serve $(NOW_OPTION)

# yaml-language-server (the engine of VS Code's YAML extension), for the editor tests
$(YLS):
	npm install --silent --no-audit --no-fund --prefix .tools yaml-language-server@1.25.0

test: $(VENV)/.installed $(YLS)
	$(PY) -m pytest

bench: $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	$(PY) bench/run.py

# The interpreter a new .venv would be made with
print-python:
	@: $(info $(PYTHON))

clean:
	rm -rf site .build .tools .pytest_cache .hypothesis
