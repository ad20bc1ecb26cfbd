#!/usr/bin/env bash
# Writes the release archives to dist/, one per platform, in the layout of Pulumi's own provider
# archives, which `pulumi plugin install resource omni <version> --file <archive>` and a schema's
# pluginDownloadURL expect: the executable pulumi-resource-omni (.exe on Windows) at the archive's
# root, LICENSE and README.md beside it, no PulumiPlugin.yaml (the engine reads that only when the
# folder holds no executable). Names: pulumi-resource-omni-v<version>-<os>-<arch>.tar.gz.
# dist/manifest.json says, per archive, whether the binary is NativeAOT or framework-dependent
# (NativeAOT cannot cross-compile here, so only this machine's platform is native).
# usage: dist.sh VERSION CONFIG   (DIST_PLATFORMS="linux-amd64 ..." to build a subset)
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:?usage: dist.sh VERSION CONFIG}
config=${2:-Release}
platforms=${DIST_PLATFORMS:-linux-amd64 linux-arm64 darwin-amd64 darwin-arm64 windows-amd64}

declare -A rids=([linux-amd64]=linux-x64 [linux-arm64]=linux-arm64 [darwin-amd64]=osx-x64 [darwin-arm64]=osx-arm64 [windows-amd64]=win-x64)

rm -rf dist && mkdir -p dist
entries=()
for platform in $platforms; do
  rid=${rids[$platform]:?unknown platform $platform}
  exe=pulumi-resource-omni
  [[ $platform == windows-* ]] && exe=$exe.exe
  stage=out/dist/$platform
  rm -rf "$stage" && mkdir -p "$stage"
  kind=$(scripts/publish-plugin.sh "$rid" "$config" "$stage/$exe" | tail -1)
  chmod 0755 "$stage/$exe"
  cp LICENSE README.md "$stage/"
  archive=pulumi-resource-omni-v$version-$platform.tar.gz
  # Reproducible: fixed owner and mtime, sorted names, no leading ./ (the engine untars into its plugin folder).
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$stage" -cf - "$exe" LICENSE README.md | gzip -n >"dist/$archive"
  sha=$(sha256sum "dist/$archive" | cut -d' ' -f1)
  echo "$sha  $archive" >>"dist/pulumi-resource-omni_${version}_checksums.txt"
  requires=null
  [[ $kind == framework-dependent ]] && requires='".NET runtime 10 (dotnet) on PATH or in DOTNET_ROOT"'
  entries+=("    {\"file\": \"$archive\", \"os\": \"${platform%-*}\", \"arch\": \"${platform#*-}\", \"build\": \"$kind\", \"requires\": $requires, \"sha256\": \"$sha\"}")
  echo "dist/$archive ($kind)"
done

{
  echo "{"
  echo "  \"name\": \"omni\","
  echo "  \"version\": \"$version\","
  echo "  \"archives\": ["
  (IFS=$'\n'; echo "${entries[*]}" | sed '$!s/$/,/')
  echo "  ]"
  echo "}"
} >dist/manifest.json
