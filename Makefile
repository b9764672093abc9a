# README's two commands: `make map` builds the default maps, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
OUT ?= out

.PHONY: map test lint bench fuzz browser fonts clean

$(VENV)/.base: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test: $(VENV)/.base
	$(PY) -m pip install --quiet -e '.[test,dask]'
	touch $@

$(VENV)/.bench: $(VENV)/.test
	$(PY) -m pip install --quiet -e '.[test,dask,bench]'
	touch $@

map: $(VENV)/.base fonts
	$(VENV)/bin/industry-atlas build --all -o $(OUT)
	$(VENV)/bin/industry-atlas report --all -o $(OUT)
	$(VENV)/bin/industry-atlas index -o $(OUT)

APT_INSTALL = { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

# Debian's chromium drives the browser tests; Playwright never downloads one. Its pages
# open in Debian's headless shell of the same chromium (tests/browser.py: it draws a page
# for about three quarters of the CPU); README's print command and one comparison test run
# the full chromium. pdftoppm (poppler-utils) renders printed pages for the print tests.
browser:
	@command -v chromium >/dev/null 2>&1 || $(APT_INSTALL) chromium >/dev/null; }
	@command -v chromium-headless-shell >/dev/null 2>&1 || \
	  $(APT_INSTALL) chromium-headless-shell >/dev/null; }
	@command -v pdftoppm >/dev/null 2>&1 || $(APT_INSTALL) poppler-utils >/dev/null; }

# A fresh machine has no CJK font: figures and printed reports need one (WenQuanYi Micro Hei).
fonts:
	@test -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || \
	  $(APT_INSTALL) fonts-wqy-microhei fontconfig >/dev/null; }

# ruff, then the import contract of pyproject.toml (layers, no cycles, private modules).
lint: $(VENV)/.test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache

# Two workers (pytest-xdist), a module per worker (its module fixtures built once), the
# slowest modules first (tests/conftest.py: SLOW_FIRST, kept in that order): every test
# writes only under its tmp_path, each worker has its own Chromium. Bytecode is cached in
# $(VENV)/pycache even where PYTHONDONTWRITEBYTECODE is set: without it every worker
# recompiles and assert-rewrites all test modules (~3.5 s CPU each) on every run.
test: $(VENV)/.test browser fonts lint
	PYTHONDONTWRITEBYTECODE= PYTHONPYCACHEPREFIX=$(abspath $(VENV))/pycache \
	  $(PY) -m pytest -q -n 2 --dist loadscope --no-loadscope-reorder

# 10,000 mutated plan files; `make test` runs a few hundred.
fuzz: $(VENV)/.test
	FUZZ_EXAMPLES=10000 $(PY) -m pytest -q -m fuzz -p no:cacheprovider

bench: $(VENV)/.bench
	$(PY) benchmarks/bench_suite.py

clean:
	rm -rf $(OUT) .pytest_cache
