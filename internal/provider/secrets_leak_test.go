package provider_test

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	sandboxconfluence "github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

// secretsFlowsConfig runs the key flows in one configuration: a legacy export whose file carries a token,
// feeding the settings and the permission schemes; the privileged user while the app still holds legacy
// credentials; a space group and its authoritative membership.
func secretsFlowsConfig(t *testing.T, env *acctest.Env, exportFile string) string {
	return `
data "csum_legacy_export" "old" { path = "` + exportFile + `" }
` + migrationConfig + `
resource "csum_privileged_user" "this" {
  account_id = "` + env.AccountID(t, "automation@example.com") + `"
}

resource "csum_space_group" "this" {
  space_key   = "ENG"
  name        = "secrets"
  permissions = ["read/space", "create/page"]
}

resource "csum_space_group_membership" "this" {
  space_key = "ENG"
  group_id  = csum_space_group.this.group_id
  members   = { "` + env.AccountID(t, alice) + `" = "Alice Anders" }
}
`
}

// TestAccSecrets_neverLeave runs the key flows with TF_LOG=trace for both Terraform and the provider, and
// fails if the API token (or the basic-auth header made from it), the app key or a legacy token shows up in
// a log, the state files, plan or apply output, or a diagnostic, including those of refused credentials.
func TestAccSecrets_neverLeave(t *testing.T) {
	env := acctest.Start(t, acctest.WithSpaceRoleMode(sandboxconfluence.RoleModePreRoles))
	dir := t.TempDir()
	exportFile := filepath.Join(dir, "legacy-export.json")
	if err := os.WriteFile(exportFile, []byte(legacySample(t, env, true)), 0o600); err != nil {
		t.Fatal(err)
	}
	creds := env.Seed.Credentials
	secrets := map[string]string{
		"api_token":              creds.APIToken,
		"basic auth header":      base64.StdEncoding.EncodeToString([]byte(creds.Email + ":" + creds.APIToken)),
		"app_api_key":            env.Sandbox.AppAPIKey(),
		"legacy token in a file": legacyTestToken,
		"refused app_api_key":    "refused-app-key-that-must-not-leak-4Zt",
	}
	if env.Seed.App.LegacyCredentials != nil && env.Seed.App.LegacyCredentials.APIToken != "" {
		secrets["legacy token in the app"] = env.Seed.App.LegacyCredentials.APIToken
	} else {
		t.Fatal("the demo seed should give the app legacy credentials, so that the privileged user flow clears them")
	}
	providerLog, cliLog := filepath.Join(dir, "provider.log"), filepath.Join(dir, "terraform.log")
	t.Setenv("TF_LOG", "trace") // the provider, served in this process, logs through the same variables
	t.Setenv("TF_LOG_PATH", providerLog)
	cli := newTFCLI(t, env, secretsFlowsConfig(t, env, exportFile), "TF_LOG=trace", "TF_LOG_PATH="+cliLog)

	var seen strings.Builder
	for _, args := range [][]string{
		{"plan", "-input=false", "-no-color"},
		{"apply", "-auto-approve", "-input=false", "-no-color"},
		{"plan", "-detailed-exitcode", "-input=false", "-no-color"},
		{"show", "-json"},
		{"output", "-json"},
	} {
		seen.WriteString(cli.mustRun(args...))
	}
	if env.Sandbox.App().Snapshot().PrivilegedUser == "" {
		t.Error("the flows did not set the privileged user")
	}

	// Refused credentials and URLs: the diagnostics name the problem, not the secret.
	badKey := strings.Replace(env.ProviderBlock(), env.Sandbox.AppAPIKey(), secrets["refused app_api_key"], 1)
	cli.write(badKey + `resource "csum_global_settings" "this" {}`)
	out, err := cli.run("plan", "-input=false", "-no-color")
	if err == nil || !strings.Contains(out, "The app rejected the API key") {
		t.Errorf("a refused app key should fail the plan with a clear message (%v):\n%s", err, out)
	}
	seen.WriteString(out)
	plainHTTP := strings.Replace(env.ProviderBlock(), env.Sandbox.URL(), "http://confluence.example.net", 1)
	cli.write(plainHTTP)
	out, err = cli.run("plan", "-input=false", "-no-color")
	if err == nil || !regexp.MustCompile(`(?s)Invalid site_url.*must use https`).MatchString(out) {
		t.Errorf("a non-loopback http:// site_url should be refused at plan time (%v):\n%s", err, out)
	}
	seen.WriteString(out)

	cli.write(env.Config(secretsFlowsConfig(t, env, exportFile)))
	seen.WriteString(cli.mustRun("destroy", "-auto-approve", "-input=false", "-no-color"))

	places := map[string]string{"terraform output": seen.String()}
	for name, file := range map[string]string{"provider log": providerLog, "terraform log": cliLog,
		"state": filepath.Join(cli.dir, "terraform.tfstate"), "state backup": filepath.Join(cli.dir, "terraform.tfstate.backup")} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		places[name] = string(data)
	}
	// The logs must hold what they are checked for, or the test proves nothing.
	if !strings.Contains(places["provider log"], "API request") || !strings.Contains(places["provider log"], "/csum-admin/") {
		t.Fatal("the provider log holds no API requests: TF_LOG did not reach the provider")
	}
	if !strings.Contains(places["terraform log"], "[TRACE]") {
		t.Fatal("the Terraform log holds no trace entries")
	}
	for place, text := range places {
		for what, secret := range secrets {
			if strings.Contains(text, secret) {
				t.Errorf("the %s leaked into the %s", what, place)
			}
		}
	}
}
