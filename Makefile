# Quick start: `make run` serves the app on 127.0.0.1:8050; `make test` runs every check.
# Both create .venv and install what they need on a fresh Debian machine with Python 3.11 and make:
# exactly the versions and files of requirements.lock / requirements-dev.lock (pip checks the hashes).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8050
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run serve test lint check-data bench bench-browser loadtest system-tools chromium lock clean

run: $(VENV)/.runtime
	HOST=$(HOST) PORT=$(PORT) OPENBLAS_NUM_THREADS=1 $(BIN)/python app.py

# Production serving: gunicorn, 2 workers (more gain nothing on 2 cores), see docs/deploy.md.
serve: $(VENV)/.runtime
	OPENBLAS_NUM_THREADS=1 $(BIN)/gunicorn --config gunicorn.conf.py app:server

test: $(VENV)/.dev system-tools
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

# What the tests run besides Python, all from Debian, installed once if missing with ONE apt-get update
# (four updates cost about a minute on a fresh machine):
#   chromium + chromium-driver  the browser tests (never a downloaded browser)
#   redis-server                the cache-sharing and frozen-Redis tests (each starts its own, on a free port)
#   nginx                       the stack test: deploy/nginx-rcpdash.conf in front of two app instances
#   libreoffice-impress         the slides test opens an exported .pptx (measured: 2.5 min to install)
SYSTEM_TOOLS := /usr/bin/chromium:chromium /usr/bin/chromedriver:chromium-driver \
	redis-server:redis-server nginx:nginx soffice:libreoffice-impress
define missing_packages
$(strip $(foreach tool,$(1),$(if $(shell command -v $(firstword $(subst :, ,$(tool))) 2>/dev/null || \
	[ -x /usr/sbin/$(firstword $(subst :, ,$(tool))) ] && echo found),,$(lastword $(subst :, ,$(tool))))))
endef

system-tools:
	@missing="$(call missing_packages,$(SYSTEM_TOOLS))"; \
	if [ -n "$$missing" ]; then echo "Installing Debian packages for the tests: $$missing"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y $$missing; fi

chromium:
	@missing="$(call missing_packages,/usr/bin/chromium:chromium /usr/bin/chromedriver:chromium-driver)"; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update && $(SUDO) apt-get install -y $$missing; fi

loadtest: $(VENV)/.runtime
	OPENBLAS_NUM_THREADS=1 $(BIN)/python benchmarks/loadtest.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
