# ccas — make targets. Everything a fresh machine of this kind needs is installed by these.
PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
PROGRAMS = ccas-intake ccas-classify ccas-dispatch ccas-notify
DEMO_DIR ?= out/demo

.PHONY: all build release test test-unit check-docs docs demo bench deps clean

all: build

# Tools the tests call (jq, sqlite3, xmllint, a JSON Schema validator…), from Debian and PyPI.
deps:
	@scripts/install-deps.sh

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release

# The whole test suite: unit tests per module, end-to-end tests of the built programs in real
# pipes, and the check that man pages and completions match the argument definitions.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	scripts/check-docs.sh

docs:
	scripts/gen-docs.sh

# The main job on the default store (under $(DEMO_DIR)) with the shipped sample data.
demo: deps build
	scripts/demo.sh "$(DEMO_DIR)"

bench: deps
	Benchmarks/run.sh

clean:
	rm -rf .build out
