# The two commands of the README: `make run` and `make test` (and `make lint` beside them).
# Each sets up what it needs first (Debian packages and .venv) through scripts/bootstrap.sh.
VENV ?= .venv
export VENV
PY := $(VENV)/bin/python
PYTEST_ARGS ?=

.PHONY: run test lint bench setup node clean installer translations catalogues screenshots

# Translations. Sources (committed): the window's texts in Qt Linguist files (medwallet_<lang>.ts),
# the core's catalogue and the command line's texts in gettext files (<lang>.po, from medwallet.pot).
# Compiled (built, not committed): wallet/locale/medwallet_<lang>.qm and
# wallet/locale/<lang>/LC_MESSAGES/medwallet.mo, package data loaded by the app and the CLI.
LANGS := fr nl
TR := assets/translations
LOCALE := wallet/locale
QM := $(foreach l,$(LANGS),$(LOCALE)/medwallet_$(l).qm)
MO := $(foreach l,$(LANGS),$(LOCALE)/$(l)/LC_MESSAGES/medwallet.mo)
# What lupdate reads: the window; ``_`` is its alias of tr (context ""), ``N_`` of QT_TR_NOOP.
QT_SOURCES = $(sort $(wildcard wallet/gui/*.py))
# What pybabel reads: the core's catalogue and marked labels, and the command line (with the
# conventions it shares with medwallet-node).
PO_SOURCES = wallet/core wallet/cli ledger_client/console.py

setup:
	@scripts/bootstrap.sh

run: setup catalogues
	@$(PY) -m wallet.run_local

# A standalone local node (data in .local/node), without the wallet.
node: setup
	@test -f .local/node/genesis.json || $(PY) -m ledger_client.node.cli init --data .local/node
	@$(PY) -m ledger_client.node.cli run --data .local/node

test: setup catalogues
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
installer: setup catalogues
	@cd packaging && ../$(PY) -m mwpack build $(if $(PROFILE),--profile $(abspath $(PROFILE))) \
		$(if $(GOVERNANCE_KEY),--governance-key $(abspath $(GOVERNANCE_KEY))) --out ../dist

# Extract every text again (new ones arrive unfinished, translated ones are kept), then compile.
translations: setup
	@$(VENV)/bin/pyside6-lupdate -silent -locations relative -no-obsolete \
		-tr-function-alias tr+=_,QT_TR_NOOP+=N_ $(QT_SOURCES) -ts $(foreach l,$(LANGS),$(TR)/medwallet_$(l).ts)
	@$(VENV)/bin/pybabel -q extract --no-location --sort-output -k N_ -k _ -k tr -k trn:1,2 -k ngettext:1,2 \
		--project=Medwallet --copyright-holder="Medwallet developers" -o $(TR)/medwallet.pot $(PO_SOURCES)
	@for l in $(LANGS); do $(VENV)/bin/pybabel -q update --no-fuzzy-matching --ignore-obsolete \
		-l $$l -i $(TR)/medwallet.pot -o $(TR)/$$l.po; done
	@$(MAKE) --no-print-directory catalogues

# Compile what changed (make run, test and installer do this on a fresh checkout).
catalogues: setup $(QM) $(MO)

$(LOCALE)/medwallet_%.qm: $(TR)/medwallet_%.ts
	@mkdir -p $(@D)
	@$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

$(LOCALE)/%/LC_MESSAGES/medwallet.mo: $(TR)/%.po
	@mkdir -p $(@D)
	@$(VENV)/bin/pybabel -q compile -l $* -i $< -o $@

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mypy_cache .ruff_cache build dist *.egg-info
