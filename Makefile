# pulumi-resource-omni: every entry point a user or CI needs.
# `make demo` runs the main job against the embedded emulator; `make test` runs every test.

SHELL        := /bin/bash
.SHELLFLAGS  := -eu -o pipefail -c
CONFIG       ?= Release
RID          ?= $(shell dotnet --info 2>/dev/null | awk '/^ *RID:/ {print $$2; exit}')
VERSION      ?= $(shell sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
EMULATOR_URL ?= http://127.0.0.1:8787
PUBLISH      := -c $(CONFIG) -r $(RID) --self-contained false -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=embedded

.PHONY: all restore build test test-dotnet test-node emulator demo install schema bench clean

all: build

restore:
	dotnet restore Omni.Pulumi.sln
	npm ci --prefix tests/conformance --no-audit --no-fund

# Single-file executables at the repository root's bin/, the way the Pulumi engine expects a plugin.
build:
	dotnet build Omni.Pulumi.sln -c $(CONFIG)
	dotnet publish emulator/Omni.Emulator $(PUBLISH) -o out/omni-emulator
	dotnet publish provider/Omni.Pulumi.Provider $(PUBLISH) -o out/pulumi-resource-omni
	mkdir -p bin
	cp out/omni-emulator/omni-emulator bin/omni-emulator
	cp out/pulumi-resource-omni/pulumi-resource-omni bin/pulumi-resource-omni

test: build test-dotnet test-node

test-dotnet:
	dotnet test Omni.Pulumi.sln -c $(CONFIG) --no-build --logger "console;verbosity=normal"

test-node:
	[ -d tests/conformance/node_modules ] || npm ci --prefix tests/conformance --no-audit --no-fund
	node --test tests/conformance/

emulator: build
	bin/omni-emulator --urls $(EMULATOR_URL) --data .omni-emulator

clean:
	rm -rf bin out .omni-emulator
	dotnet clean Omni.Pulumi.sln -c $(CONFIG) >/dev/null
