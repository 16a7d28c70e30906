# Two commands for a fresh Debian machine with Swift:
#   make demo   annotate the default corpus (Corpora/default) with the default lexicons
#   make test   run the test suite
# Both install the system libraries they need (libicu-dev, libxml2-dev, pkg-config) when missing.

SWIFT ?= swift
APT_PACKAGES := libicu-dev libxml2-dev pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build demo test clean

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c release

demo: build
	.build/release/eigenname annotate Corpora/default --format jsonl

test: deps
	$(SWIFT) test

clean:
	rm -rf .build
