#!/usr/bin/env bash
# The demo: start the sandbox with its demo data (a roles-only site, as every new Confluence site is), apply
# examples/quickstart with the provider built from this tree (through a dev_overrides CLI configuration, so
# no registry is needed): a space group with a role, and its members. Then change the group outside
# Terraform through the sandbox's Confluence API, as a space admin would in Confluence (a member added, the
# role changed), show the plan that finds exactly that, apply it to repair the group, and show a last plan
# with no changes. It fails when any step does not behave so.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
tf=${TERRAFORM:-$(scripts/terraform-cli.sh)}
work="$root/.demo"
rm -rf "$work" && mkdir -p "$work"
command -v curl >/dev/null || { echo "The demo needs curl, to change the group as a space admin would." >&2; exit 1; }

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
fail() { echo "$*" >&2; exit 1; }
# Terraform's notes about the development override of the provider, which say nothing about the demo.
quiet() { grep -v -i 'dev_overrides\|provider development overrides\|^ *- csum-tools/csum in\|applying changes may\|^ *$\|^releases\.$\|published releases\|The following provider\|may therefore not match\|^configuration:$'; }

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
mkdir -p "$work/quickstart" && cp -r examples/quickstart/. "$work/quickstart/"
cd "$work/quickstart"

# confluence METHOD PATH [BODY]: one request to the sandbox's Confluence API with the demo credentials (a
# write is printed first); the answer goes to $work/answer.json, and any status but 2xx stops the demo.
confluence() {
  [ "$1" = GET ] || echo "$1 $2${3:+ $3}"
  local status
  status=$(curl -sS -o "$work/answer.json" -w '%{http_code}' -X "$1" -u "$CSUM_EMAIL:$CSUM_API_TOKEN" \
    -H 'Content-Type: application/json' ${3:+--data "$3"} "$CSUM_SITE_URL$2")
  case "$status" in 2??) ;; *) cat "$work/answer.json" >&2; fail "$1 $2 answered $status." ;; esac
}
# answer EXPR: evaluates a Terraform expression in $work, where the last answer is answer.json (no jq needed).
answer() { (cd "$work" && echo "$1" | "$tf" console) | tr -d '"'; }
# plan: terraform plan into $work/plan.txt and plan.tfplan; sets $code to its -detailed-exitcode.
plan() {
  set +e
  "$tf" plan -detailed-exitcode -input=false -no-color -out="$work/plan.tfplan" >"$work/plan.txt" 2>&1
  code=$?
  set -e
}

step "terraform apply examples/quickstart (provider built from this tree: $root/bin)"
"$tf" apply -auto-approve -input=false -no-color 2>&1 | quiet

step "terraform plan again: nothing should change"
plan
grep -E 'No changes|Plan:' "$work/plan.txt" || true
[ "$code" -eq 0 ] || { cat "$work/plan.txt"; fail "The second plan was not empty (exit code $code)."; }

group_id=$("$tf" output -raw docs_group_id)
carla="557058:3dab1978-c20f-5964-8e13-a049a93b4170" # Carla Chen, of the demo data
confluence GET "/wiki/api/v2/space-roles"
viewer=$(answer 'one([for r in jsondecode(file("answer.json")).results : r.id if r.name == "Viewer"])')
collaborator=$(answer 'one([for r in jsondecode(file("answer.json")).results : r.id if r.name == "Collaborator"])')
confluence GET "/wiki/api/v2/spaces?keys=ENG"
space_id=$(answer 'jsondecode(file("answer.json")).results[0].id')

step "Outside Terraform, a space admin adds Carla Chen to eng-docs and makes the group Viewer instead of Collaborator"
confluence POST "/wiki/rest/api/group/userByGroupId?groupId=$group_id" "{\"accountId\": \"$carla\"}"
confluence POST "/wiki/api/v2/spaces/$space_id/role-assignments" \
  "[{\"principal\": {\"principalType\": \"GROUP\", \"principalId\": \"$group_id\"}, \"roleId\": \"$viewer\"}]"

step "terraform plan: Terraform finds both changes and would undo them"
plan
sed -n '/Terraform will perform/,$p' "$work/plan.txt"
[ "$code" -eq 2 ] || { cat "$work/plan.txt"; fail "The plan after the changes in Confluence had exit code $code, want 2 (changes)."; }
grep -q 'Plan: 0 to add, 2 to change, 0 to destroy.' "$work/plan.txt" || fail "The plan should change exactly the group and its members."
grep -qE "role_id += \"$viewer\" -> \"$collaborator\"" "$work/plan.txt" || fail "The plan should give the group Collaborator back."
grep -qE "^ +- \"$carla\" = \"Carla Chen\" -> null$" "$work/plan.txt" || fail "The plan should remove Carla Chen from the group, naming her."

step "terraform apply that plan: the group gets its role back and Carla Chen leaves it"
"$tf" apply -input=false -no-color "$work/plan.tfplan" 2>&1 | quiet

step "terraform plan once more: nothing should change"
plan
grep -E 'No changes|Plan:' "$work/plan.txt" || true
[ "$code" -eq 0 ] || { cat "$work/plan.txt"; fail "The plan after the repair was not empty (exit code $code)."; }

step "Done: the sandbox stops now. Its state is in .demo/sandbox-state.json; run 'make sandbox' to explore by hand."
