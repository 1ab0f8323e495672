#!/usr/bin/env bash
# Regenerates docs/ from the provider's schema, templates/ and examples/. It needs no network: the Terraform
# CLI comes from scripts/terraform-cli.sh and tfplugindocs from go.mod's tool directive. The CLI must be 1.12
# or newer: older ones report no resource identity schemas, so the identity import examples cannot render
# (and before 1.8 no functions either, so the function's page would vanish).
#
# The list resources' schemas reach tfplugindocs only through Terraform 1.14+, which the Go module proxy does
# not serve: QUERY_TERRAFORM (as `make testmatrix` reads it), or the CLI ../shared/tools holds, renders their
# pages when there is one. Without a CLI that knows `terraform query`, the rest of docs/ is generated and the
# committed pages of the list resources are kept as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
query=${QUERY_TERRAFORM:-../shared/tools/terraform-1.15.9/terraform}
if [ -z "${TERRAFORM:-}" ] && [ -x "$query" ]; then
  TERRAFORM=$(cd "$(dirname "$query")" && pwd)/$(basename "$query")
fi
tf=${TERRAFORM:-$(scripts/terraform-cli.sh 1.12)}
export PATH="$(dirname "$tf"):$PATH" CHECKPOINT_DISABLE=1
"$tf" fmt -recursive examples/ >/dev/null
templates=templates kept=""
if ! "$tf" query -help >/dev/null 2>&1; then
  echo "$tf has no \`terraform query\` (Terraform 1.14+): keeping docs/list-resources as committed" >&2
  # tfplugindocs refuses a template of a list resource the CLI does not report: render without them.
  templates=.tools/docs-templates-without-list-resources kept=$(mktemp -d)
  trap 'rm -rf "$kept" "$templates"' EXIT
  rm -rf "$templates" && mkdir -p .tools && cp -r templates "$templates" && rm -rf "$templates/list-resources"
  [ ! -d docs/list-resources ] || cp -r docs/list-resources "$kept/"
fi
go tool tfplugindocs generate --provider-name csum --rendered-provider-name "CSUM (Custom Space User Management)" \
  --website-source-dir "$templates" >/dev/null
if [ -d "$kept/list-resources" ]; then
  cp -r "$kept/list-resources" docs/
fi
