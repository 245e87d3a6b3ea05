# Two commands for a new user: `make run` opens the app, `make test` runs every test headless.
# Both bootstrap themselves: system packages (Debian, as root), then .venv with the package.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SAMPLE ?= samples/three-tier.awsd.json
XVFB := $(shell [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ] && command -v xvfb-run >/dev/null && echo "xvfb-run -a -s '-screen 0 1600x1000x24'")

.PHONY: setup run test bench lint screenshots clean

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/system-deps.sh
	@bash scripts/system-deps.sh
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: setup
	$(XVFB) $(PY) -m designer $(SAMPLE)

# One worker per core (TEST_WORKERS=0 runs in one process, e.g. to use --pdb); worksteal
# keeps both cores busy to the end; the slowest tests are listed so they stay visible.
TEST_WORKERS ?= auto
test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal --durations=15

lint: setup
	$(VENV)/bin/ruff check designer tests benchmarks
	$(VENV)/bin/lint-imports

bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

screenshots: setup
	xvfb-run -a -s '-screen 0 1600x1000x24' $(PY) scripts/screenshots.py

clean:
	rm -rf $(VENV) build *.egg-info
