# Every target sets up .venv/ first (once, again when pyproject.toml changes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test reliability reindex clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/.installed  ## the bot on the bundled corpus (a terminal chat without a token)
	$(BIN)/citebot reindex
	$(BIN)/citebot serve

test: $(BIN)/.installed  ## the whole test suite, end-to-end tests included
	$(BIN)/python -m pytest -q

reliability: $(BIN)/.installed  ## every reliability category with the full trial counts, then the summary table
	CITEBOT_RELIABILITY=full $(BIN)/python -m pytest -q -m reliability

reindex: $(BIN)/.installed
	$(BIN)/citebot reindex

clean:
	rm -rf $(VENV) var build *.egg-info
