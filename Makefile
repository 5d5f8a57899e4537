# Two commands do all the set-up: `make run` (dashboard on a bundled sample) and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
SUDO   := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: install system-deps run run-network test bench samples screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP) system-deps

# kaleido (static chart export) and the browser tests drive Debian's chromium;
# the emoji font keeps emoji from turning into boxes in PDFs.
system-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ]; then \
		echo "Installing Debian packages: chromium fonts-noto-color-emoji"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null; \
	fi

SAMPLE := sample_exports/umkm_android_id.txt

# The dashboard; with nothing uploaded it shows $(SAMPLE) already analysed. It listens on
# 127.0.0.1 only (.streamlit/config.toml): nobody else on the network can open it.
run: install
	$(VENV)/bin/streamlit run app.py --server.address 127.0.0.1

# Opt-in: serve the dashboard to the whole local network (e.g. a workshop projector). Anyone on the
# same Wi-Fi can then open the chat that is loaded; the page says so.
NETWORK_HOST ?= $(shell hostname -I 2>/dev/null | cut -d' ' -f1)
run-network: install
	@echo "WARNING: the dashboard will be reachable from every device on this network" \
	      "(http://$(or $(NETWORK_HOST),<this computer>):8501). Anyone there can open the loaded chat." >&2
	$(VENV)/bin/streamlit run app.py --server.address 0.0.0.0 \
		$(if $(NETWORK_HOST),--browser.serverAddress $(NETWORK_HOST))

test: install
	$(PY) -m pytest -q -p no:cacheprovider

bench: install
	$(PY) -m pip install --quiet '.[bench]'
	$(PY) benchmarks/parse.py

samples: install
	$(PY) sample_exports/generate.py

# Refresh docs/screenshots/ from the browser test (a plain test run writes them to a temp folder).
screenshots: install
	WA_SCREENSHOTS=1 $(PY) -m pytest -q -p no:cacheprovider tests/test_app_browser.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
