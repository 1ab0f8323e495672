package soak

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// workspace is the Terraform working directory of one soak run: its configuration (main.tf.json), its
// local state, a CLI configuration whose dev_overrides point at the provider binary, and a trace log per
// command. Credentials reach the provider through the environment, as CI systems pass them, so that the
// configuration, the plan files and `terraform show` hold none: a secret found anywhere is the provider's
// or Terraform's doing.
type workspace struct {
	terraform string
	dir       string
	env       []string
	commands  int // commands run so far, to number their logs
}

// result is what one Terraform command did.
type result struct {
	Args        []string
	ExitCode    int    // -1 when it could not be started
	Output      string // standard output and error, as a user sees them
	Stdout      string
	Log         string // the command's TF_LOG=trace file
	Interrupted bool   // SIGINT was sent to it
	Took        time.Duration
}

func (r result) String() string {
	return fmt.Sprintf("terraform %s (exit %d, %s)", strings.Join(r.Args, " "), r.ExitCode, r.Took.Round(time.Millisecond))
}

// newWorkspace prepares dir: the CLI configuration, and the provider executable (a link to providerBinary,
// which serves the provider when serveEnv is set). credentials are extra environment variables.
func newWorkspace(terraform, providerBinary, dir string, credentials []string) (*workspace, error) {
	plugins := filepath.Join(dir, "plugins")
	if err := os.MkdirAll(filepath.Join(dir, "logs"), 0o700); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(plugins, 0o700); err != nil {
		return nil, err
	}
	if err := os.Symlink(providerBinary, filepath.Join(plugins, "terraform-provider-csum")); err != nil {
		return nil, err
	}
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n", ProviderAddress, plugins)
	if err := os.WriteFile(filepath.Join(dir, "terraformrc"), []byte(rc), 0o600); err != nil {
		return nil, err
	}
	env := []string{}
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "CSUM_") {
			continue // nothing of the calling environment may change how the commands run
		}
		env = append(env, kv)
	}
	env = append(env, "TF_CLI_CONFIG_FILE="+filepath.Join(dir, "terraformrc"), "TF_IN_AUTOMATION=1", "TF_INPUT=0",
		"CHECKPOINT_DISABLE=1", serveEnv+"=1", "TF_LOG=trace")
	return &workspace{terraform: terraform, dir: dir, env: append(env, credentials...)}, nil
}

// writeConfig replaces the configuration with doc in Terraform's JSON syntax.
func (w *workspace) writeConfig(doc any) error {
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(w.dir, "main.tf.json"), data, 0o600)
}

// running is a command under way, which can be interrupted as a user presses Ctrl-C.
type running struct {
	cmd     *exec.Cmd
	out     *syncBuffer // both streams
	stdout  *syncBuffer
	res     result
	started time.Time

	mu          sync.Mutex
	interrupted bool
}

// start starts one command; its output is kept whole, and its trace log goes to a file of its own.
func (w *workspace) start(args ...string) (*running, error) {
	w.commands++
	name := fmt.Sprintf("%03d-%s.log", w.commands, args[0])
	log := filepath.Join(w.dir, "logs", name)
	cmd := exec.Command(w.terraform, args...)
	cmd.Dir = w.dir
	cmd.Env = append(append([]string{}, w.env...), "TF_LOG_PATH="+log)
	out, stdout := &syncBuffer{}, &syncBuffer{}
	cmd.Stdout, cmd.Stderr = io.MultiWriter(out, stdout), out
	r := &running{cmd: cmd, out: out, stdout: stdout, res: result{Args: args, Log: log}, started: time.Now()}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting terraform %s: %w", strings.Join(args, " "), err)
	}
	return r, nil
}

// interrupt sends SIGINT, once.
func (r *running) interrupt() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.interrupted || r.cmd.Process == nil {
		return
	}
	r.interrupted = true
	_ = r.cmd.Process.Signal(syscall.SIGINT) // a process that already exited needs no interrupt
}

// wait waits for the command to end, killing it when ctx ends first.
func (r *running) wait(ctx context.Context) result {
	done := make(chan error, 1)
	go func() { done <- r.cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		_ = r.cmd.Process.Kill()
		err = <-done
	}
	r.res.Took = time.Since(r.started)
	r.res.Output, r.res.Stdout = r.out.String(), r.stdout.String()
	r.mu.Lock()
	r.res.Interrupted = r.interrupted
	r.mu.Unlock()
	var exit *exec.ExitError
	switch {
	case err == nil:
		r.res.ExitCode = 0
	case errors.As(err, &exit):
		r.res.ExitCode = exit.ExitCode()
	default:
		r.res.ExitCode = -1
		r.res.Output += "\n" + err.Error()
	}
	return r.res
}

// path is a file of the working directory.
func (w *workspace) path(name string) string { return filepath.Join(w.dir, name) }

// syncBuffer is an output buffer that a command's two streams write to at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
