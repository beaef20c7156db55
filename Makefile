# pactgraph: the two commands a new machine needs.
#   make demo   set up .venv and run the main job
#   make test   set up .venv with the dev tools and run lint, types and the whole test suite

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint typecheck pytest floors bench clean system-deps agreements

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.demo-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.demo-installed

demo: $(VENV)/.demo-installed
	$(BIN)/pactgraph info
	@echo
	$(BIN)/pactgraph ask "what changes when AGI is verified?"

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check graph tests
	$(BIN)/ruff format --check graph tests

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

# The fast tests run on both cores (pytest-xdist); the slow ones (a browser, servers, a wheel
# build) run one at a time, so timing-sensitive pages are not starved of CPU.
pytest: $(VENV)/.dev-installed system-deps
	$(BIN)/pytest -n 2 -m "not slow"
	$(BIN)/pytest -m slow

test: lint typecheck pytest floors

# The bundled agreements are written in the literate format (graph/pactgraph/agreements/*.md);
# the Turtle beside each is built from it (tests/test_literate.py holds the two together).
agreements: $(VENV)/.demo-installed
	for md in graph/pactgraph/agreements/microsoft-openai-*.md; do \
	    $(BIN)/pactgraph build $$md -o $${md%.md}.ttl || exit 1; done

# The suite again, with every runtime dependency at the lowest version pyproject.toml allows
# (constraints/floors.txt), in a venv of its own: a floor that stopped working fails here.
# The server tests run too, for the floors of Starlette and uvicorn.
FLOORS := .venv-floors

$(FLOORS)/.installed: pyproject.toml constraints/floors.txt
	rm -rf $(FLOORS)
	$(PYTHON) -m venv $(FLOORS)
	$(FLOORS)/bin/python -m pip install --quiet --upgrade pip
	$(FLOORS)/bin/python -m pip install --quiet -c constraints/floors.txt -e '.[dev]'
	touch $@

floors: $(FLOORS)/.installed system-deps
	$(FLOORS)/bin/pytest -q -n 2 -m "not slow" -p no:cacheprovider
	$(FLOORS)/bin/pytest -q -m slow -p no:cacheprovider tests/test_server.py

# The viz and export tests drive Debian's chromium (headless, through Playwright) and render
# DOT with Graphviz's dot; the remote-store tests start Virtuoso. Install them when missing
# (needs root, as in CI); never download a browser build of Playwright's own.
SYSTEM_DEPS := /usr/bin/chromium:chromium /usr/bin/dot:graphviz \
	/usr/bin/virtuoso-t:virtuoso-opensource

system-deps:
	@missing="$$(for d in $(SYSTEM_DEPS); do [ -x "$${d%%:*}" ] || printf '%s ' "$${d#*:}"; done)"; \
	if [ -n "$$missing" ]; then \
		echo "installing $$missing(Debian packages, for the browser, Graphviz and Virtuoso tests)"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# figures, not pass/fail: each tests/bench/bench_*.py prints its measurements
bench: $(VENV)/.dev-installed
	for script in tests/bench/bench_*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) $(FLOORS) build dist .pytest_cache .mypy_cache .ruff_cache
