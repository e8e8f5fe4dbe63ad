# contract-guard — `make run` starts the app, `make test` runs the tests; both set up first.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt pyproject.toml | sha256sum | cut -c1-12)
PORT   ?= 8501

.PHONY: setup run test check bench cuad docs clean train judgement

$(STAMP):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

run: setup  ## start the Streamlit app on http://localhost:$(PORT) (offline, no configuration)
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

test: setup  ## run the whole test suite
	$(VENV)/bin/pytest -q

check: setup  ## validate the clause library and run every pattern's own tests
	$(VENV)/bin/contract-guard library check

bench: setup  ## speed and memory over the CUAD dev PDFs
	$(PY) benchmarks/scan_speed.py

cuad: setup  ## accuracy on the CUAD dev set, scored by the shared harness
	$(PY) ../shared/tools/cuad_score.py --split dev --scanner "$(CURDIR)/$(VENV)/bin/contract-guard scan {in} --format json --out {out} --quiet"

train: setup  ## retrain the learned decision layer on the labelled sets (../shared/data + eval/)
	$(VENV)/bin/contract-guard library train

judgement: setup  ## out-of-sample figures: k-fold reports scored by the shared scorers, and speed
	$(PY) benchmarks/judgement.py

clean:
	rm -rf $(VENV) .data .pytest_cache
