# The project's table of contents: `make` or `make help` lists every target.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
PDF_ENGINE ?= latex
# The browser for PDF_ENGINE=webpdf: Debian's Chromium where installed, else playwright's own.
CHROMIUM ?= $(firstword $(wildcard /usr/bin/chromium /usr/bin/chromium-browser))
export CHROMIUM
export INTERPOL_REVIEW_ROOT := $(CURDIR)

SETUP_DONE := $(VENV)/.setup-done
SYSTEM_DONE := build/.system-done
ENGINE_CHOICE := build/pdf-engine
VARIANTS := $(basename $(notdir $(wildcard params/*.yaml)))
REPORTS := $(foreach variant,$(VARIANTS),reports/$(variant)/report.pdf)
INDEX := reports/index.html
PACKAGE := pyproject.toml $(shell find src -name '*.py' -o -name '*.j2' -o -name '*.tex' -o -name '*.css')
CHAPTERS := $(wildcard notebooks/[0-9][0-9]-*.ipynb) docs/methods.md
RAW := $(wildcard data/raw/*.csv) data/raw/SHA256SUMS
VALIDATED := data/processed/DATA_SHA256

.PHONY: help setup data report test lint lab bench checksums clean distclean FORCE

help: ## list the targets with one line each
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-zA-Z_-]*:.*## / {printf "  make %-11s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

setup: $(SETUP_DONE) $(SYSTEM_DONE) ## install what is missing: system programs (apt-get) and .venv

$(SYSTEM_DONE): scripts/setup-system.sh
	bash scripts/setup-system.sh
	@mkdir -p $(@D) && touch $@

# uv installs the pinned requirements in seconds; pip is the fallback where uv cannot be had.
$(SETUP_DONE): requirements.txt pyproject.toml | $(SYSTEM_DONE)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	if $(PY) -m pip install -q uv==$(UV_VERSION) 2>/dev/null; then \
	  $(VENV)/bin/uv pip install -q --python $(PY) -r requirements.txt && \
	  $(VENV)/bin/uv pip install -q --python $(PY) --no-deps -e . ; \
	else \
	  $(PY) -m pip install -q -r requirements.txt && $(PY) -m pip install -q --no-deps -e . ; \
	fi
	touch $@

data: $(VALIDATED) ## validate data/raw and write the tidy tables to data/processed

$(VALIDATED): $(RAW) $(PACKAGE) $(SETUP_DONE)
	$(PY) -m interpol_review data

report: $(REPORTS) $(INDEX) ## build every report (HTML, PDF, results.json) into reports/<variant>/

reports/%/report.pdf reports/%/report.html reports/%/results.json: params/%.yaml $(CHAPTERS) $(PACKAGE) $(VALIDATED) $(SETUP_DONE) $(SYSTEM_DONE) $(ENGINE_CHOICE)
	$(PY) -m interpol_review build $< --pdf-engine $(PDF_ENGINE)

# The build writes each report file atomically; make must not delete the previous good one on Ctrl-C.
.PRECIOUS: reports/%/report.pdf reports/%/report.html reports/%/results.json

# Rewritten only when PDF_ENGINE changes, so switching engines rebuilds the PDFs and nothing else does.
$(ENGINE_CHOICE): FORCE
	@mkdir -p $(@D) && echo "$(PDF_ENGINE)" | cmp -s - $@ || echo "$(PDF_ENGINE)" > $@

$(INDEX): $(REPORTS) $(wildcard params/*.yaml)
	$(PY) -m interpol_review index

lab: $(SETUP_DONE) ## open the chapters in JupyterLab with the project's environment as kernel
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (interpol-review)" >/dev/null
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

test: $(SETUP_DONE) $(SYSTEM_DONE) ## run the whole test suite (unit, bad input, end to end)
	$(PY) -m pytest

lint: $(SETUP_DONE) ## check style (ruff) and the package's layers (import-linter)
	$(VENV)/bin/ruff check src tests notebooks benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/lint-imports --no-cache

bench: $(SETUP_DONE) $(SYSTEM_DONE) ## time the build (cold, no-op, one variant, -j2, naive baseline) as ratios
	$(PY) benchmarks/build.py $(BENCH_ARGS)

checksums: $(SETUP_DONE) ## record the SHA-256 of data/raw after an intended edit (a new figure)
	$(PY) -m interpol_review checksums

clean: ## remove generated files: build/, reports/, data/processed/
	rm -rf build data/processed
	find reports -mindepth 1 ! -name README.md -delete

distclean: clean ## also remove the virtual environment
	rm -rf $(VENV)
