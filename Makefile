# pulumi-resource-omni: every entry point a user or CI needs.
# `make demo` runs the main job against the embedded emulator; `make test` runs every test.

SHELL        := /bin/bash
.SHELLFLAGS  := -eu -o pipefail -c
CONFIG       ?= Release
RID          ?= $(shell dotnet --info 2>/dev/null | awk '/^ *RID:/ {print $$2; exit}')
VERSION      ?= $(shell sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
EMULATOR_URL ?= http://127.0.0.1:8787
PUBLISH      := -c $(CONFIG) -r $(RID) --self-contained false -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=embedded

.PHONY: all restore node-deps build dist native-generics test test-dotnet test-node test-ts sdk-nodejs emulator demo install schema schema-check bench clean

all: build

restore:
	dotnet restore Omni.Pulumi.sln
	npm ci --prefix tests/conformance --no-audit --no-fund
	npm ci --prefix tests/scimmy --no-audit --no-fund
	npm ci --prefix tests/nodejs-sdk --no-audit --no-fund
	npm ci --prefix examples/typescript --no-audit --no-fund

# The Node packages the tests and the demo use, installed from their lock files when missing.
node-deps:
	[ -d tests/conformance/node_modules ] || npm ci --prefix tests/conformance --no-audit --no-fund
	[ -d tests/scimmy/node_modules ] || npm ci --prefix tests/scimmy --no-audit --no-fund
	[ -d tests/nodejs-sdk/node_modules ] || npm ci --prefix tests/nodejs-sdk --no-audit --no-fund
	[ -d examples/typescript/node_modules ] || npm ci --prefix examples/typescript --no-audit --no-fund

# Single-file executables at the repository root's bin/, the way the Pulumi engine expects a plugin.
# The plugin is NativeAOT where this machine can link it (scripts/publish-plugin.sh says why not,
# and falls back to the framework-dependent single file); the framework-dependent build is kept at
# out/framework-dependent/ as the benchmark's baseline.
build:
	dotnet build Omni.Pulumi.sln -c $(CONFIG)
	dotnet publish emulator/Omni.Emulator $(PUBLISH) -o out/omni-emulator
	dotnet publish provider/Omni.Pulumi.Provider $(PUBLISH) -p:PublishAot=false -o out/framework-dependent
	mkdir -p bin
	cp out/omni-emulator/omni-emulator bin/omni-emulator
	scripts/publish-plugin.sh $(RID) $(CONFIG) bin/pulumi-resource-omni >/dev/null
	dotnet publish tools/Omni.Roster $(PUBLISH) -o out/omni-roster
	cp out/omni-roster/omni-roster bin/omni-roster

# Release archives under dist/, laid out as Pulumi's own providers' (see scripts/dist.sh).
dist:
	scripts/dist.sh $(VERSION) $(CONFIG)
	node --test tests/dist/

# Every suite, each runner's output kept under out/test-logs, then one closing count of them all.
TEST_LOGS := out/test-logs
test: build
	rm -rf $(TEST_LOGS) && mkdir -p $(TEST_LOGS)
	$(MAKE) --no-print-directory test-dotnet 2>&1 | tee $(TEST_LOGS)/dotnet.log
	$(MAKE) --no-print-directory test-node 2>&1 | tee $(TEST_LOGS)/node.log
	$(MAKE) --no-print-directory test-ts 2>&1 | tee $(TEST_LOGS)/ts.log
	$(MAKE) --no-print-directory sdk-test 2>&1 | tee $(TEST_LOGS)/sdk.log
	scripts/test-summary.sh $(TEST_LOGS)

test-dotnet: node-deps
	dotnet test Omni.Pulumi.sln -c $(CONFIG) --no-build --logger "console;verbosity=normal"

test-node: node-deps
	node --test tests/conformance/

# The TypeScript SDK: sdk/nodejs compiled with tsc --strict (built once, before the test files run in
# parallel), TypeScript programs and examples/typescript under @pulumi/pulumi's mocks, and sdk/nodejs
# checked against what tools/Omni.Codegen writes.
test-ts: node-deps
	node tests/nodejs-sdk/build.mjs
	node --test tests/nodejs-sdk/ examples/typescript/tests/

# sdk/nodejs built into an npm package: out/nodejs/pulumi-omni-<version>.tgz (compiled JavaScript and
# .d.ts files), for `npm install` in a TypeScript Pulumi project.
sdk-nodejs: node-deps
	node tests/nodejs-sdk/build.mjs
	mkdir -p out/nodejs
	npm pack ./tests/nodejs-sdk/.build/sdk/bin --pack-destination out/nodejs

# sdk/schema.json is generated from the provider's annotated records (the single source of truth);
# then tools/Omni.Codegen writes everything derived from it: sdk/dotnet, the README's resource
# reference and the Registry pages under docs/ (stale generated files are removed).
# `make schema-check` changes nothing and fails when a generated file differs.
schema:
	dotnet run --project provider/Omni.Pulumi.Provider -c $(CONFIG) -- --print-schema $(CURDIR)/sdk/schema.json
	dotnet run --project tools/Omni.Codegen -c $(CONFIG) -- --root $(CURDIR)

schema-check:
	dotnet run --project tools/Omni.Codegen -c $(CONFIG) -- --root $(CURDIR) --check

emulator: build
	bin/omni-emulator --urls $(EMULATOR_URL) --data .omni-emulator

# The gitops roster through preview, up, a change, a refresh after an out-of-band edit, an import and
# destroy, on a fresh emulator; the plugin is driven through Pulumi's own gRPC client (no CLI needed).
demo: build node-deps
	node tests/conformance/demo.mjs

# Benchmarks: each scenario next to a baseline measured in the same run, reported as a ratio.
# BENCH_ARGS=--quick for a short run.
# provider/Omni.Pulumi.Provider/NativeAotGenerics.rd.xml: the generic types the plugin's container closes at start-up,
# compiled ahead of time (a third of NativeAOT start time otherwise). NativeAotGenericsTests fails when the list is
# stale (a dependency or a registration changed); this rewrites it from what the container builds.
native-generics:
	dotnet build tests/Omni.Pulumi.Provider.Tests -c $(CONFIG)
	OMNI_WRITE_NATIVE_GENERICS=1 dotnet test tests/Omni.Pulumi.Provider.Tests -c $(CONFIG) --no-build --filter "FullyQualifiedName~NativeAotGenericsTests"

bench: build
	dotnet run --project tests/bench/Omni.Bench -c $(CONFIG) --no-build -- $(BENCH_ARGS)

clean:
	rm -rf bin out dist .omni-emulator
	dotnet clean Omni.Pulumi.sln -c $(CONFIG) >/dev/null

# --- install: the plugin where the Pulumi engine finds it -------------------------------------
# Pulumi looks for pulumi-resource-omni (1) in a `plugins.providers` folder of the project's
# Pulumi.yaml, (2) on PATH, (3) in its plugin cache, $PULUMI_HOME/plugins/resource-omni-v<version>.
# `make install` fills (3), so any project using omni v$(VERSION) finds it without extra settings.
PULUMI_HOME       ?= $(HOME)/.pulumi
PLUGIN_CACHE_DIR  := $(PULUMI_HOME)/plugins/resource-omni-v$(VERSION)

.PHONY: install uninstall sdk-test

install: build
	mkdir -p "$(PLUGIN_CACHE_DIR)"
	install -m 0755 bin/pulumi-resource-omni "$(PLUGIN_CACHE_DIR)/pulumi-resource-omni"
	@echo "Installed $(PLUGIN_CACHE_DIR)/pulumi-resource-omni (plugin cache: resource omni v$(VERSION))."
	@echo "Pulumi now loads it for any project that uses the omni package; it needs the .NET $(word 1,$(subst ., ,$(shell dotnet --version 2>/dev/null))) runtime."
	@echo "Without installing, point a project at the build instead, in its Pulumi.yaml:"
	@echo "    plugins: { providers: [ { name: omni, path: $(CURDIR)/bin } ] }"
	@echo "or put $(CURDIR)/bin on PATH. Remove it with: make uninstall"

uninstall:
	rm -rf "$(PLUGIN_CACHE_DIR)" "$(PLUGIN_CACHE_DIR).lock" "$(PLUGIN_CACHE_DIR).partial"
	@echo "Removed resource omni v$(VERSION) from $(PULUMI_HOME)/plugins."

# Builds Pulumi.Omni (sdk/dotnet) and runs the example programs under Pulumi's test mocks.
# Both need the Pulumi NuGet package; where the NuGet source does not serve it, say so and pass.
# The SKIP line is counted as one skipped test in `make test`'s closing total (scripts/test-summary.sh).
sdk-test:
	@if ! out=$$(dotnet restore examples/csharp.Tests 2>&1); then \
	  if grep -qE "NU1101: Unable to find package Pulumi\.|NU1301" <<<"$$out"; then \
	    echo "SKIP sdk-test: the Pulumi NuGet package is not reachable from this machine's NuGet source (sdk/dotnet and examples/csharp.Tests not built)"; exit 0; \
	  fi; \
	  echo "$$out"; exit 1; \
	fi; \
	dotnet build sdk/dotnet -c $(CONFIG) --no-restore && \
	dotnet test examples/csharp.Tests -c $(CONFIG) --no-restore --logger "console;verbosity=normal"
