# README's two commands: `make map` builds the default maps, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
OUT ?= out

.PHONY: map test lint bench fuzz browser clean

$(VENV)/.base: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test: $(VENV)/.base
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.bench: $(VENV)/.test
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $@

map: $(VENV)/.base
	$(VENV)/bin/industry-atlas build --all -o $(OUT)

# Debian's chromium drives the browser tests; Playwright never downloads one.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: $(VENV)/.test
	$(VENV)/bin/ruff check .

test: $(VENV)/.test browser lint
	$(PY) -m pytest -q

# 10,000 mutated plan files; `make test` runs a few hundred.
fuzz: $(VENV)/.test
	FUZZ_EXAMPLES=10000 $(PY) -m pytest -q -m fuzz -p no:cacheprovider

bench: $(VENV)/.bench
	$(PY) benchmarks/bench_build.py

clean:
	rm -rf $(OUT) .pytest_cache
