# Every target creates/uses .venv and installs what it needs: a fresh machine needs only python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# torch 2.13.0 is the version these machines carry on disk (a CPU build); pyproject declares a range.
TORCH ?= torch==2.13.0
STAMP := $(VENV)/.installed

.PHONY: test speedrun bench clean chromium

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check $(TORCH)
	$(BIN)/pip install -q --disable-pip-version-check -e ".[test]"
	touch $(STAMP)

# The web-chat test drives Debian's chromium with Playwright (never a downloaded browser).
chromium:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium) \
		|| echo "chromium could not be installed: tests/test_webchat.py will skip"

test: $(STAMP) chromium
	$(BIN)/python -m pytest -q

speedrun: $(STAMP)
	$(BIN)/nanoseek speedrun

# the benchmarks' own peers (TRL) on top of the test environment
BENCH_STAMP := $(VENV)/.installed-bench
$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install -q --disable-pip-version-check -e ".[test,bench]"
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) runs
