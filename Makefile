# Two commands for a fresh Debian machine with Swift 6:
#   make demo   build, then annotate the default corpus (Corpora/default) with the default lexicons
#   make test   everything CI checks: the test suite, a bounded fuzzing run, the Spark local-mode test, the Python wheel's tests
# Each installs what it needs: libicu-dev, libxml2-dev, pkg-config, python3-pip, wngerman, the German
# common nouns, the world first names and the ordinary words (`make knowledge`), and for the tests chromium (the browser tests); the Spark
# test makes its own Python venv with PySpark from PyPI, the Python test one with spaCy and pytest.

SWIFT ?= swift
FUZZ_SECONDS ?= 60
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BUILD_PACKAGES := libicu-dev libxml2-dev pkg-config python3-pip wngerman
TEST_PACKAGES := chromium
FUZZ_FLAGS := -c release -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
	-Xswiftc -DFUZZING -Xlinker $(shell dirname $$(dirname $$(readlink -f $$(which swift))))/lib/swift/clang/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a \
	-Xlinker -lstdc++ --scratch-path .build-fuzz

.PHONY: deps test-deps knowledge build demo test unit-test example-test docs fuzz spark-test wheel python-test clean

# Installs the Debian packages named in $(1) that are missing.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
endef

deps:
	$(call apt_install,$(BUILD_PACKAGES))
	$(MAKE) knowledge

# Language knowledge read when lexicons are compiled (Lexicons/README.md, "Language knowledge"):
# the German common nouns of Wiktionary, from the `german-nouns` package on PyPI (CC BY-SA 4.0,
# so derived here rather than committed). Without the file no lexicon row is cautious.
# And the first names of the world with their frequencies, Jörg Michael's nam_dict.txt (GNU FDL
# 1.2 or later) from the `gender-guesser` package on PyPI (GPLv3): derived here, never committed.
GERMAN_NOUNS_VERSION := 1.2.5
COMMON_NOUNS := Lexicons/knowledge/common-nouns.txt
GENDER_GUESSER_VERSION := 0.4.0
WORLD_FIRST_NAMES := Lexicons/knowledge/first-names-world.txt
# And the German words that are no nouns, from Debian's `wngerman` word list (GPL-2+): derived here, never committed.
ORDINARY_WORDS := Lexicons/knowledge/ordinary-words.txt
WORD_LIST := /usr/share/dict/ngerman

knowledge: $(COMMON_NOUNS) $(WORLD_FIRST_NAMES) $(ORDINARY_WORDS)

# Without PyPI this warns and goes on: everything works, only no lexicon row is cautious.
$(COMMON_NOUNS): Lexicons/knowledge/derive_common_nouns.py
	@mkdir -p .build-knowledge
	@if python3 -m pip download --quiet --no-deps --dest .build-knowledge german-nouns==$(GERMAN_NOUNS_VERSION); then \
	  python3 Lexicons/knowledge/derive_common_nouns.py .build-knowledge/german_nouns-$(GERMAN_NOUNS_VERSION)-py3-none-any.whl $@.tmp && mv $@.tmp $@; \
	else \
	  echo "warning: german-nouns not downloaded from PyPI: no $@, so no lexicon row is cautious (see Lexicons/README.md)" >&2; \
	fi

# Without PyPI this warns and goes on: discovery then knows only the first names of Lexicons/first-names.txt.
$(WORLD_FIRST_NAMES): Lexicons/knowledge/derive_first_names.py
	@mkdir -p .build-knowledge
	@if python3 -m pip download --quiet --no-deps --dest .build-knowledge gender-guesser==$(GENDER_GUESSER_VERSION); then \
	  python3 Lexicons/knowledge/derive_first_names.py .build-knowledge/gender_guesser-$(GENDER_GUESSER_VERSION)-py2.py3-none-any.whl $@.tmp && mv $@.tmp $@; \
	else \
	  echo "warning: gender-guesser not downloaded from PyPI: no $@, so discovery knows only Lexicons/first-names.txt (see Lexicons/README.md)" >&2; \
	fi

# Without the word list (package wngerman) this warns and goes on: discovery then takes no surname alone at a sentence start.
$(ORDINARY_WORDS): Lexicons/knowledge/derive_ordinary_words.py
	@if [ -f $(WORD_LIST) ]; then \
	  python3 Lexicons/knowledge/derive_ordinary_words.py $(WORD_LIST) $@.tmp && mv $@.tmp $@; \
	else \
	  echo "warning: no $(WORD_LIST) (Debian package wngerman): no $@, so rule discover-person-sentence-start is off (see Lexicons/README.md)" >&2; \
	fi

test-deps: deps
	$(call apt_install,$(TEST_PACKAGES))

build: deps
	$(SWIFT) build -c release --static-swift-stdlib

demo: build
	.build/release/eigenname annotate Corpora/default --format jsonl

test: test-deps unit-test example-test fuzz spark-test python-test

unit-test:
	$(SWIFT) test

# Examples/LibraryUse, a package that depends on this one by path and uses only the public
# API, as a new user's would: built with its own scratch path, copied with the resource bundle
# beside it into a directory outside the repository (so it finds the default lexicons only in
# the bundle, as a program elsewhere does), run, and compared byte for byte with
# `eigenname annotate` given the same text and the same extra row as a lexicon file.
example-test:
	$(SWIFT) build --package-path Examples/LibraryUse --scratch-path $(CURDIR)/.build-example
	$(SWIFT) build --product eigenname
	@t=$$(mktemp -d) && trap 'rm -rf "$$t"' EXIT && \
	cp -R .build-example/debug/LibraryUse .build-example/debug/Eigenname_Eigenname.resources "$$t"/ && \
	(cd "$$t" && env -u EIGENNAME_LEXICONS EIGENNAME_CACHE="$$t/cache" ./LibraryUse > library.jsonl && ./LibraryUse --inputs .) && \
	EIGENNAME_CACHE="$$t/cache" .build/debug/eigenname annotate "$$t/beispiel.txt" --lexicon "$$t/extra.tsv" --quiet > "$$t/cli.jsonl" && \
	cmp "$$t/library.jsonl" "$$t/cli.jsonl" && \
	echo "example-test: Examples/LibraryUse prints what eigenname annotate prints ($$(grep -o '"type"' "$$t/library.jsonl" | wc -l) entities)"

# The library's documentation (DocC; Sources/Eigenname/Eigenname.docc): a static site in
# .build-docs/Eigenname.doccarchive (open with any web server, or `xcrun docc preview` on a Mac).
# Offline: the plugin comes from the package's dependencies. About 5 s after a build, a minute
# or two from nothing; not part of `make test`. DOCC_FLAGS=--experimental-documentation-coverage
# prints which public symbols have no doc comment.
DOCC_FLAGS ?=
docs:
	@mkdir -p .build-docs
	$(SWIFT) package --allow-writing-to-directory .build-docs generate-documentation --target Eigenname \
		--output-path .build-docs/Eigenname.doccarchive --disable-indexing --transform-for-static-hosting $(DOCC_FLAGS)

# libFuzzer over the whole pipeline for FUZZ_SECONDS, from the seed corpus; then every
# kept regression input replayed. A crash fails the target and leaves its input in .build-fuzz/.
fuzz:
	$(SWIFT) build --product eigenname-fuzz $(FUZZ_FLAGS)
	rm -rf .build-fuzz/corpus && mkdir -p .build-fuzz/corpus && cp Fuzz/corpus/* .build-fuzz/corpus/
	.build-fuzz/release/eigenname-fuzz -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
		-artifact_prefix=.build-fuzz/ .build-fuzz/corpus
	.build-fuzz/release/eigenname-fuzz Fuzz/regressions/*

# Spark local mode against `eigenname annotate`, document by document (skips without Java or PyPI).
spark-test:
	$(SWIFT) build
	EIGENNAME_BIN=$$(pwd)/.build/debug/eigenname Integrations/spark/test_spark.sh

# The Python package (Integrations/python/): a py3-none-linux_x86_64 wheel carrying the static
# release binary, the default lexicons and the `make knowledge` files, in
# Integrations/python/dist/. WHEEL_SCRATCH is the swift build's scratch path.
WHEEL_SCRATCH ?= .build-wheel
wheel: knowledge
	WHEEL_SCRATCH=$(WHEEL_SCRATCH) Integrations/python/build_wheel.sh

# The wheel installed into Integrations/python/.venv (spaCy and pytest from PyPI; skips without
# PyPI) and a fresh venv, tested with pytest against `eigenname annotate`.
python-test: knowledge
	WHEEL_SCRATCH=$(WHEEL_SCRATCH) Integrations/python/test_python.sh

clean:
	rm -rf .build .build-fuzz .build-example .build-docs .build-wheel Integrations/python/build Integrations/python/dist
