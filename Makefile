# Two commands for everyone: `make site` builds the example plan, `make test` runs every test.
# The virtual environment is made on first use from the pinned requirements.txt.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python

YLS := .tools/node_modules/.bin/yaml-language-server

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

# yaml-language-server (the engine of VS Code's YAML extension), for the editor tests
$(YLS):
	npm install --silent --no-audit --no-fund --prefix .tools yaml-language-server@1.25.0

test: $(VENV)/.installed $(YLS)
	$(PY) -m pytest

bench: $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	$(PY) bench/run.py

clean:
	rm -rf site .build .tools .pytest_cache .hypothesis
