# CSO Desk — set-up, run and checks. `make run` and `make test` do everything on a fresh
# Debian machine with Python 3.11.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DB ?=
DB_ARG := $(if $(DB),--db $(DB),)
CATALOGS := $(wildcard resources/i18n/*/LC_MESSAGES/csodesk.po)

.PHONY: run test test-slow lint format i18n i18n-check system-packages screenshots clean

$(STAMP): pyproject.toml setup.py
	bash installer/linux/debian-packages.sh
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

system-packages:
	bash installer/linux/debian-packages.sh

run: $(STAMP)
	$(PY) -m desktop $(DB_ARG) demo --if-empty
	$(PY) -m desktop $(DB_ARG)

test: $(STAMP) lint i18n-check
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not slow"

# The long runs left out of `make test`: importing 100,000 activities and expenditures.
test-slow: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m slow

lint: $(STAMP)
	$(VENV)/bin/ruff check desktop tests docs bench
	$(VENV)/bin/ruff format --check desktop tests docs bench

format: $(STAMP)
	$(VENV)/bin/ruff check --fix desktop tests docs bench
	$(VENV)/bin/ruff format desktop tests docs bench

# Refresh the template from the code and merge it into every catalog, for translators.
i18n: $(STAMP)
	$(VENV)/bin/pybabel extract --no-location --sort-by-file -k N_ -k NP_:1c,2 -k ngettext:1,2 \
		-c L10N: --project "CSO Desk" -o resources/i18n/csodesk.pot desktop
	for po in $(CATALOGS); do \
		lang=$$(basename $$(dirname $$(dirname $$po))); \
		$(VENV)/bin/pybabel update --no-fuzzy-matching --ignore-obsolete -N -l $$lang \
			-i resources/i18n/csodesk.pot -o $$po || exit 1; \
	done
	$(MAKE) i18n-check

# GNU msgfmt catches placeholder and plural errors that Babel lets through.
i18n-check: $(STAMP)
	for po in $(CATALOGS); do msgfmt --check -o /dev/null $$po || exit 1; done
	$(PY) -m desktop i18n check --strict

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info

# Screenshots of every page, in English and Albanian, for the README (docs/screenshots/).
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) docs/screenshots.py

# Report timings beside their floors at each scale in BENCH_SCALES (bench/results.md); the
# benchmark databases are built once into bench/data/ (about 40 s at 100,000 activities).
BENCH_SCALES ?= 1000 10000 100000
.PHONY: bench
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen BENCH_SCALES="$(BENCH_SCALES)" $(PY) -m bench.run

# The installers (installer/README.md): PyInstaller, in .venv only, through the `installer`
# extra; the Linux bundle is packed into dist/ as a .tar.gz and a .deb.
INSTALLER_STAMP := $(VENV)/.installer-installed
.PHONY: installer test-installer

$(INSTALLER_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,installer]'
	touch $(INSTALLER_STAMP)

installer: $(INSTALLER_STAMP)
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller installer/csodesk.spec
	bash installer/linux/package.sh $(PY)

# Builds the bundle from a clean clone of HEAD and runs its self-test: about a minute of
# CPU, 1-1.5 min on two shared cores once .venv exists (tests/installer/test_bundle.py).
test-installer: $(INSTALLER_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m slow tests/installer
