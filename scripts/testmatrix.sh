#!/usr/bin/env bash
# Runs the acceptance tests once per CLI that users run, each built from the Go module proxy into .tools/
# (scripts/cli-build.sh): MATRIX_CLIS lists them as name@version (default: Terraform 1.5.7, the minimum;
# Terraform 1.13.3, the newest the proxy serves, with resource identity; OpenTofu 1.12.6). When
# QUERY_TERRAFORM names a Terraform 1.14+ binary, the tests of list resources and `terraform query` run on it
# too; without one they skip and say why. TESTARGS is passed to go test (e.g. TESTARGS='-run TestAccSpaceGroup').
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# A CLI configuration file that does not exist makes the CLIs print a warning, which OpenTofu prints on
# standard output, ahead of the version the test framework parses: run without one then.
if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -e "$TF_CLI_CONFIG_FILE" ]; then
  unset TF_CLI_CONFIG_FILE
fi
read -r -a clis <<<"${MATRIX_CLIS:-terraform@1.5.7 terraform@1.13.3 tofu@1.12.6}"
failed=()
run() { # $1 = label, $2 = CLI path, rest = go test arguments
  local label=$1 cli=$2
  shift 2
  echo "=== acceptance tests on $label ($cli)"
  local host=registry.terraform.io
  [[ $label == tofu* ]] && host=registry.opentofu.org # tofu resolves unqualified providers there
  if ! TF_ACC=1 TF_ACC_TERRAFORM_PATH="$cli" TF_ACC_PROVIDER_HOST="$host" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1 \
    go test -count=1 -timeout 60m ./internal/provider/... "$@" ${TESTARGS:-}; then
    failed+=("$label")
  fi
}
for cli in "${clis[@]}"; do
  name=${cli%@*} version=${cli#*@}
  run "$name $version" "$(scripts/cli-build.sh "$name" "$version")"
done
if [ -n "${QUERY_TERRAFORM:-}" ]; then
  if [ -x "$QUERY_TERRAFORM" ]; then
    run "query tests, $("$QUERY_TERRAFORM" version | head -n1)" "$QUERY_TERRAFORM" -run 'Query|ListResource|Identity'
  else
    echo "QUERY_TERRAFORM=$QUERY_TERRAFORM is not an executable: the query tests are not run" >&2
    failed+=("query tests")
  fi
fi
if [ ${#failed[@]} -gt 0 ]; then
  echo "acceptance tests failed on: ${failed[*]}" >&2
  exit 1
fi
echo "acceptance tests passed on every CLI of the matrix"
