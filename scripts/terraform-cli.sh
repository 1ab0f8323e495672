#!/usr/bin/env bash
# Prints the path of a Terraform CLI that the tests and the demo can use: `terraform` on PATH when it is 1.5
# or newer, otherwise one built from source (v1.5.7) into .tools/, which is cached for the next run. Building
# from the Go module proxy keeps the project free of any other download site.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
want=1.5.7
built="$root/.tools/terraform-$want/terraform"

fits() { # $1 = binary; true when its version is at least 1.5
  local v
  v=$("$1" version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([0-9.]*\)".*/\1/p' | head -n1)
  [ -n "$v" ] || return 1
  local major=${v%%.*} rest=${v#*.}
  local minor=${rest%%.*}
  [ "$major" -gt 1 ] || { [ "$major" -eq 1 ] && [ "$minor" -ge 5 ]; }
}

if [ -n "${TF_ACC_TERRAFORM_PATH:-}" ] && [ -x "$TF_ACC_TERRAFORM_PATH" ] && fits "$TF_ACC_TERRAFORM_PATH"; then
  echo "$TF_ACC_TERRAFORM_PATH"; exit 0
fi
if command -v terraform >/dev/null 2>&1 && fits "$(command -v terraform)"; then
  command -v terraform; exit 0
fi
if [ ! -x "$built" ]; then
  echo "No Terraform CLI 1.5+ on PATH: building v$want from source (about two minutes, cached in .tools/)" >&2
  GOBIN="$root/.tools/terraform-$want" GOFLAGS=-mod=mod go install "github.com/hashicorp/terraform@v$want" >&2
fi
echo "$built"
