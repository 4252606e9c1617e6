# ccas — make targets. Everything a fresh machine of this kind needs is installed by these.
PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
PROGRAMS = ccas ccas-intake ccas-classify ccas-dispatch ccas-notify ccas-track
DEMO_DIR ?= out/demo

.PHONY: all build release test test-stress docs demo bench deps clean install uninstall

all: build

# Tools the tests call (jq, sqlite3, xmllint, a JSON Schema validator…), from Debian and PyPI.
deps:
	@scripts/install-deps.sh

build:
	$(SWIFT) build

# Release programs carry the Swift runtime and Foundation inside (--static-swift-stdlib): no
# dynamic loading and relocation of libFoundation/ICU at each start (an empty program: 9.7 → 2.1
# ms), which is most of a short command such as `ccas-track status`. Debug and test builds stay
# dynamic (quicker to link). Every release build of one scratch path must use the same flags, or
# the programs are linked again.
RELEASE = -c release --static-swift-stdlib

release: deps
	$(SWIFT) build $(RELEASE)

# The whole test suite: unit tests per module, end-to-end tests of the built programs in real
# pipes, and the check that man pages and completions match the argument definitions.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	scripts/check-docs.sh

# The long stress runs on release binaries (RELIABILITY.md): kill -9 during intake (100,000
# calls, 50 kills), dispatch --commit and notify deliver; SIGINT/SIGTERM; 60 s of concurrency on
# one store; locked, full and damaged stores; bad input, permissions, secrets, SQL parameters.
# Each script prints one NDJSON line of figures; shortened versions run in `make test`.
test-stress: deps release
	CCAS_BIN="$$($(SWIFT) build $(RELEASE) --show-bin-path)" scripts/stress/run-all.sh

docs:
	scripts/gen-docs.sh

# The main job on the default store (under $(DEMO_DIR)) with the shipped sample data.
demo: deps build
	scripts/demo.sh "$(DEMO_DIR)"

bench: deps
	Benchmarks/run.sh

clean:
	rm -rf .build out

# Release binaries, man pages and completions under $(DESTDIR)$(PREFIX).
# BINDIR_FROM=DIR installs the programs already built in DIR instead of building release first
# (packagers, and the test of this recipe, which must not spend minutes on a release build).
BINDIR_FROM ?=
install: $(if $(BINDIR_FROM),,release)
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/man/man1" \
	  "$(DESTDIR)$(PREFIX)/share/bash-completion/completions" \
	  "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	bin="$(BINDIR_FROM)"; [ -n "$$bin" ] || bin="$$($(SWIFT) build $(RELEASE) --show-bin-path)"; \
	for p in $(PROGRAMS); do install -m 0755 "$$bin/$$p" "$(DESTDIR)$(PREFIX)/bin/$$p" || exit 1; done
	install -m 0644 man/man1/*.1 "$(DESTDIR)$(PREFIX)/share/man/man1/"
	for p in $(PROGRAMS); do \
	  install -m 0644 "completions/bash/$$p" "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/$$p" && \
	  install -m 0644 "completions/zsh/_$$p" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_$$p" && \
	  install -m 0644 "completions/fish/$$p.fish" "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/$$p.fish" || exit 1; \
	done

uninstall:
	for p in $(PROGRAMS); do \
	  rm -f "$(DESTDIR)$(PREFIX)/bin/$$p" "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/$$p" \
	    "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_$$p" "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/$$p.fish"; \
	  rm -f "$(DESTDIR)$(PREFIX)/share/man/man1/$$p.1" "$(DESTDIR)$(PREFIX)/share/man/man1/$$p"-*.1; \
	done
