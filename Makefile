# Plaza. `make html` builds the sample site into output/; `make test` runs every test.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
SETTINGS ?= pelicanconf.py
# What building needs (`make html`); the test tools (`make test`); the benchmark's
# comparison systems (`make bench`): three installs, each done once, again when
# pyproject.toml or constraints.txt change.
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
BENCH_STAMP := $(VENV)/.installed-bench
# The `plaza` command of this checkout (the same as .venv/bin/plaza once installed).
PLAZA = $(PY) -m plaza_cli
# The HTML checker, axe-core and ical.js, when npm is there to install them.
NPM_TOOLS := $(if $(shell command -v npm 2>/dev/null),node_modules/.installed)
# $(call quietly,command): run a Plaza command whose own messages say what is wrong, and
# on failure stop make without its "make: *** [Makefile:27: check] Error 1" line, which
# tells a volunteer nothing. Make prints that line whenever a recipe fails, so the recipe
# instead stops make with SIGPIPE, the one signal neither make nor the shell reports; the
# exit status stays non-zero (141) for CI. Under another make (MAKELEVEL above 0) the
# status is passed up as usual, for the make above to report.
quietly = $(1) || { status=$$?; [ $(MAKELEVEL) -eq 0 ] && kill -PIPE $$PPID; exit $$status; }

.PHONY: html publish serve check test tools weight new schemas scrub-images import bench golden i18n translations translate clean

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Plaza needs Python 3.11 ($(PYTHON))"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test,bench]'
	touch $(TEST_STAMP)

$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -c constraints.txt -e '.[bench]'
	touch $(BENCH_STAMP)

html: $(STAMP)
	@$(call quietly,$(PLAZA) build $(SETTINGS))

publish: $(STAMP)
	@$(call quietly,$(PLAZA) build publishconf.py)

serve: $(STAMP)
	@$(call quietly,$(PLAZA) serve $(SETTINGS))

check: $(STAMP)
	@$(call quietly,$(PLAZA) check $(SETTINGS))

# The HTML checker, axe-core and ical.js for the quality gates (skipped locally without them).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent && touch $@

tools: node_modules/.installed

# With npm present, the npm tools are installed first: the HTML and browser gates run.
test: $(TEST_STAMP) $(NPM_TOOLS)
	$(PY) -m ruff check plugins scripts tests bench
	$(PY) -m mypy plugins scripts bench
	$(PY) -m pytest

weight: html
	@$(call quietly,$(PY) -m scripts.weight output)

# make new TYPE=event TITLE="…" START="2027-01-14 18:00" [END=… DURATION=… LOCATION=…
#   ADDRESS=… ONLINE=… AUDIENCE=a,b LANGUAGES=en,es REPEAT=… EVENT=… DATE=… QUESTION=…]
NEW_OPTIONS := type title summary start end duration repeat location address online event \
	date audience question id languages facilitators status
new: $(STAMP)
	@$(call quietly,$(PLAZA) new --settings $(SETTINGS) $(foreach o,$(NEW_OPTIONS),$(if $($(shell echo $(o) | tr a-z A-Z)),--$(o) "$($(shell echo $(o) | tr a-z A-Z))")))

schemas: $(STAMP)
	$(PY) -m scripts.schemas

scrub-images: $(STAMP)
	@$(call quietly,$(PLAZA) scrub-images content)

# make import FILE=calendar.ics [DRY_RUN=1]: a Google, Outlook or Apple export as content files
import: $(STAMP)
	@$(call quietly,test -n "$(FILE)" || { echo 'usage: make import FILE=calendar.ics' >&2; false; })
	@$(call quietly,$(PLAZA) import --settings $(SETTINGS) "$(FILE)" $(if $(DRY_RUN),--dry-run))

# Plaza beside plain Pelican, i18n_subsites and Hugo; writes bench/results/ (minutes).
bench: $(BENCH_STAMP)
	$(PY) -m bench.run --sizes 1000 5000 --languages 12 --repeat 3

golden: $(STAMP)
	$(PY) scripts/regenerate_golden.py

clean:
	rm -rf output .plaza-build-* .plaza-old-* build dist

i18n: $(STAMP)
	$(PY) scripts/i18n.py update

translations: $(STAMP)
	@$(call quietly,$(PLAZA) translations $(SETTINGS))

# TO, not LANG: every shell sets LANG (en_US.UTF-8), which would name the translation.
translate: $(STAMP)
	@$(call quietly,test -n "$(FILE)" -a -n "$(TO)" || { echo 'usage: make translate FILE=content/events/x.md TO=ko' >&2; false; })
	@$(call quietly,$(PLAZA) translate --settings $(SETTINGS) "$(FILE)" "$(TO)")
