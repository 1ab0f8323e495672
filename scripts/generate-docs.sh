#!/usr/bin/env bash
# Regenerates docs/ from the provider's schema, templates/ and examples/. It needs no network: the Terraform
# CLI comes from scripts/terraform-cli.sh and tfplugindocs from go.mod's tool directive. The CLI must be 1.12
# or newer: older ones report no resource identity schemas, so the identity import examples cannot render
# (and before 1.8 no functions either, so the function's page would vanish).
set -euo pipefail
cd "$(dirname "$0")/.."
tf=${TERRAFORM:-$(scripts/terraform-cli.sh 1.12)}
export PATH="$(dirname "$tf"):$PATH" CHECKPOINT_DISABLE=1
"$tf" fmt -recursive examples/ >/dev/null
go tool tfplugindocs generate --provider-name csum --rendered-provider-name "CSUM (Custom Space User Management)" >/dev/null
