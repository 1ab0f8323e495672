package provider_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	goversion "github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/provider"
)

// providerSource is the address the CLI tests' configurations require the provider under.
const providerSource = "registry.terraform.io/csum-tools/csum"

// tfCLI runs the Terraform CLI as a subprocess in its own working directory, against the provider served
// in this test process through Terraform's reattach protocol. Unlike resource.Test it can interrupt a run,
// and it sees everything a user sees: plan output, diagnostics, the state file and TF_LOG output.
type tfCLI struct {
	t   *testing.T
	bin string
	dir string
	env []string
}

// newTFCLI serves the provider for one test and prepares a working directory with hcl (prefixed by the
// required_providers block and env's provider block) and `terraform init` done.
func newTFCLI(t *testing.T, env *acctest.Env, hcl string, extraEnv ...string) *tfCLI {
	t.Helper()
	bin := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if bin == "" {
		var err error
		if bin, err = exec.LookPath("terraform"); err != nil {
			t.Skip("no Terraform CLI: set TF_ACC_TERRAFORM_PATH")
		}
	}
	c := &tfCLI{t: t, bin: bin, dir: t.TempDir()}
	c.env = append(os.Environ(), "TF_REATTACH_PROVIDERS="+serveProvider(t), "TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1", "TF_CLI_CONFIG_FILE="+filepath.Join(c.dir, "none.tfrc"))
	c.env = append(c.env, extraEnv...)
	// An empty CLI configuration, rather than none: a missing file makes the CLIs print a warning, which some
	// print on standard output, ahead of what `output -json` or `version -json` write there.
	if err := os.WriteFile(filepath.Join(c.dir, "none.tfrc"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	c.write(env.Config(hcl))
	if out, err := c.run("init", "-input=false", "-no-color"); err != nil {
		t.Fatalf("terraform init: %v\n%s", err, out)
	}
	return c
}

// write replaces the configuration.
func (c *tfCLI) write(config string) {
	c.t.Helper()
	// The full address: OpenTofu would look an unqualified one up in its own registry, not in the reattached
	// provider.
	full := "terraform {\n  required_providers {\n    csum = { source = \"" + providerSource + "\" }\n  }\n}\n" + config
	if err := os.WriteFile(filepath.Join(c.dir, "main.tf"), []byte(full), 0o600); err != nil {
		c.t.Fatal(err)
	}
}

// command prepares one terraform command in the working directory.
func (c *tfCLI) command(args ...string) *exec.Cmd {
	cmd := exec.Command(c.bin, args...)
	cmd.Dir, cmd.Env = c.dir, c.env
	return cmd
}

// run runs one terraform command to the end and returns its combined output.
func (c *tfCLI) run(args ...string) (string, error) {
	out, err := c.command(args...).CombinedOutput()
	return string(out), err
}

// mustRun runs a command that must succeed.
func (c *tfCLI) mustRun(args ...string) string {
	c.t.Helper()
	out, err := c.run(args...)
	if err != nil {
		c.t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// stdout runs a command that must succeed and returns what it wrote on standard output alone.
func (c *tfCLI) stdout(args ...string) string {
	c.t.Helper()
	cmd := c.command(args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		c.t.Fatalf("terraform %s: %v\n%s%s", strings.Join(args, " "), err, out, stderr.String())
	}
	return string(out)
}

// expectNoChanges fails unless a plan finds nothing to do (exit code 0 of -detailed-exitcode).
func (c *tfCLI) expectNoChanges() {
	c.t.Helper()
	out, err := c.run("plan", "-detailed-exitcode", "-input=false", "-no-color")
	if err != nil {
		c.t.Fatalf("the plan after apply is not empty (%v):\n%s", err, out)
	}
}

// writeState starts the working directory from a state file, as if an earlier run had written it.
func (c *tfCLI) writeState(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(c.dir, "terraform.tfstate"), data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// stateAttributes returns the attributes of one resource instance in the local state file.
func (c *tfCLI) stateAttributes(resourceType, name string) (map[string]any, bool) {
	c.t.Helper()
	data, err := os.ReadFile(filepath.Join(c.dir, "terraform.tfstate"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, false
	}
	if err != nil {
		c.t.Fatal(err)
	}
	var st struct {
		Resources []struct {
			Type, Name string
			Instances  []struct {
				Attributes map[string]any `json:"attributes"`
			}
		}
	}
	if err := json.Unmarshal(data, &st); err != nil {
		c.t.Fatalf("reading the state file: %v", err)
	}
	for _, r := range st.Resources {
		if r.Type == resourceType && r.Name == name && len(r.Instances) == 1 {
			return r.Instances[0].Attributes, true
		}
	}
	return nil, false
}

// stateMemberIDs returns the account IDs of a membership's members in the state file, sorted.
func (c *tfCLI) stateMemberIDs(resourceType, name string) []string {
	c.t.Helper()
	attrs, ok := c.stateAttributes(resourceType, name)
	if !ok {
		c.t.Fatalf("the state has no %s.%s", resourceType, name)
	}
	members, _ := attrs["members"].(map[string]any)
	return slices.Sorted(maps.Keys(members))
}

// serveProvider serves the provider in this process until the test ends and returns the value of
// TF_REATTACH_PROVIDERS that points Terraform at it. Provider logs follow TF_LOG and TF_LOG_PATH of this
// process, as they would in a provider process Terraform started.
func serveProvider(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	configs := make(chan *plugin.ReattachConfig, 1)
	closed := make(chan struct{})
	served := make(chan error, 1)
	go func() {
		served <- tf6server.Serve(providerSource, provider.NewServer("test"),
			tf6server.WithDebug(ctx, configs, closed), tf6server.WithLoggingSink(t),
			tf6server.WithGoPluginLogger(hclog.New(&hclog.LoggerOptions{Output: io.Discard})))
	}()
	var cfg *plugin.ReattachConfig
	select {
	case cfg = <-configs:
	case err := <-served:
		cancel()
		t.Fatalf("serving the provider: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		<-closed
	})
	type addr struct{ Network, String string }
	entry := map[string]any{
		"Protocol": string(cfg.Protocol), "ProtocolVersion": cfg.ProtocolVersion, "Pid": cfg.Pid, "Test": true,
		"Addr": addr{cfg.Addr.Network(), cfg.Addr.String()},
	}
	out, err := json.Marshal(map[string]any{providerSource: entry})
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// skipBelow skips the test, saying why, when the CLI is older than version.
func (c *tfCLI) skipBelow(version, why string) {
	c.t.Helper()
	var v struct {
		Version string `json:"terraform_version"` // OpenTofu answers under the same name
	}
	if err := json.Unmarshal([]byte(c.stdout("version", "-json")), &v); err != nil {
		c.t.Fatalf("reading the CLI's version: %v", err)
	}
	if goversion.Must(goversion.NewVersion(v.Version)).LessThan(goversion.Must(goversion.NewVersion(version))) {
		c.t.Skipf("the CLI is %s; %s needs %s or later", v.Version, why, version)
	}
}
