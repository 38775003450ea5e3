# Parley: `make run` opens the app on the embedded default scenario,
# `make test` runs every test. Both install the Debian/Ubuntu packages they
# need first (see `make deps`).

# Build with clang (go-gl's C compiles ~4x faster than with gcc) and link the
# system SQLite (libsqlite3-dev) instead of compiling the bundled amalgamation.
export CC := $(shell command -v clang >/dev/null 2>&1 && echo clang || echo gcc)
export GOFLAGS := -tags=libsqlite3
export LANG ?= C.UTF-8

# What building, running and checking Parley headless needs (TOOLCHAIN.md).
BUILD_DEBS := gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev \
	libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev clang libsqlite3-dev
CHECK_DEBS := xvfb xauth x11-apps imagemagick poppler-utils
DEBS := $(BUILD_DEBS) $(CHECK_DEBS)

GO ?= go
BIN := bin

.PHONY: deps run test bench build cli package screenshots fuzz clean deps-windows windows test-windows

## deps: install the missing system packages (idempotent; sudo when not root)
deps:
	@command -v $(GO) >/dev/null 2>&1 || { echo "Parley needs Go 1.26 or newer: https://go.dev/dl/"; exit 1; }
	@missing=""; \
	if command -v dpkg-query >/dev/null 2>&1; then \
	  for p in $(DEBS); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	  done; \
	else \
	  echo "Not a Debian/Ubuntu system: install a C compiler (clang or gcc), pkg-config, the OpenGL and X11"; \
	  echo "development headers (GL, X11, Xcursor, Xrandr, Xinerama, Xi, Xxf86vm), the SQLite 3 headers,"; \
	  echo "and, for the tests, Xvfb, xauth, xwd and poppler's pdfinfo."; \
	  exit 0; \
	fi; \
	if [ -n "$$missing" ]; then \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  echo "Installing:$$missing"; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

## run: open Parley on the default scenario (project file in the app's storage folder)
run: deps
	$(GO) run . $(ARGS)

## build: the app and the CLI into bin/
build: deps
	$(GO) build -o $(BIN)/parley .
	$(GO) build -o $(BIN)/parley-cli ./cmd/parley-cli

## test: vet, every test with the race detector, and the real window under Xvfb
## (-count=1: the smoke test builds the app itself, so a cached pass could be stale)
test: deps
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	PARLEY_SMOKE=1 $(GO) test -race -count=1 -timeout 20m ./...

## bench: the budgets of PRODUCT.md (and the README) as benchmarks, then one
## line per budget with its figure (internal/budgets; out/bench.txt keeps the output)
bench: deps
	@mkdir -p out
	@{ $(GO) test -run '^$$' -bench . -benchmem ./...; echo $$? > out/bench.rc; } | tee out/bench.txt
	@$(GO) run ./internal/budgets/report < out/bench.txt; rc=$$?; exit $$(( $$(cat out/bench.rc) | rc ))

## fuzz: run every fuzzer of every package (func FuzzX in a _test.go file), each for FUZZTIME (default 2m)
FUZZTIME ?= 2m
fuzz:
	@set -e; for f in $$(grep -l '^func Fuzz' $$(find . -name '*_test.go' -not -path './out/*' | sort)); do \
	  for n in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$f); do \
	    echo "== $$n ($$(dirname $$f), $(FUZZTIME))"; \
	    $(GO) test -run '^$$' -fuzz "^$$n\$$" -fuzztime $(FUZZTIME) ./$$(dirname $$f)/; \
	  done; \
	done

## screenshots: screenshots of the real window into out/shots
screenshots: deps
	PARLEY_SMOKE=1 PARLEY_SHOTS=$(CURDIR)/out/shots $(GO) test -count=1 -run . ./internal/smoke/
	PARLEY_LOOK_DIR=$(CURDIR)/out/shots/after-monte-carlo $(GO) test -count=1 -run TestLook ./ui/

## package: a Linux desktop bundle (.tar.xz) with `fyne package`
package: deps
	$(GO) install fyne.io/tools/cmd/fyne@v1.7.4
	$$($(GO) env GOPATH)/bin/fyne package -os linux -icon assets/icon.png

## deps-windows: what cross-building, packaging and checking for Windows needs
## (mingw-w64 for the C compiler, linker and windres; NSIS; zip; Wine)
WINDOWS_DEBS := gcc-mingw-w64-x86-64 nsis zip wine wine64 imagemagick clang
deps-windows: deps
	@missing=""; \
	for p in $(WINDOWS_DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  echo "Installing:$$missing"; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

## windows: dist/parley.exe (no console), dist/parley-cli.exe, a zip and an NSIS installer
windows: deps-windows
	scripts/windows.sh
	x86_64-w64-mingw32-gcc -shared -O2 -o dist/build/bcryptprimitives.dll scripts/bcryptprimitives.c -ladvapi32

## test-windows: the Windows CLI under Wine gives the Linux CLI's JSON on the
## published inputs, and parley.exe shows the stance map under Wine + Xvfb
## (not part of make test: a cold cross-build and Wine prefix take minutes)
test-windows: windows
	PARLEY_SMOKE=1 PARLEY_WINE_DIST=$(CURDIR)/dist WINEPREFIX=$(CURDIR)/out/wine PARLEY_SHOTS=$(CURDIR)/out/shots \
	  $(GO) test -count=1 -v -timeout 15m -run 'Wine' ./internal/smoke/

clean:
	rm -rf $(BIN) out dist
