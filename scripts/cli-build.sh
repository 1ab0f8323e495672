#!/usr/bin/env bash
# Prints the path of one exact CLI release, building it from the Go module proxy into .tools/ the first time
# and reusing it afterwards: `scripts/cli-build.sh terraform 1.13.3` or `scripts/cli-build.sh tofu 1.12.6`.
# The proxy is the one download site the project relies on; it serves Terraform up to 1.13.3 and OpenTofu up
# to 1.12.6.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
name=${1:?usage: cli-build.sh terraform|tofu VERSION}
version=${2:?usage: cli-build.sh terraform|tofu VERSION}
case "$name" in
  terraform) module="github.com/hashicorp/terraform@v$version" ;;
  tofu) module="github.com/opentofu/opentofu/cmd/tofu@v$version" ;;
  *) echo "cli-build.sh: unknown CLI $name (terraform or tofu)" >&2; exit 2 ;;
esac
dir="$root/.tools/$name-$version"
if [ ! -x "$dir/$name" ]; then
  echo "Building $name v$version from source (a few minutes, once; cached in .tools/)" >&2
  GOBIN="$dir" GOFLAGS=-mod=mod go install "$module" >&2
fi
echo "$dir/$name"
