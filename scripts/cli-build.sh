#!/usr/bin/env bash
# Prints the path of one exact CLI release, building it from the Go module proxy into .tools/ the first time
# and reusing it afterwards: `scripts/cli-build.sh terraform 1.13.3` or `scripts/cli-build.sh tofu 1.12.6`.
# The proxy is the one download site the project relies on; it serves Terraform up to 1.13.3 and OpenTofu up
# to 1.12.6.
#
# Newer releases cannot be built with `go install module@version`, because their go.mod has replace
# directives. They are built from a copy of the module source instead. Terraform's replaced modules
# are remote-state backends (s3, gcs, azurerm, ...) that the proxy does not serve at the release's version;
# the copy leaves them out of the backend list, which the tests never use: only the local backend is.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
name=${1:?usage: cli-build.sh terraform|tofu VERSION}
version=${2:?usage: cli-build.sh terraform|tofu VERSION}
case "$name" in
  terraform) module=github.com/hashicorp/terraform main=. ;;
  tofu) module=github.com/opentofu/opentofu main=./cmd/tofu ;;
  *) echo "cli-build.sh: unknown CLI $name (terraform or tofu)" >&2; exit 2 ;;
esac
dir="$root/.tools/$name-$version"
bin="$dir/$name"
if [ -x "$bin" ]; then
  echo "$bin"
  exit 0
fi
echo "Building $name v$version from the Go module proxy (a few minutes, once; cached in .tools/)" >&2
mkdir -p "$dir"
# Release builds say so: without this the version reads 1.13.3-dev.
ldflags="-s -w -X $module/version.dev=no"
if ! grep -q '^replace ' "$(go mod download -json "$module@v$version" | sed -n 's/.*"GoMod": *"\(.*\)".*/\1/p')"; then
  GOBIN="$dir" GOFLAGS=-mod=mod go install -trimpath -ldflags "$ldflags" "$module${main#.}@v$version" >&2
  echo "$bin"
  exit 0
fi
src=$(mktemp -d)
trap 'chmod -R u+w "$src"; rm -rf "$src"' EXIT
cp -r "$(go mod download -json "$module@v$version" | sed -n 's/.*"Dir": *"\(.*\)".*/\1/p')/." "$src"
chmod -R u+w "$src"
cd "$src"
drop=()
for m in $(sed -n 's/^replace \([^ ]*\) => \.\/.*/\1/p' go.mod); do drop+=("-droprequire=$m" "-dropreplace=$m"); done
[ ${#drop[@]} -eq 0 ] || go mod edit "${drop[@]}"
if [ "$name" = terraform ]; then
  # The backends whose modules were dropped: their imports and their entries in the backend list.
  sed -i -E '/backend(Azure|Consul|Cos|GCS|Kubernetes|OCI|OSS|Pg|S3)[ .]/d' internal/backend/init/init.go
fi
GOFLAGS=-mod=mod go build -trimpath -ldflags "$ldflags" -o "$bin" "$main" >&2
echo "$bin"
