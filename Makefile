# Every target sets up .venv/ first (once, again when pyproject.toml changes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint reliability bench bench-smoke bench-verify eval-attribution reindex lock clean

# Every dependency from requirements-dev.lock, each checked against its SHA-256 (make lock writes it from
# pyproject.toml's ranges); then citebot itself, with nothing more; then pip checks the two agree.
$(BIN)/.installed: pyproject.toml requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pip check  # a range in pyproject.toml the lock no longer meets: run make lock
	touch $@

run: $(BIN)/.installed  ## the bot on the bundled corpus (a terminal chat without a token)
	$(BIN)/citebot reindex
	$(BIN)/citebot serve

# Two workers per core (pytest-xdist): most tests wait on a bot process, a fake Bot API server or a database, so
# one per core leaves the cores idle (on 2 cores, with another job running: 8 min 52 s with 2 workers, 5 min 27 s
# with 4, the same 1,589 tests).
# --dist loadscope keeps a module's tests (and its bot process, its index) on one worker; the longest modules go
# first (tests/conftest.py: LONGEST_FIRST) instead of the modules with the most tests.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) * 2 )))
test: $(BIN)/.installed  ## the whole test suite, end-to-end tests included, two workers per core; lists the 20 slowest tests
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder --durations=20

$(BIN)/.lint: $(BIN)/.installed  # the lint tools come with requirements-dev.lock
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

$(BIN)/.bench: $(BIN)/.installed  # tantivy and matplotlib come with requirements-dev.lock
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

# The versions installed now stay (they are the ones tested); UPGRADE=1 takes the newest pyproject.toml allows.
# requirements.lock is what the Docker image runs (postgres extra); requirements-dev.lock adds test, lint and bench.
LOCK = $(BIN)/uv pip compile pyproject.toml --generate-hashes --no-annotate --universal --python-version 3.11 \
	--custom-compile-command "make lock" $(if $(UPGRADE),,-c $(VENV)/tested.txt)
lock: $(BIN)/.installed  ## rewrite requirements.lock and requirements-dev.lock (pinned, with hashes) from pyproject.toml
	$(BIN)/pip install --quiet uv==0.13.8
	$(BIN)/pip freeze --exclude-editable > $(VENV)/tested.txt
	$(LOCK) --extra postgres -o requirements.lock
	$(LOCK) --extra postgres --extra test --extra lint --extra bench -o requirements-dev.lock

clean:
	rm -rf $(VENV) var build *.egg-info
