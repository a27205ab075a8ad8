# Parley: build, run, test and lint. `make help` lists the targets.
#
# Everything a fresh Debian machine with Go needs is installed by the targets
# themselves: `make services` (apt-get, as root) and `make lint` (staticcheck).

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

GO       ?= go
BIN      := $(CURDIR)/bin
CACHE    := $(CURDIR)/.cache

# `make run` settings; override on the command line or in the environment.
PARLEY_ADDR         ?= :8080
PARLEY_DEMO_ADDR    ?= :8081
PARLEY_DATABASE_URL ?= sqlite:./data/parley.db

# The browser apps compiled to WebAssembly, built into static/dist.
WASM_APPS := -wasm widget=./widget/cmd/visitor -wasm console=./widget/cmd/console

# How long `make fuzz` runs each fuzz target, and how long the fuzzer may
# spend shrinking one new input (the default, 60s, stalls short runs).
FUZZTIME    ?= 30s
FUZZMINTIME ?= 2s

# Extra flags for go test, e.g. make test TESTFLAGS='-run TestStore'.
TESTFLAGS ?=
# Every go test run of `make test` is logged here; .ci/run counts it.
TESTLOG   := $(CACHE)/test.log

STATICCHECK_VERSION ?= latest
WASM_EXEC := $(shell $(GO) env GOROOT)/lib/wasm/go_js_wasm_exec

# .ci/services.sh records how tests reach PostgreSQL here.
-include $(CACHE)/test-env
ifdef PARLEY_TEST_DATABASE_URL
export PARLEY_TEST_DATABASE_URL
endif

.PHONY: help
help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

## ---- build and run ----

.PHONY: build
build: ## compile every package and bin/parley
	$(GO) build ./...
	$(GO) build -o $(BIN)/parley ./server/cmd/parley

.PHONY: assets
assets: ## build the loader, styles and WebAssembly apps into static/dist (skips what is unchanged)
	$(GO) run ./server/cmd/assets -out static/dist $(WASM_APPS)

.PHONY: run
run: build assets ## build and run bin/parley serve, with the demo shop on PARLEY_DEMO_ADDR
	mkdir -p data
	PARLEY_ADDR='$(PARLEY_ADDR)' PARLEY_DEMO_ADDR='$(PARLEY_DEMO_ADDR)' \
		PARLEY_DATABASE_URL='$(PARLEY_DATABASE_URL)' $(BIN)/parley serve

## ---- tests ----

# test runs in a sub-make so that the test-env file written by services is
# read before go test starts.
.PHONY: test
test: services assets ## services, assets, go vet, go test -race ./..., shared/ under WASM
	@rm -f $(TESTLOG)
	@$(MAKE) --no-print-directory vet test-go test-wasm

.PHONY: vet
vet:
	$(GO) vet ./...

# -v so that the log holds every PASS/FAIL/SKIP line; the console shows it
# without the RUN and PASS noise.
.PHONY: test-go
test-go:
	@mkdir -p $(CACHE)
	$(GO) test -race -count=1 -timeout 25m -v $(TESTFLAGS) ./... 2>&1 \
		| tee -a $(TESTLOG) | { grep -Ev '^ *(=== (RUN|PAUSE|CONT|NAME)|--- PASS)' || true; }

# shared/ is compiled into the browser clients: run its tests as WASM under
# Node, with Go's own go_js_wasm_exec wrapper. Without node this is skipped,
# or fails when PARLEY_TEST_REQUIRE asks for all (or node).
.PHONY: test-wasm
test-wasm:
	@mkdir -p $(CACHE)
	@if ! command -v node >/dev/null; then \
		echo "--- SKIP: WASM tests of shared/: node not found; install with: apt-get install -y --no-install-recommends nodejs" | tee -a $(TESTLOG); \
		case ",$${PARLEY_TEST_REQUIRE:-}," in *,all,*|*,node,*) exit 1;; esac; \
	else \
		echo "GOOS=js GOARCH=wasm $(GO) test -exec go_js_wasm_exec ./shared/..."; \
		GOOS=js GOARCH=wasm $(GO) test -count=1 -v -exec '$(WASM_EXEC)' $(TESTFLAGS) ./shared/... 2>&1 \
			| tee -a $(TESTLOG) | { grep -Ev '^ *(=== (RUN|PAUSE|CONT|NAME)|--- PASS)' || true; }; \
	fi

# Fuzz targets are found with go test -list, so new ones join automatically.
.PHONY: fuzz
fuzz: ## run every fuzz target for $(FUZZTIME)
	@mkdir -p $(CACHE)
	@$(GO) test -list '^Fuzz' ./... | awk '/^Fuzz/ {names = names " " $$1} /^ok/ {if (names != "") print $$2 names; names = ""}' \
		> $(CACHE)/fuzz-targets || echo "warning: go test -list failed in some packages; fuzzing the rest" >&2
	@test -s $(CACHE)/fuzz-targets || { echo "no fuzz targets found" >&2; exit 1; }
	@while read -r pkg names; do \
		for name in $$names; do \
			echo "== $$name ($$pkg) for $(FUZZTIME)"; \
			$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINTIME) $$pkg; \
		done; \
	done < $(CACHE)/fuzz-targets

# bench runs in a sub-make, like test, so that the test-env file written by
# services (PARLEY_TEST_DATABASE_URL) is read before the suite starts.
.PHONY: bench
bench: services ## Go benchmarks, then every load scenario on Parley beside the bare-stack relay
	@$(MAKE) --no-print-directory bench-go bench-suite

.PHONY: bench-go
bench-go:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# `parley bench suite` starts its own redis-server and nodes (children of
# bin/parley), runs each scenario on the relay and on Parley and prints one
# table; the Markdown copy goes to $(BENCH_SUITE_OUT). Sizes can be
# overridden, e.g. make bench BENCH_SUITE_FLAGS='--idle 5000 --only idle'.
BENCH_SUITE_OUT   ?= $(CACHE)/bench-suite.md
BENCH_SUITE_FLAGS ?=

.PHONY: bench-suite
bench-suite:
	@mkdir -p $(CACHE)
	$(GO) build -o $(BIN)/parley ./server/cmd/parley
	$(BIN)/parley bench suite --out $(BENCH_SUITE_OUT) $(BENCH_SUITE_FLAGS)

# `make bench-load`: one load-generator run against a fresh node. Override
# the size on the command line, e.g. make bench-load BENCH_IDLE=20000.
BENCH_VISITORS ?= 200
BENCH_AGENTS   ?= 10
BENCH_RATE     ?= 500
BENCH_DURATION ?= 20s
BENCH_IDLE     ?= 2000
BENCH_FLAGS    ?=

# Builds bin/parley, starts `parley serve` on a free port with a throwaway
# SQLite database and rate limits out of the way, runs `parley bench
# --setup` against it and stops it. Not part of `make test`.
.PHONY: bench-load
bench-load: ## one load-generator run against a fresh local node (see BENCH_*)
	$(GO) build -o $(BIN)/parley ./server/cmd/parley
	@tmp=$$(mktemp -d); port=; \
	for p in $$(shuf -i 20000-60000 -n 50); do \
		if ! (exec 3<>/dev/tcp/127.0.0.1/$$p) 2>/dev/null; then port=$$p; break; fi; \
	done; \
	test -n "$$port" || { echo "bench-load: no free port" >&2; exit 1; }; \
	export PARLEY_DATABASE_URL="sqlite:$$tmp/parley.db" PARLEY_DEMO=false PARLEY_LOG_LEVEL=warn \
		PARLEY_ADDR="127.0.0.1:$$port" PARLEY_PUBLIC_URL="http://127.0.0.1:$$port" \
		PARLEY_VISITOR_RATE=1000000 PARLEY_VISITOR_BURST=100000 PARLEY_NEW_VISITOR_RATE=10000000; \
	$(BIN)/parley serve 2>"$$tmp/serve.log" & pid=$$!; \
	trap 'kill $$pid 2>/dev/null; wait $$pid 2>/dev/null; rm -rf "$$tmp"' EXIT; \
	for _ in $$(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$$port) 2>/dev/null && break; sleep 0.1; done; \
	echo "bench-load: parley serve (pid $$pid) on 127.0.0.1:$$port, database $$tmp/parley.db"; \
	status=0; $(BIN)/parley bench --setup --url "ws://127.0.0.1:$$port" --visitors $(BENCH_VISITORS) --agents $(BENCH_AGENTS) \
		--rate $(BENCH_RATE) --duration $(BENCH_DURATION) --idle $(BENCH_IDLE) $(BENCH_FLAGS) || status=$$?; \
	if [ -s "$$tmp/serve.log" ]; then echo "--- server log:"; tail -n 20 "$$tmp/serve.log"; fi; \
	exit $$status

# `make bench-storm`: a reconnect storm against a fresh local node. The
# node runs under a small supervisor loop that starts it again whenever it
# exits, so the restart command only has to stop it (SIGTERM: a graceful
# restart; BENCH_RESTART_SIGNAL=KILL: a crash). Same database, same port,
# picked below the ephemeral range (32768+), where the clients' thousands
# of sockets could make the node's bind fail.
BENCH_STORM          ?= 1000
BENCH_STORM_AGENTS   ?= 2
BENCH_RESTART_SIGNAL ?= TERM

.PHONY: bench-storm
bench-storm: ## a reconnect storm: BENCH_STORM visitors, the node restarted under them
	$(GO) build -o $(BIN)/parley ./server/cmd/parley
	@tmp=$$(mktemp -d); port=; \
	for p in $$(shuf -i 20000-32000 -n 50); do \
		if ! (exec 3<>/dev/tcp/127.0.0.1/$$p) 2>/dev/null; then port=$$p; break; fi; \
	done; \
	test -n "$$port" || { echo "bench-storm: no free port" >&2; exit 1; }; \
	export PARLEY_DATABASE_URL="sqlite:$$tmp/parley.db" PARLEY_DEMO=false PARLEY_LOG_LEVEL=warn \
		PARLEY_ADDR="127.0.0.1:$$port" PARLEY_PUBLIC_URL="http://127.0.0.1:$$port" \
		PARLEY_VISITOR_RATE=1000000 PARLEY_VISITOR_BURST=100000 PARLEY_NEW_VISITOR_RATE=10000000; \
	( while [ ! -e "$$tmp/stop" ]; do $(BIN)/parley serve 2>>"$$tmp/serve.log" & echo $$! >"$$tmp/pid"; wait $$! || true; done ) & sup=$$!; \
	trap 'touch "$$tmp/stop"; kill $$(cat "$$tmp/pid") 2>/dev/null; wait $$sup 2>/dev/null; rm -rf "$$tmp"' EXIT; \
	for _ in $$(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$$port) 2>/dev/null && break; sleep 0.1; done; \
	echo "bench-storm: parley serve (pid $$(cat $$tmp/pid)) on 127.0.0.1:$$port, database $$tmp/parley.db"; \
	status=0; $(BIN)/parley bench --setup --url "ws://127.0.0.1:$$port" --storm $(BENCH_STORM) --agents $(BENCH_STORM_AGENTS) \
		--restart-cmd "kill -$(BENCH_RESTART_SIGNAL) \$$(cat $$tmp/pid)" $(BENCH_FLAGS) || status=$$?; \
	if [ -s "$$tmp/serve.log" ]; then echo "--- server log:"; tail -n 20 "$$tmp/serve.log"; fi; \
	exit $$status

## ---- lint ----

# staticcheck from PATH, else from ./bin, installed there when missing.
STATICCHECK := $(or $(shell command -v staticcheck 2>/dev/null),$(BIN)/staticcheck)

# All three run even when one fails, so one pass shows every problem.
.PHONY: lint
lint: $(STATICCHECK) ## gofmt, go vet and staticcheck
	@status=0; \
	unformatted=$$(gofmt -l .); \
	if [ -n "$$unformatted" ]; then echo "gofmt -l: these files need gofmt -w:"; echo "$$unformatted"; status=1; fi; \
	echo "go vet ./..."; $(GO) vet ./... || status=1; \
	echo "staticcheck ./..."; $(STATICCHECK) ./... || status=1; \
	exit $$status

$(BIN)/staticcheck:
	GOBIN=$(BIN) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

## ---- helpers ----

.PHONY: deps
deps: ## download Go modules and tools
	$(GO) mod download
	@$(MAKE) --no-print-directory $(STATICCHECK)

.PHONY: services
services: ## install/start redis-server, PostgreSQL, chromium for tests
	@mkdir -p $(CACHE)
	@PARLEY_CACHE=$(CACHE) bash .ci/services.sh

.PHONY: clean
clean: ## remove build output and caches (keeps ./data)
	rm -rf $(BIN) $(CACHE)
	$(GO) clean -testcache
