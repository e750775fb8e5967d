# Two commands do all the set-up on a fresh machine:
#   make run   - create .venv, install, ingest seeds/ if the store is empty, start the chat UI
#   make test  - create .venv, install with test extras, install Chromium if missing, run every suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | sha256sum | cut -c1-12)

.PHONY: run test install ui query eval bench clean help

help:  ## list targets
	@grep -E '^[a-z]+:.*##' Makefile | sed 's/:.*##/\t/'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)  ## create .venv and install the package with test extras

run: install  ## install, ingest seeds/ when the store is empty, start the chat UI
	$(BIN)/rag ui

query: install  ## answer a sample question from the command line
	$(BIN)/rag query "When did Kim leave Pyongyang?"

test: install  ## run every test suite (installs Chromium for the browser tests when missing)
	bash scripts/install_chromium.sh
	$(BIN)/python -m pytest -q -p no:cacheprovider

eval: install  ## run the evaluation suites and write a report under eval/runs/
	$(BIN)/rag eval

bench: install  ## benchmark ingest and query against reference pipelines
	$(BIN)/python bench/run.py

clean:  ## remove the virtualenv and caches (not your data)
	rm -rf $(VENV) .pytest_cache build *.egg-info
