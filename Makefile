# make          set up .venv and build output/ipt-leaflet.pdf
# make test     run the tests (sets up .venv when it is missing)
# make fuzz     the property tests with many more inputs (minutes)
# make serve    the page for clinic staff, at http://localhost:8000/
# make preview  PNGs of both pages into output/
# make bench    time a build against a bare ReportLab script, and the worst inputs inside the limits
# make coverage the tests under coverage, subprocesses and workers included
# make docs     redraw the pictures in docs/ from the code
# make lint     ruff

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: all build test fuzz serve preview bench coverage docs lint clean

all: build

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m compileall -q leaflet
	touch $(STAMP)

build: $(STAMP)
	$(VENV)/bin/leaflet build content.yaml
	@echo "leaflet is installed in $(VENV): run $(VENV)/bin/leaflet, or 'source $(VENV)/bin/activate' first;"
	@echo "'make serve' opens the page for clinic staff at http://localhost:8000/"

fuzz: $(STAMP)
	LEAFLET_FUZZ_SCALE=4 $(PY) -m pytest tests/test_fuzz.py

serve: $(STAMP)
	$(VENV)/bin/leaflet serve .

test: $(STAMP)
	$(PY) -m pytest

preview: $(STAMP)
	$(VENV)/bin/leaflet preview content.yaml

coverage: $(STAMP)
	rm -f .coverage .coverage.*
	$(PY) -m coverage run -m pytest
	$(PY) -m coverage combine -q
	$(PY) -m coverage report

bench: $(STAMP)
	$(PY) bench/bench.py
	@echo
	$(PY) bench/worst.py

docs: $(STAMP)
	$(PY) docs/make_pictures.py

lint: $(STAMP)
	$(VENV)/bin/ruff check leaflet tests bench docs
	$(VENV)/bin/ruff format --check leaflet tests bench docs

clean:
	rm -rf $(VENV) output/*.pdf output/*.png
