package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/bench/keeper"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// Tools are the programs a run needs: the Terraform CLI, the provider binary built from this tree, and
// this command itself, which dev_overrides runs in front of the provider to measure its memory.
type Tools struct {
	Terraform string
	Provider  string
	Self      string
	WorkDir   string // scratch space; one directory per scenario is made under it
	Examples  string // the repository's examples directory, whose guide configurations some scenarios apply
	// QueryTerraform is a Terraform 1.14+ CLI for the scenario of `terraform query`; empty to leave it out.
	QueryTerraform string
}

// workspace is one scenario's sandbox and Terraform working directory.
type workspace struct {
	tools   Tools
	dir     string
	rssLog  string
	sandbox *sandbox.Server
	seed    sandbox.Seed
	env     []string
	runs    int // Terraform commands run so far, to name their logs
}

// step is what one Terraform command cost.
type step struct {
	Wall      time.Duration
	Counts    map[string]int64
	PeakRSS   int64 // bytes, the largest provider process of the command
	Processes int   // provider processes Terraform started
	ExitCode  int
}

func newWorkspace(tools Tools, name string, seed sandbox.Seed) (*workspace, error) {
	dir := filepath.Join(tools.WorkDir, name)
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	plugins := filepath.Join(dir, "plugins")
	if err := os.MkdirAll(plugins, 0o755); err != nil {
		return nil, err
	}
	w := &workspace{tools: tools, dir: dir, rssLog: filepath.Join(dir, "provider-rss.log"), seed: seed}
	wrapper := fmt.Sprintf("#!/bin/sh\nexec %s wrap-provider %s %s \"$@\"\n",
		shellQuote(tools.Self), shellQuote(tools.Provider), shellQuote(w.rssLog))
	if err := os.WriteFile(filepath.Join(plugins, "terraform-provider-csum"), []byte(wrapper), 0o755); err != nil {
		return nil, err
	}
	keeperScript := fmt.Sprintf("#!/bin/sh\nexec %s keeper-provider\n", shellQuote(tools.Self))
	if err := os.WriteFile(filepath.Join(plugins, "terraform-provider-csumbench"), []byte(keeperScript), 0o755); err != nil {
		return nil, err
	}
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"registry.terraform.io/csum-tools/csum\" = %[1]q\n    %[2]q = %[1]q\n  }\n  direct {}\n}\n",
		plugins, keeper.Source)
	if err := os.WriteFile(filepath.Join(dir, "terraformrc"), []byte(rc), 0o644); err != nil {
		return nil, err
	}
	srv, err := sandbox.Start(sandbox.Options{Seed: seed})
	if err != nil {
		return nil, fmt.Errorf("starting the sandbox: %w", err)
	}
	w.sandbox = srv
	w.env = append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+filepath.Join(dir, "terraformrc"), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
		"CSUM_SITE_URL="+srv.URL(), "CSUM_EMAIL="+seed.Credentials.Email, "CSUM_API_TOKEN="+seed.Credentials.APIToken,
		"CSUM_APP_URL="+srv.AppURL(), "CSUM_APP_API_KEY="+srv.AppAPIKey(),
		"CSUM_ORG_ID="+srv.OrgID(), "CSUM_ADMIN_API_KEY="+srv.AdminAPIKey(), "CSUM_ADMIN_API_URL="+srv.AdminURL())
	return w, nil
}

// importedWorkspace starts a sandbox from seed and brings what cfg manages under Terraform with one apply of
// setup, which is cfg with import blocks (without faults), then leaves cfg as the configuration.
// Importing, rather than creating, spares Terraform itself the check it makes of every applied set against
// its plan, which takes minutes for a set of 20,000 members.
func importedWorkspace(ctx context.Context, tools Tools, name string, seed sandbox.Seed, cfg, setup map[string]any) (*workspace, step, error) {
	w, err := newWorkspace(tools, name, seed)
	if err != nil {
		return nil, step{}, err
	}
	imported, err := w.applyConfig(ctx, setup)
	if err == nil {
		err = w.writeConfig(cfg)
	}
	if err != nil {
		w.Close()
		return nil, imported, fmt.Errorf("setup: %w", err)
	}
	return w, imported, nil
}

func (w *workspace) Close() { _ = w.sandbox.Close() }

// setFaults replaces the sandbox's fault configuration (and restarts its rate limiter).
func (w *workspace) setFaults(cfg faults.Config) { w.sandbox.Faults().Set(cfg) }

// writeConfig replaces the Terraform configuration with doc, as JSON syntax.
func (w *workspace) writeConfig(doc any) error {
	data, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(w.dir, "main.tf.json"), data, 0o644)
}

// terraform runs one command and measures it: wall time, the sandbox's request counts (reset first), and
// the provider's peak memory. The output goes to a log file, shown in the error when the exit code is not
// one of okCodes.
func (w *workspace) terraform(ctx context.Context, okCodes []int, args ...string) (step, error) {
	if err := os.Remove(w.rssLog); err != nil && !os.IsNotExist(err) {
		return step{}, err
	}
	w.sandbox.Faults().ResetCounts()
	w.runs++
	logPath := filepath.Join(w.dir, fmt.Sprintf("terraform-%d-%s.log", w.runs, args[0]))
	out, err := os.Create(logPath)
	if err != nil {
		return step{}, err
	}
	defer out.Close()
	flags := []string{"-input=false", "-no-color"}
	if args[0] == "query" { // which never asks for input, and has no flag to say so
		flags = flags[1:]
	}
	cmd := exec.CommandContext(ctx, w.tools.Terraform, append(args, flags...)...)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = w.dir, w.env, out, out
	started := time.Now()
	runErr := cmd.Run()
	s := step{Wall: time.Since(started), Counts: w.sandbox.Faults().Counts(), ExitCode: cmd.ProcessState.ExitCode()}
	if s.PeakRSS, s.Processes, err = peakRSS(w.rssLog); err != nil {
		return s, err
	}
	for _, ok := range okCodes {
		if s.ExitCode == ok {
			return s, nil
		}
	}
	return s, fmt.Errorf("terraform %s exited %d (%v); its output:\n%s", strings.Join(args, " "), s.ExitCode, runErr, tail(logPath, 40))
}

// apply applies the configuration; it must succeed.
func (w *workspace) apply(ctx context.Context) (step, error) {
	return w.terraform(ctx, []int{0}, "apply", "-auto-approve")
}

// planNoChanges plans; it must succeed and find nothing to change.
func (w *workspace) planNoChanges(ctx context.Context, args ...string) (step, error) {
	return w.terraform(ctx, []int{0}, append([]string{"plan", "-detailed-exitcode"}, args...)...)
}

func tail(path string, lines int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	all := strings.Split(string(bytes.TrimRight(data, "\n")), "\n")
	return strings.Join(all[max(0, len(all)-lines):], "\n")
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// configFiles are the names of configuration files, in a working directory or an example.
var configFiles = []string{"*.tf", "*.tf.json", "*.tfquery.hcl"}

// useExample replaces the configuration with the configuration files of an example directory.
func (w *workspace) useExample(dir string) error {
	old, err := globAll(w.dir, configFiles)
	if err != nil {
		return err
	}
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	files, err := globAll(dir, configFiles)
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no example configuration in %s (%v)", dir, err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(w.dir, filepath.Base(f)), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func globAll(dir string, patterns []string) ([]string, error) {
	var all []string
	for _, p := range patterns {
		found, err := filepath.Glob(filepath.Join(dir, p))
		if err != nil {
			return nil, err
		}
		all = append(all, found...)
	}
	return all, nil
}

// output returns the JSON of one of the configuration's outputs.
func (w *workspace) output(ctx context.Context, name string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, w.tools.Terraform, "output", "-json", name)
	cmd.Dir, cmd.Env = w.dir, w.env
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("terraform output %s: %w", name, err)
	}
	return out, nil
}
