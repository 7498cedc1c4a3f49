# Two commands for everyone: `make site` builds the example plan, `make test` runs every test.
# The virtual environment is made on first use from the pinned requirements.txt.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: site check serve test bench clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

site: $(VENV)/.installed
	$(PY) build.py

check: $(VENV)/.installed
	$(PY) build.py check

serve: $(VENV)/.installed
	$(PY) build.py serve

test: $(VENV)/.installed
	$(PY) -m pytest

bench: $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	$(PY) bench/run.py

clean:
	rm -rf site .build .pytest_cache .hypothesis
