# Quick start: `make run` serves the app on 127.0.0.1:8050; `make test` runs every check.
# Both create .venv and install what they need on a fresh Debian machine with Python 3.11 and make:
# exactly the versions and files of requirements.lock / requirements-dev.lock (pip checks the hashes).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8050
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run serve test lint check-data bench bench-browser loadtest chromium redis nginx libreoffice lock clean

run: $(VENV)/.runtime
	HOST=$(HOST) PORT=$(PORT) OPENBLAS_NUM_THREADS=1 $(BIN)/python app.py

# Production serving: gunicorn, 2 workers (more gain nothing on 2 cores), see docs/deploy.md.
serve: $(VENV)/.runtime
	OPENBLAS_NUM_THREADS=1 $(BIN)/gunicorn --config gunicorn.conf.py app:server

test: $(VENV)/.dev chromium redis nginx libreoffice
	$(BIN)/ruff check .
	$(BIN)/python -m rcpdash.data check
	OPENBLAS_NUM_THREADS=1 $(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

check-data: $(VENV)/.runtime
	$(BIN)/python -m rcpdash.data check

bench: $(VENV)/.runtime
	OPENBLAS_NUM_THREADS=1 $(BIN)/python benchmarks/bench.py

# What a person waits for in the browser (first map, click → settled), next to a bare Dash page.
bench-browser: $(VENV)/.dev chromium
	OPENBLAS_NUM_THREADS=1 $(BIN)/python benchmarks/browser.py

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get update && $(SUDO) apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.lock | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev: requirements.lock requirements-dev.lock | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $(VENV)/.runtime $@

# After changing requirements*.txt: pin the whole dependency tree again, with every file's hash
# (uv's resolver from PyPI, in a throwaway venv; for Python 3.11 on any platform).
LOCK_VENV := /tmp/rcpdash-lock
UV_COMPILE := $(LOCK_VENV)/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes --custom-compile-command "make lock"
lock:
	$(PYTHON) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/python -m pip install --quiet uv==0.13.9
	$(UV_COMPILE) requirements.txt -o requirements.lock
	$(UV_COMPILE) requirements-dev.txt -o requirements-dev.lock

# Browser tests drive Debian's Chromium; install it once if it is missing (never a downloaded browser).
chromium:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		echo "Installing Debian chromium + chromium-driver for the browser tests"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y chromium chromium-driver; \
	fi

# The cache-sharing test starts its own redis-server on a free port; install Debian's if missing.
redis:
	@command -v redis-server >/dev/null || { echo "Installing Debian redis-server for the cache tests"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y redis-server; }

# The stack test (tests/test_stack.py) runs Debian's nginx with deploy/nginx-rcpdash.conf in front of
# two app instances; install it if missing (the test starts its own nginx, as the test's user, on free ports).
nginx:
	@[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || { echo "Installing Debian nginx for the stack test"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y nginx; }

# The slides test opens an exported .pptx in Debian's LibreOffice Impress (headless); install it once if
# missing (measured: 2.5 minutes on a 2-core machine, after apt-get update).
libreoffice:
	@command -v soffice >/dev/null || { echo "Installing Debian libreoffice-impress for the slides test"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y libreoffice-impress; }

loadtest: $(VENV)/.runtime
	OPENBLAS_NUM_THREADS=1 $(BIN)/python benchmarks/loadtest.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
