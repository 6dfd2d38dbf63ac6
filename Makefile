# Keyward. `make run` serves on SQLite; `make test` runs every test. See README.md.
SWIFT       ?= swift
SWIFT_FLAGS ?= --explicit-target-dependency-import-check error
DATA_DIR    ?= ./keyward-data
LISTEN      ?= 127.0.0.1:8080
PYTHON_ENV  := .build/python

.PHONY: all deps build release run test test-swift test-python lint format python-env clean bench

all: build

deps:
	@scripts/deps.sh build

build: deps
	$(SWIFT) build $(SWIFT_FLAGS)

release: deps
	$(SWIFT) build -c release $(SWIFT_FLAGS)

run: release
	.build/release/keyward serve --listen $(LISTEN) --data-dir $(DATA_DIR)

# Every test: Swift unit and integration tests, then the Python integration, client-library,
# PostgreSQL and browser tests against real server processes.
test:
	@scripts/deps.sh test
	scripts/test.sh

lint:
	@scripts/deps.sh build
	$(SWIFT) format lint --strict --recursive --parallel Package.swift Sources Tests

format:
	$(SWIFT) format format --in-place --recursive --parallel Package.swift Sources Tests

bench: release
	@scripts/deps.sh bench
	bench/api-vs-nginx.sh

clean:
	rm -rf .build
