#!/usr/bin/env bash
# Prints the path of a Terraform CLI of at least the given minor version (default 1.5): `terraform` on PATH
# when it fits, otherwise one built from source into .tools/ and cached for the next run (v1.5.7 for the
# tests and the demo; v1.13.3 for the docs, which need 1.8 for the provider-defined function and 1.12 for
# resource identity, and for the benchmark, whose adoption scenario imports with for_each, new in 1.7). Building from the Go module proxy keeps the project free of any
# other download site.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
need=${1:-1.5}
case "$need" in
  1.5) want=1.5.7 ;;
  1.7 | 1.12) want=1.13.3 ;;
  *) echo "terraform-cli.sh: no known release to build for Terraform $need" >&2; exit 2 ;;
esac

fits() { # $1 = binary; true when its version is at least $need
  local v
  v=$("$1" version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([0-9.]*\)".*/\1/p' | head -n1)
  [ -n "$v" ] || return 1
  local major=${v%%.*} rest=${v#*.}
  local minor=${rest%%.*}
  [ "$major" -gt 1 ] || { [ "$major" -eq 1 ] && [ "$minor" -ge "${need#1.}" ]; }
}

if [ -n "${TF_ACC_TERRAFORM_PATH:-}" ] && [ -x "$TF_ACC_TERRAFORM_PATH" ] && fits "$TF_ACC_TERRAFORM_PATH"; then
  echo "$TF_ACC_TERRAFORM_PATH"; exit 0
fi
if command -v terraform >/dev/null 2>&1 && fits "$(command -v terraform)"; then
  command -v terraform; exit 0
fi
echo "No Terraform CLI $need+ on PATH: using v$want from .tools/" >&2
exec "$root/scripts/cli-build.sh" terraform "$want"
