# The SSOJet login-logs toolkit. `make help` lists the targets.

GO          ?= go
BIN         := bin/loginlogs
NPM_TOOLS   := api/lint/node_modules/.bin
REDOCLY     := $(NPM_TOOLS)/redocly
PRISM       := internal/bench/prism/node_modules/.bin/prism
# staticcheck at an exact version, run with `go run` so that it stays out of go.mod (and out of
# what SDK users download).
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
# The TypeScript generator and its test (api/ts), and the Redoc bundle of the /docs page
# (internal/docs), each at the exact versions of its package-lock.json.
TS_TOOLS    := api/ts/node_modules/.bin
OPENAPI_TS  := $(TS_TOOLS)/openapi-typescript
REDOC       := internal/docs/node_modules/redoc/bundles/redoc.standalone.js
DOCS_ASSETS := internal/docs/assets
# A real PostgreSQL for the store tests: set LOGINLOGS_TEST_DATABASE_URL to use your own, or
# leave it empty and `make test` starts one through .ci/postgres (installing it as root if needed).
LOGINLOGS_TEST_DATABASE_URL ?=
# QUIET runs a command and shows what it printed only when it fails: `make test` prints failures
# and one line per step, not the tools' banners.
QUIET = sh -c 'out=$$("$$@" 2>&1) && exit 0; rc=$$?; printf "%s\n" "$$out" >&2; exit $$rc' quiet
# MODULES are the modules nested in this one (docs/sdk.md): the SDK and what it imports of this
# repository, each with its own go.mod so that SDK users get none of the root module's
# requirements. `go vet ./...` and `go test ./...` stop at their directories: the targets below
# also run in each of them (IN_MODULES).
MODULES     := gen/ssojet internal/jsonstream internal/redact internal/logstream api/ssojet
IN_MODULES  = for m in $(MODULES); do (cd $$m && $(1)) || exit 1; done
# How long `make fuzz` runs each fuzz target.
FUZZTIME    ?= 20s
# directory:FuzzTarget, one per fuzz test, run in the directory (some are nested modules); their
# seed corpora live in <directory>/testdata/fuzz/.
FUZZ_TARGETS := internal/server:FuzzHandler cmd/loginlogs:FuzzContractOffline \
	internal/contract:FuzzInspect internal/validate:FuzzStreamedAgreesWithWhole \
	internal/validate:FuzzDecodeFirstAgreesWithEncodingJSON \
	internal/jsonstream:FuzzSplitter \
	internal/server:FuzzAppendJSONString internal/redact:FuzzRedact \
	internal/contract:FuzzRedactionKeepsTheVerdict

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# gen_ts writes the TypeScript types of $(1)/api/openapi.yaml to $(1)/gen/ts/ssojet.ts.
gen_ts = rm -rf $(1)/gen/ts && mkdir -p $(1)/gen/ts && \
	$(CURDIR)/$(OPENAPI_TS) $(1)/api/openapi.yaml --root-types --output $(1)/gen/ts/ssojet.ts >/dev/null

.PHONY: generate
generate: $(OPENAPI_TS) docs-assets ## regenerate gen/ (Go with oapi-codegen, TypeScript with openapi-typescript) and the /docs assets
	cd gen && $(GO) generate ./...
	$(call gen_ts,$(CURDIR))

# check-generated generates into a copy of the sources; -trimpath there lets oapi-codegen and
# the kin-openapi copy it builds on come from Go's build cache, whatever the copy's directory.
.PHONY: check-generated
check-generated: $(OPENAPI_TS) $(REDOC) ## fail when the committed gen/ or /docs assets differ from what api/ and the lock files produce
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	git ls-files -z --cached --others --exclude-standard -- go.mod go.sum tools.go api gen $(KIN_OPENAPI) \
		$(MODULES:%=%/go.mod) $(MODULES:%=%/go.sum) | \
		tar --null -T - -cf - | tar -xf - -C "$$tmp" && \
	(cd "$$tmp/gen" && GOFLAGS="$$GOFLAGS -trimpath" $(GO) generate ./...) && \
	$(call gen_ts,$$tmp) && \
	if ! diff -ru gen "$$tmp/gen"; then \
		echo "gen/ is stale: run 'make generate' and commit api/ and gen/ together" >&2; exit 1; \
	fi && \
	$(QUIET) $(MAKE) --no-print-directory docs-assets DOCS_ASSETS="$$tmp/assets" && \
	if ! diff -ru $(DOCS_ASSETS) "$$tmp/assets"; then \
		echo "$(DOCS_ASSETS) is stale: run 'make generate' and commit internal/docs together" >&2; exit 1; \
	fi && echo "ok      check-generated: gen/ and $(DOCS_ASSETS) match api/ and the lock files"

$(OPENAPI_TS): api/ts/package.json api/ts/package-lock.json
	@cd api/ts && $(QUIET) npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(REDOC): internal/docs/package.json internal/docs/package-lock.json internal/docs/.npmrc
	@cd internal/docs && $(QUIET) npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# REDOC_LOGO replaces the Redocly logo that the bundle's sidebar footer loads from cdn.redoc.ly
# (no option turns it off): the word "Redoc" as an inline SVG, so that the page fetches nothing
# from elsewhere.
REDOC_LOGO  := data:image/svg+xml,%3Csvg xmlns=%27http://www.w3.org/2000/svg%27 width=%2744%27 height=%2716%27%3E%3Ctext x=%270%27 y=%2712%27 font-family=%27sans-serif%27 font-size=%2712%27 fill=%27%230044d4%27%3ERedoc%3C/text%3E%3C/svg%3E

.PHONY: docs-assets
docs-assets: $(REDOC) ## copy the pinned Redoc bundle (logo made local) and its licence into internal/docs/assets (embedded for /docs)
	@mkdir -p $(DOCS_ASSETS)
	@sed 's#https://cdn\.redoc\.ly/redoc/logo-mini\(-full\)\{0,1\}\.svg#$(REDOC_LOGO)#g' $(REDOC) >$(DOCS_ASSETS)/redoc.standalone.js
	@if grep -q 'cdn\.redoc\.ly' $(DOCS_ASSETS)/redoc.standalone.js; then \
		echo "$(DOCS_ASSETS)/redoc.standalone.js still loads from cdn.redoc.ly: update the Makefile's docs-assets" >&2; exit 1; fi
	@cp internal/docs/node_modules/redoc/LICENSE $(DOCS_ASSETS)/redoc.LICENSE

# test-ts compiles the suite without type-checking it (--noCheck): its first test type-checks the
# same project (tsc --noEmit --strict).
.PHONY: test-ts
test-ts: $(OPENAPI_TS) test-binary ## the TypeScript SDK's node:test suite against a real reference server
	@cd api/ts && rm -rf build && $(QUIET) node_modules/.bin/tsc -p tsconfig.json --noCheck && \
		GO="$(GO)" LOGINLOGS_TEST_BINARY="$(CURDIR)/$(BIN)" $(QUIET) node --test build/api/ts/loginlogs.test.js && \
		echo "ok      test-ts: the TypeScript SDK's node:test suite"

.PHONY: build
build: ## build bin/loginlogs
	$(GO) build -o $(BIN) ./cmd/loginlogs

# test-binary builds $(BIN) once for the tests that run loginlogs as a program (cmd/loginlogs,
# test-ts): they take it from LOGINLOGS_TEST_BINARY, and build their own when it is unset.
.PHONY: test-binary
test-binary:
	@$(QUIET) $(GO) build -o $(BIN) ./cmd/loginlogs

$(REDOCLY): api/lint/package.json api/lint/package-lock.json
	@cd api/lint && $(QUIET) npm ci --no-audit --no-fund --loglevel=error
	@touch $@

.PHONY: lint
lint: $(REDOCLY) ## gofmt, go vet, staticcheck (soak tests included) and Redocly CLI on the contract
	@unformatted=$$(gofmt -l api cmd gen internal tools.go); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted" >&2; exit 1; fi
	@$(QUIET) $(GO) vet ./...
	@$(call IN_MODULES,$(QUIET) $(GO) vet ./...)
	@$(QUIET) $(GO) run $(STATICCHECK) -tags soak ./...
	@$(call IN_MODULES,$(QUIET) $(GO) run $(STATICCHECK) ./...)
	@cd api && $(QUIET) lint/node_modules/.bin/redocly lint openapi.yaml --config redocly.yaml
	@echo "ok      lint: gofmt, go vet, staticcheck, Redocly CLI"

# CONTRACT is the contract check-breaking judges against the released one.
CONTRACT    ?= api/openapi.yaml

# check-breaking shows the warnings (changes that may break clients) of a pass too.
.PHONY: check-breaking
check-breaking: ## fail when api/openapi.yaml breaks the released contract api/released/openapi.yaml (oasdiff); show its warnings
	@out=$$($(GO) run ./internal/apidiff/cmd/apidiff breaking api/released/openapi.yaml $(CONTRACT) 2>&1) || \
		{ printf '%s\n' "$$out" >&2; exit 1; }; \
	printf '%s\n' "$$out" | grep '^warning ' >&2; \
	echo "ok      check-breaking: $(CONTRACT) keeps the released contract's promises"

.PHONY: api-changelog
api-changelog: ## print oasdiff's changelog from the released contract to api/openapi.yaml
	@$(GO) run ./internal/apidiff/cmd/apidiff changelog api/released/openapi.yaml api/openapi.yaml

.PHONY: api-release
api-release: ## release api/openapi.yaml: its changelog into docs/api-changelog.md, then it becomes api/released/openapi.yaml
	$(GO) run ./internal/apidiff/cmd/apidiff release api/released/openapi.yaml api/openapi.yaml docs/api-changelog.md

# KIN_OPENAPI is the copy of kin-openapi that go.mod's replace points to while its patch
# (docs/upstream/) is not released; KINAGREE judges generated cases with the copy and with the
# release it came from.
KIN_OPENAPI := internal/third_party/kin-openapi
KINAGREE    := internal/third_party/kinagree

# The copy's tests use no database and no outside service, so Go's test cache may answer them: it
# runs them again when the copy, a file they read, or Go changes (a fresh clone runs them all).
.PHONY: test-kin-openapi
test-kin-openapi: ## kin-openapi's own tests on the patched copy the replace points to, and the copy judged against its release
	@cd $(KIN_OPENAPI) && $(QUIET) $(GO) test ./openapi3/... ./openapi3filter/... ./routers/... ./internal/...
	@cd $(KINAGREE) && $(QUIET) $(GO) test ./...
	@echo "ok      test-kin-openapi: kin-openapi's tests on $(KIN_OPENAPI), which agrees with the v0.153.0 release"

# test runs its steps side by side (make -j): each waits at times (node, Chromium, PostgreSQL,
# subprocesses) while another computes. The steps print one line each, or what failed.
.PHONY: test
test: ## check-generated, lint (vet included), check-breaking, the TypeScript tests, kin-openapi's tests on its copy and all Go tests with a real PostgreSQL, side by side
	@$(MAKE) --no-print-directory -j8 test-go-root test-go-modules check-generated lint check-breaking test-ts test-kin-openapi
	@$(MAKE) --no-print-directory browser-notice

.PHONY: test-go
test-go: test-go-root test-go-modules ## all Go tests with a real PostgreSQL

.PHONY: test-go-root
test-go-root: test-binary ## the root module's Go tests, with a real PostgreSQL
	@url="$(LOGINLOGS_TEST_DATABASE_URL)"; \
	if [ -z "$$url" ]; then url=$$(.ci/postgres) || exit 1; fi; \
	LOGINLOGS_TEST_DATABASE_URL="$$url" LOGINLOGS_TEST_BINARY="$(CURDIR)/$(BIN)" \
		bash -o pipefail -c '$(GO) test -p 4 -count=1 ./... 2>&1 | grep --line-buffered -v "\[no test files\]$$"'

.PHONY: test-go-modules
test-go-modules: test-binary ## the Go tests of the SDK's modules (MODULES)
	@$(call IN_MODULES,LOGINLOGS_TEST_BINARY="$(CURDIR)/$(BIN)" bash -o pipefail -c '$(GO) test -count=1 ./... 2>&1 | sed "/\[no test files\]$$/d"')

.PHONY: soak
soak: ## the soak tests (64 clients for 20 s, SIGTERM under load, slow clients, contract --generate 2000 against the reference server, 264 MiB of fixtures on stdin), built with the soak tag; CI runs them after make test
	@$(GO) test -count=1 -tags soak -run 'TestLoadKeepsTheContract|TestSIGTERMUnderLoad|TestSlowClientsAreCutOff|TestContractGenerate2000|TestReplayStdinIsBounded' ./cmd/loginlogs ./internal/contract

.PHONY: race
race: ## every Go test under the race detector (about 2.5 minutes on two cores; not part of make test)
	@url="$(LOGINLOGS_TEST_DATABASE_URL)"; \
	if [ -z "$$url" ]; then url=$$(.ci/postgres) || exit 1; fi; \
	LOGINLOGS_TEST_DATABASE_URL="$$url" bash -o pipefail -c '$(GO) test -race -count=1 ./... 2>&1 | grep -v "\[no test files\]$$"'
	@$(call IN_MODULES,bash -o pipefail -c '$(GO) test -race -count=1 ./... 2>&1 | sed "/\[no test files\]$$/d"')

# BROWSERS are the names the browser test of /docs (internal/docs) finds Chromium by.
BROWSERS    := chromium chromium-browser google-chrome google-chrome-stable headless-shell

.PHONY: browser-notice
browser-notice: # say loudly when the browser test of /docs was skipped for want of Chromium
	@for b in $(BROWSERS); do command -v $$b >/dev/null 2>&1 && exit 0; done; \
	printf '%s\n' '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!' \
		'!! SKIPPED: the browser test of /docs (internal/docs), as no Chromium is on PATH.' \
		'!! Install it (Debian/Ubuntu: apt-get install chromium) and run make test again;' \
		'!! CI installs it (.ci/run), and with CI=true the test fails instead of skipping.' \
		'!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!' >&2

$(PRISM): internal/bench/prism/package.json internal/bench/prism/package-lock.json
	@cd internal/bench/prism && $(QUIET) npm ci --no-audit --no-fund --loglevel=error
	@touch $@

.PHONY: bench
bench: $(PRISM) ## Go benchmarks (the stores' and imports' with a real PostgreSQL, as `make test`), then the loopback load run of each validation mode and Prism
	@url="$(LOGINLOGS_TEST_DATABASE_URL)"; \
	if [ -z "$$url" ]; then url=$$(.ci/postgres) || exit 1; fi; \
	LOGINLOGS_TEST_DATABASE_URL="$$url" $(GO) test -run '^$$' -bench . -benchmem ./internal/validate ./internal/server ./internal/contract ./internal/importer ./internal/store/... ./internal/proxy ./internal/sdktest
	cd internal/logstream && $(GO) test -run '^$$' -bench . -benchmem .
	$(GO) run ./internal/bench/loadrun --prism $(PRISM)

.PHONY: fuzz
# A target fails when it wrote a failing input to its testdata/fuzz/<name>/. Go 1.26's fuzzing
# coordinator can also end a run "context deadline exceeded" at the -fuzztime boundary with no
# input at fault (go.dev/issue/75804, fixed in Go 1.27): that run is said and not counted.
fuzz: ## run every fuzz target for FUZZTIME (default 20s) each
	@for t in $(FUZZ_TARGETS); do \
		dir=$${t%%:*}; name=$${t##*:}; corpus=$$dir/testdata/fuzz/$$name; \
		before=$$(ls $$corpus 2>/dev/null | wc -l); \
		echo "cd $$dir && $(GO) test -run '^$$' -fuzz '^$$name\$$' -fuzztime $(FUZZTIME) ."; \
		out=$$(cd $$dir && $(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) . 2>&1); rc=$$?; \
		printf '%s\n' "$$out"; \
		[ $$rc -eq 0 ] && continue; \
		if [ "$$(ls $$corpus 2>/dev/null | wc -l)" -eq "$$before" ] && \
			printf '%s\n' "$$out" | grep -q '^    context deadline exceeded$$' && \
			! printf '%s\n' "$$out" | grep -q 'Failing input written'; then \
			echo "NOTE: $$name stopped with Go 1.26's fuzztime race (go.dev/issue/75804), no failing input: not a failure"; \
			continue; \
		fi; \
		exit $$rc; \
	done

.PHONY: image
image: ## build the container image without a Docker daemon (go-containerregistry): OCI layout bin/image, docker load -i bin/loginlogs-image.tar
	@mkdir -p bin/linux
	CGO_ENABLED=0 GOOS=linux $(GO) build -buildvcs=auto -trimpath -ldflags '-s -w' -o bin/linux/loginlogs ./cmd/loginlogs
	$(GO) run ./internal/image/cmd/buildimage --binary bin/linux/loginlogs --oci bin/image --tar bin/loginlogs-image.tar

.PHONY: install
install: ## build and install loginlogs into GOBIN, or $(go env GOPATH)/bin when GOBIN is unset
	$(GO) install ./cmd/loginlogs
	@dir=$$($(GO) env GOBIN | grep . || echo $$($(GO) env GOPATH)/bin); echo "installed loginlogs into $$dir"; \
	case ":$$PATH:" in *":$$dir:"*) ;; *) echo "$$dir is not on your PATH: add it (export PATH=\"\$$PATH:$$dir\") to run loginlogs by name";; esac

# run builds first with -v, which names each package as it compiles: the first build of a clone
# compiles about 470 packages (SQLite, kin-openapi, echo, Prometheus) and costs about 75 CPU
# seconds: about a minute on an idle two-core machine, 4 on a busy one (docs/benchmarks.md);
# later ones come from Go's build cache in seconds.
.PHONY: run
run: ## build bin/loginlogs (showing progress) and start the reference server on 127.0.0.1:8080 with the embedded SQLite store
	@echo "building $(BIN): the first build compiles about 470 packages, about a minute on two idle cores, longer on busy ones (each package is named as it compiles); later builds take seconds"
	$(GO) build -v -o $(BIN) ./cmd/loginlogs
	$(BIN) serve

.PHONY: print-modules
print-modules: ## list the nested modules (MODULES), one a line
	@printf '%s\n' $(MODULES)

.PHONY: sdk-version
sdk-version: ## make the root and nested modules require each other at VERSION (a release: docs/releasing.md)
	@echo "$(VERSION)" | grep -Eqx 'v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?' || \
		{ echo "usage: make sdk-version VERSION=vX.Y.Z (a semantic version, such as v0.1.0)" >&2; exit 2; }
	@echo "$(VERSION)" | grep -Eq '^v[01]\.' || \
		{ echo "make sdk-version: $(VERSION): from v2 on every module path needs /v2 first (docs/releasing.md)" >&2; exit 2; }
	@for d in . $(MODULES); do \
		sed -E -i 's#^(\t|require )(github\.com/ssojet-tools/loginlogs/[^ ]+) v[^ ]+#\1\2 $(VERSION)#' $$d/go.mod || exit 1; \
	done

.PHONY: clean
clean: ## remove build output
	rm -rf bin
