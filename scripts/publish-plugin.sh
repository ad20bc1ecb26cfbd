#!/usr/bin/env bash
# Publishes the plugin for one runtime and copies the executable to DEST:
#   NativeAOT (one native file, no .NET runtime needed) where this machine can build it, else the
#   framework-dependent single file (needs the .NET runtime), saying why. Prints the kind it built
#   ("native-aot" or "framework-dependent") as its last line, for make dist's manifest.
# usage: publish-plugin.sh RID CONFIG DEST   (OMNI_NATIVE=0 skips the native attempt)
set -euo pipefail
rid=${1:?usage: publish-plugin.sh RID CONFIG DEST}
config=${2:?}
dest=${3:?}
project=provider/Omni.Pulumi.Provider
exe=pulumi-resource-omni
[[ $rid == win-* ]] && exe=$exe.exe
host_rid=$(dotnet --info 2>/dev/null | awk '/^ *RID:/ {print $2; exit}')

# NativeAOT links with the platform's C toolchain and cannot cross-compile between OSes or CPUs
# without a cross toolchain and sysroot, which these machines do not have.
reason=""
if [[ ${OMNI_NATIVE:-1} == 0 ]]; then
  reason="OMNI_NATIVE=0"
elif [[ $rid != "$host_rid" ]]; then
  reason="NativeAOT cannot cross-compile from $host_rid to $rid here"
elif ! command -v clang >/dev/null && ! command -v gcc >/dev/null && ! compgen -c clang- >/dev/null; then
  reason="no C toolchain (clang or gcc) to link a native binary"
elif ! command -v objcopy >/dev/null; then
  reason="no objcopy (binutils) to strip the native binary"
fi

mkdir -p "$(dirname "$dest")" out
if [[ -z $reason ]]; then
  log=out/publish-$rid-aot.log
  if dotnet publish "$project" -c "$config" -r "$rid" -p:PublishAot=true -o "out/$rid/native" >"$log" 2>&1; then
    cp "out/$rid/native/$exe" "$dest"
    echo "plugin ($rid): NativeAOT -> $dest" >&2
    echo native-aot
    exit 0
  fi
  # Trim or AOT warnings are errors (TreatWarningsAsErrors): they fail here, loudly, not in the field.
  if grep -qE "warning IL[0-9]+|error IL[0-9]+" "$log"; then
    grep -E "(warning|error) IL[0-9]+" "$log" | sort -u >&2
    echo "plugin ($rid): the NativeAOT build has trim/AOT warnings (above); fix them, do not fall back" >&2
    exit 1
  fi
  reason="the NativeAOT publish failed (see $log): $(grep -m1 -E 'error' "$log" | cut -c1-200)"
fi

echo "plugin ($rid): framework-dependent single file (needs the .NET runtime) because $reason" >&2
dotnet publish "$project" -c "$config" -r "$rid" --self-contained false -p:PublishAot=false -p:PublishSingleFile=true \
  -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=embedded -o "out/$rid/framework-dependent" >/dev/null
cp "out/$rid/framework-dependent/$exe" "$dest"
echo framework-dependent
