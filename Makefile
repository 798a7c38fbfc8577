# The two commands of the README: `make run` and `make test` (and `make lint` beside them).
# Each sets up what it needs first (Debian packages and .venv) through scripts/bootstrap.sh.
VENV ?= .venv
export VENV
PY := $(VENV)/bin/python
PYTEST_ARGS ?=

.PHONY: run test lint bench setup node clean installer screenshots

setup:
	@scripts/bootstrap.sh

run: setup
	@$(PY) -m wallet.run_local

# A standalone local node (data in .local/node), without the wallet.
node: setup
	@test -f .local/node/genesis.json || $(PY) -m ledger_client.node.cli init --data .local/node
	@$(PY) -m ledger_client.node.cli run --data .local/node

test: setup
	@scripts/run-tests.sh $(PYTEST_ARGS)

# Every view in the light and the dark scheme, offscreen, over a wallet with records, consents and
# an access log on a real node: the README's set in docs/screenshots/.
screenshots: setup
	@MEDWALLET_SCREENSHOTS=$(CURDIR)/docs/screenshots QT_QPA_PLATFORM=offscreen \
		$(PY) -m pytest -q -p no:xdist tests/wallet/gui/test_screenshots.py

# ruff (style and bugs) and mypy (types), both configured in pyproject.toml.
lint: setup
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/mypy

bench: setup
	@for b in tests/benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

# Pilot installers: make installer [PROFILE=pilot.json [GOVERNANCE_KEY=governance.key]]
installer: setup
	@cd packaging && ../$(PY) -m mwpack build $(if $(PROFILE),--profile $(abspath $(PROFILE))) \
		$(if $(GOVERNANCE_KEY),--governance-key $(abspath $(GOVERNANCE_KEY))) --out ../dist

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mypy_cache .ruff_cache build dist *.egg-info
