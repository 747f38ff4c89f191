# One venv for everything; each target is quick when it is already set up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test js lint deps bench clean catalogues messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

# The demo edits a copy, so the sample map stays as it is in git.
demo: $(STAMP)
	mkdir -p .demo && cp maps/telecom-prepaid.toml .demo/telecom-prepaid.toml
	$(BIN)/cjm edit .demo/telecom-prepaid.toml

# The interface's translations: cjm reads the compiled .mo files, which git does not keep.
# `pip install -e .` compiles them too (hatch_build.py); this recompiles an edited .po.
LOCALE := cjm_tui/i18n/locale
MO := $(patsubst %.po,%.mo,$(wildcard $(LOCALE)/*/LC_MESSAGES/cjm.po))

catalogues: $(MO)

$(LOCALE)/%/LC_MESSAGES/cjm.mo: $(LOCALE)/%/LC_MESSAGES/cjm.po | $(STAMP)
	$(BIN)/pybabel compile -l $*

# After a change to the interface's text: the messages of the code (build/cjm.pot) merged into
# every .po (new ones empty, gone ones dropped); then translate and `make catalogues`.
# The options are pyproject.toml's [tool.babel.*].
messages: $(STAMP)
	mkdir -p build
	$(BIN)/pybabel extract
	$(BIN)/pybabel update

# Without node and `make js` the tests that run Mermaid's own parser skip (under CI they fail).
test: $(STAMP) catalogues
	$(BIN)/python -m pytest -q

# The exact Node packages of tests/js/package-lock.json (Mermaid for test_mermaid_parser.py).
js:
	npm ci --prefix tests/js --no-audit --no-fund --loglevel=error

lint: $(STAMP)
	$(BIN)/ruff check cjm_tui tests benchmarks scripts hatch_build.py
	$(BIN)/ruff format --check cjm_tui tests benchmarks scripts hatch_build.py
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python scripts/import_cycles.py cjm_tui

# The import graph's circles (imports inside functions count); none is the rule.
deps: $(STAMP)
	$(BIN)/python scripts/import_cycles.py cjm_tui

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_store.py
	$(BIN)/python benchmarks/bench_tui.py
	$(BIN)/python benchmarks/bench_drafting.py
	$(BIN)/python benchmarks/bench_together.py
	$(BIN)/python benchmarks/bench_folder.py
	$(BIN)/python benchmarks/bench_portfolio.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
