# Two commands do all the set-up: `make run` (dashboard on a bundled sample) and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
SUDO   := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: install system-deps run run-network test test-all test-fast bench samples screenshots clean eval-real train-model eval-coding-fit learning-curve

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP) system-deps

# kaleido (static chart export) and the browser tests drive Debian's chromium;
# the emoji font keeps emoji from turning into boxes on screen; Symbola is an outline emoji font,
# so PDFs embed emoji as TrueType glyphs, never as Type 3 bitmaps (which journals reject).
system-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || \
	    ! fc-list 2>/dev/null | grep -q Symbola; then \
		echo "Installing Debian packages: chromium fonts-noto-color-emoji fonts-symbola"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-color-emoji \
			fonts-symbola >/dev/null; \
	fi

SAMPLE := analyzer/data/sample/umkm_android_id.txt

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

# `make test` runs every test, as CI does (.ci/run); `make test-fast` skips the tests marked slow
# (building and installing the wheel, full exports) while developing. `test-all` = `test`.
test: install
	$(PY) -m pytest -q -p no:cacheprovider

test-all: test

test-fast: install
	$(PY) -m pytest -q -p no:cacheprovider -m "not slow"

bench: install
	$(PY) -m pip install --quiet '.[bench]'
	$(PY) benchmarks/parse.py

samples: install
	$(PY) sample_exports/generate.py

# The classifier on real, hand-labelled group chats (read at run time from ../shared/real_dev/,
# never copied here): leave-one-group-out scores of the rules and the model candidates.
# Both use the 28 extra labelled groups (benchmarks/data/extra_labels.tsv) and the conversation of
# the shared set's rows (benchmarks/data/real_dev_exports.tsv) when local copies of their public
# exports are found (benchmarks/extra_groups.py: WA_EXTRA_EXPORTS, else ../realdata/indo_groups);
# without them they say so, and train-model warns that its model will differ from the shipped one.
EVAL_ARGS ?= --extra-exports
TRAIN_ARGS ?= --extra-exports
eval-real: install
	$(PY) benchmarks/real_classifier.py $(EVAL_ARGS)

# The hybrid fitted to each group's own hand-coded sample (analyze --labels), leave-one-group-out on
# the same real groups; and how the scores grow with more labelled groups or messages.
eval-coding-fit: install
	$(PY) benchmarks/coding_fit.py $(CODING_FIT_ARGS)

learning-curve: install
	$(PY) benchmarks/learning_curve.py $(CURVE_ARGS)

# Refit the shipped hybrid model analyzer/data/category_model.json (fixed seed, offline).
train-model: install
	$(PY) benchmarks/train_category_model.py $(TRAIN_ARGS)

# Refresh docs/screenshots/ from the browser test (a plain test run writes them to a temp folder).
screenshots: install
	WA_SCREENSHOTS=1 $(PY) -m pytest -q -p no:cacheprovider tests/test_app_browser.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
