# Quick start: `make run` serves the app on 127.0.0.1:8050; `make test` runs every check.
# Both create .venv and install what they need on a fresh Debian machine with Python 3.11 and make.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8050
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint check-data bench chromium clean

run: $(VENV)/.runtime
	HOST=$(HOST) PORT=$(PORT) OPENBLAS_NUM_THREADS=1 $(BIN)/python app.py

test: $(VENV)/.dev chromium
	$(BIN)/ruff check .
	$(BIN)/python -m rcpdash.data check
	OPENBLAS_NUM_THREADS=1 $(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

check-data: $(VENV)/.runtime
	$(BIN)/python -m rcpdash.data check

bench: $(VENV)/.runtime
	OPENBLAS_NUM_THREADS=1 $(BIN)/python benchmarks/bench.py

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get update && $(SUDO) apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

# Browser tests drive Debian's Chromium; install it once if it is missing (never a downloaded browser).
chromium:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		echo "Installing Debian chromium + chromium-driver for the browser tests"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y chromium chromium-driver; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
