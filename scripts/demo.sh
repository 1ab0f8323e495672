#!/usr/bin/env bash
# The demo: start the sandbox with its demo data, apply examples/quickstart with the provider built from
# this tree (through a dev_overrides CLI configuration, so no registry is needed), show that a second plan
# has no changes, and stop the sandbox.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
tf=${TERRAFORM:-$(scripts/terraform-cli.sh)}
work="$root/.demo"
rm -rf "$work" && mkdir -p "$work"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Starting the sandbox (a local Confluence Cloud and CSUM app with demo data)"
"$root/bin/csum-sandbox" -addr 127.0.0.1:0 -state "$work/sandbox-state.json" >"$work/sandbox.log" 2>&1 &
sandbox_pid=$!
trap 'kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  grep -q 'app_api_key:' "$work/sandbox.log" 2>/dev/null && break
  kill -0 "$sandbox_pid" 2>/dev/null || { cat "$work/sandbox.log"; exit 1; }
  sleep 0.1
done
cat "$work/sandbox.log"
field() { sed -n "s/^ *$1: *//p" "$work/sandbox.log" | head -n1; }
export CSUM_SITE_URL=$(field site_url) CSUM_APP_URL=$(field app_url) CSUM_EMAIL=$(field email)
export CSUM_API_TOKEN=$(field api_token) CSUM_APP_API_KEY=$(field app_api_key)

cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/csum-tools/csum" = "$root/bin"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
cp -r examples/quickstart/. "$work/quickstart/" 2>/dev/null || { mkdir -p "$work/quickstart" && cp -r examples/quickstart/. "$work/quickstart/"; }
cd "$work/quickstart"

step "terraform apply examples/quickstart (provider built from this tree: $root/bin)"
"$tf" apply -auto-approve -input=false -no-color 2>&1 | grep -v -i 'dev_overrides\|provider development overrides\|^ *- csum-tools/csum in\|applying changes may lead\|^ *$\|published releases\|The following provider'

step "terraform plan again: nothing should change"
set +e
"$tf" plan -detailed-exitcode -input=false -no-color >"$work/plan.txt" 2>&1
code=$?
set -e
grep -E 'No changes|Plan:' "$work/plan.txt" || true
if [ "$code" -ne 0 ]; then
  cat "$work/plan.txt"
  echo "The second plan was not empty (exit code $code)." >&2
  exit 1
fi

step "Done: the sandbox stops now. Its state is in .demo/sandbox-state.json; run 'make sandbox' to explore by hand."
