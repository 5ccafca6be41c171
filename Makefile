# Every target sets up .venv/ first (once, again when pyproject.toml changes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint reliability bench bench-smoke bench-verify eval-attribution reindex clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/.installed  ## the bot on the bundled corpus (a terminal chat without a token)
	$(BIN)/citebot reindex
	$(BIN)/citebot serve

# One worker per core (pytest-xdist); --dist loadscope keeps a module's tests (and its bot process, its index) on one
# worker; the longest modules go first (tests/conftest.py: LONGEST_FIRST) instead of the modules with the most tests.
test: $(BIN)/.installed  ## the whole test suite, end-to-end tests included, on every core; lists the 20 slowest tests
	$(BIN)/python -m pytest -q -n auto --dist loadscope --no-loadscope-reorder --durations=20

$(BIN)/.lint: $(BIN)/.installed
	$(BIN)/pip install --quiet -e '.[lint]'
	touch $@

# mypy and lint-imports see bot/ and index/ under their installed names through symlinks (see [tool.mypy]).
lint: $(BIN)/.lint  ## ruff, the layering contracts (lint-imports), then mypy on bot/ and index/; CI runs it before the tests
	$(BIN)/ruff check bot index tests bench
	mkdir -p $(VENV)/mypy/citebot
	ln -sfn ../../../bot $(VENV)/mypy/citebot/bot
	ln -sfn ../../../index $(VENV)/mypy/citebot/index
	PYTHONPATH=$(VENV)/mypy $(BIN)/lint-imports --no-cache
	$(BIN)/mypy -p citebot.bot -p citebot.index

reliability: $(BIN)/.installed  ## every reliability category with the full trial counts, then the summary table
	CITEBOT_RELIABILITY=full $(BIN)/python -m pytest -q -m reliability

$(BIN)/.bench: $(BIN)/.installed
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $@

bench: $(BIN)/.bench  ## search at 10k, 100k and 1M passages vs FTS5 and tantivy, the bot vs an echo bot; writes bench/RESULTS.md
	$(BIN)/python -m bench.run 10000 100000 1000000
	$(BIN)/python -m bench.bot
	$(BIN)/python -m bench.report

bench-smoke: $(BIN)/.bench  ## the 10k search benchmark only (CI)
	$(BIN)/python -m bench.run 10000

bench-verify: $(BIN)/.bench  ## every 3-hot-word phrase and the ranked queries at 100k against brute force; prints the differences (0)
	test -e var/bench/100000/citebot/CURRENT || $(BIN)/python -m bench.run 100000
	$(BIN)/python -m bench.verify 100000

SPLIT ?= dev
eval-attribution: $(BIN)/.installed  ## speakers of direct quotations against PolNeAR (issue 19): make eval-attribution POLNEAR=DIR [SPLIT=dev]
	@test -n "$(POLNEAR)" || { echo "usage: make eval-attribution POLNEAR=DIR [SPLIT=dev]  (DIR: a checkout of github.com/networkdynamics/PolNeAR)"; exit 2; }
	$(BIN)/python -m bench.attribution "$(POLNEAR)" --split $(SPLIT)

reindex: $(BIN)/.installed
	$(BIN)/citebot reindex

clean:
	rm -rf $(VENV) var build *.egg-info
