# The project's table of contents: `make` or `make help` lists every target.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
PDF_ENGINE ?= latex
# SYSTEM=skip: do not install system programs (conda users, machines without apt-get).
SYSTEM ?= apt
# Variants built at once: make's own -jN or JOBS=N when given, else the build's choice (every variant due,
# up to twice the cores). Test workers: the same N, else one per core. Recursive (=): make's -jN reaches
# MAKEFLAGS only when recipes expand. nproc counts OMP_NUM_THREADS as the cores, hence the env -u.
JOBS ?= $(patsubst -j%,%,$(filter -j%,$(MAKEFLAGS)))
BUILD_JOBS = $(if $(JOBS),--jobs $(JOBS))
TEST_JOBS = $(or $(JOBS),$(shell env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc 2>/dev/null || echo 1))
# The browser for PDF_ENGINE=webpdf and the browser tests: Debian's Chromium where installed.
CHROMIUM ?= $(firstword $(wildcard /usr/bin/chromium /usr/bin/chromium-browser))
NBSTRIPOUT_OPTIONS := --keep-id --extra-keys "metadata.language_info"
# Command-line values reach recipes through the environment, quoted by the shell, never pasted into them.
export CHROMIUM VARIANT CHAPTER LAB_ARGS
export INTERPOL_REVIEW_ROOT := $(CURDIR)
# One linear-algebra thread per process: kernels and test workers run side by side (core/threads.py).
export OMP_NUM_THREADS ?= 1
export OPENBLAS_NUM_THREADS ?= 1
export MKL_NUM_THREADS ?= 1

SETUP_DONE := $(VENV)/.setup-done
SYSTEM_DONE := build/.system-done-$(SYSTEM)
VALIDATED := data/processed/DATA_SHA256
RAW := $(wildcard data/raw/*.csv) data/raw/SHA256SUMS
PACKAGE := pyproject.toml $(shell find src -name '*.py' -o -name '*.j2')

.PHONY: help setup data report preview parameters test test-slow lint lab bench checksums clean distclean

help: ## list the targets with one line each
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-zA-Z_-]*:.*## / {printf "  make %-11s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo "  Options: VARIANT=latest (one report), PDF_ENGINE=webpdf, SYSTEM=skip, JOBS=1, CHAPTER=03, SLOW=1, LAB_ARGS=..."

setup: $(SETUP_DONE) $(SYSTEM_DONE) ## install what is missing: system programs (apt-get) and .venv

$(SYSTEM_DONE): scripts/setup-system.sh
	@if [ "$(SYSTEM)" = skip ]; then echo "setup: SYSTEM=skip: system programs are yours to install (README)"; \
	else bash scripts/setup-system.sh; fi
	@mkdir -p $(@D) && touch $@

# uv installs the pinned requirements in seconds; pip is the fallback where uv cannot be had. Both leave the
# packages' bytecode compiled (uv only when asked): Python never writes it under PYTHONDONTWRITEBYTECODE, and
# then every process (build, kernel, test worker) compiled pandas, scipy and the rest again, 3 s a kernel.
$(SETUP_DONE): requirements.txt pyproject.toml | $(SYSTEM_DONE)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	if $(PY) -m pip install -q uv==$(UV_VERSION) 2>/dev/null; then \
	  $(VENV)/bin/uv pip install -q --compile-bytecode --python $(PY) -r requirements.txt && \
	  $(VENV)/bin/uv pip install -q --python $(PY) --no-deps -e . ; \
	else \
	  $(PY) -m pip install -q -r requirements.txt && $(PY) -m pip install -q --no-deps -e . ; \
	fi
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (interpol-review)" >/dev/null
	@# Notebooks are committed without outputs: git strips them on `git add` (a filter in .git/config).
	@if [ -d .git ]; then \
	  git config filter.nbstripout.clean '$(CURDIR)/$(VENV)/bin/nbstripout $(NBSTRIPOUT_OPTIONS)' && \
	  git config filter.nbstripout.smudge cat && git config diff.ipynb.textconv '$(CURDIR)/$(VENV)/bin/nbstripout -t'; fi
	touch $@

data: $(VALIDATED) ## validate data/raw and write the tidy tables to data/processed

# Timestamps only say that make should ask: the data is validated again only if its content or the code changed.
$(VALIDATED): $(RAW) $(PACKAGE) $(SETUP_DONE)
	@$(PY) -m interpol_review.build.due --data || $(PY) -m interpol_review data
	@touch $@

# Make decides nothing here by timestamps: the build compares the content of every input with what the
# reports were built from, so a checkout that only touches files rebuilds nothing.
report: $(SETUP_DONE) $(SYSTEM_DONE) $(VALIDATED) ## build every report (HTML, PDF, results.json); VARIANT=name for one
	@if [ -n "$$VARIANT" ]; then \
	  $(PY) -m interpol_review build $(BUILD_JOBS) --pdf-engine $(PDF_ENGINE) --variant "$$VARIANT"; \
	else \
	  $(PY) -m interpol_review.build.due --pdf-engine $(PDF_ENGINE) || \
	  $(PY) -m interpol_review build --all $(BUILD_JOBS) --pdf-engine $(PDF_ENGINE); \
	fi

preview: $(SETUP_DONE) ## one chapter of one variant as HTML, in seconds: CHAPTER=03 [VARIANT=latest]
	@$(PY) -m interpol_review preview --variant "$${VARIANT:-latest}" -- "$${CHAPTER:?say which chapter: make preview CHAPTER=03}"

parameters: $(SETUP_DONE) ## rewrite the chapters' parameters cells and README's table from the declaration
	$(PY) -m interpol_review parameters

# One test at a time to each worker, longest first (tests/conftest.py): the workers finish together.
PYTEST = $(PY) -m pytest -n $(TEST_JOBS) --maxschedchunk 1

test: $(SETUP_DONE) $(SYSTEM_DONE) ## run the tests in parallel; SLOW=1 adds the slow ones in the same session (CI)
	$(PYTEST) $(if $(SLOW),,-m "not slow")

test-slow: $(SETUP_DONE) $(SYSTEM_DONE) ## run the slow tests only: coverage simulations, killed builds, builds of their own
	$(PYTEST) -m slow

lint: $(SETUP_DONE) ## check style (ruff), layers (import-linter), notebook hygiene (nbstripout), parameters
	$(VENV)/bin/ruff check src tests notebooks benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/nbstripout --verify $(NBSTRIPOUT_OPTIONS) notebooks/*.ipynb
	$(PY) -m interpol_review parameters --check

lab: $(SETUP_DONE) ## open the chapters in JupyterLab (as root too); LAB_ARGS="--port 8899" passes options
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks --no-browser --ip=127.0.0.1 $$( [ "$$(id -u)" = 0 ] && echo --allow-root ) $(LAB_ARGS)

bench: $(SETUP_DONE) $(SYSTEM_DONE) ## time the builds side by side (cold, no-op, one variant, serial, parallel, floor)
	$(PY) benchmarks/build.py $(BENCH_ARGS)

checksums: $(SETUP_DONE) ## record the SHA-256 of data/raw after an intended edit (a new figure)
	$(PY) -m interpol_review checksums

clean: ## remove generated files: build/, reports/, data/processed/
	rm -rf build data/processed
	find reports -mindepth 1 ! -name README.md -delete

distclean: clean ## also remove the virtual environment
	rm -rf $(VENV)
