package soak

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
	ServeProviderIfAsked() // when Terraform starts this binary as the provider
	os.Exit(m.Run())
}

var (
	seedFlag   = flag.Uint64("soak.seed", 0, "run this seed (with -soak.steps) instead of the default ones")
	stepsFlag  = flag.Int("soak.steps", 0, "steps per seed (default 12, or 30 with -soak.long)")
	longFlag   = flag.Bool("soak.long", false, "the long run: seeds one after another until -soak.faults faults were injected")
	faultsFlag = flag.Int("soak.faults", 0, "faults to inject at least (default 100, or 2000 with -soak.long)")
	keepFlag   = flag.String("soak.dir", "", "keep the working directories under this directory")
)

// shortSeeds are the seeds of the short run inside `make test`, run in order until it has injected
// enough faults across enough commands. They are fixed so that `make test` is the same on every machine.
var shortSeeds = []uint64{1, 2, 3, 4, 5, 6, 7, 8}

// TestSoak runs the fault soak: seeded steps of random configurations, outside changes, faults and
// interrupts against one sandbox, with the invariants checked after every step. By default it is the short
// run (at least 100 faults across at least 20 commands); `make soak` runs it with -soak.long.
func TestSoak(t *testing.T) {
	tf := terraformCLI(t)
	steps, minFaults := 12, 100
	if *longFlag {
		steps, minFaults = 30, 2000
	}
	if *stepsFlag > 0 {
		steps = *stepsFlag
	}
	if *faultsFlag > 0 {
		minFaults = *faultsFlag
	}
	total := newReport()
	next := seedSource(t)
	for total.InjectedFaults() < minFaults || total.TerraformCommands() < 20 {
		seed, ok := next()
		if !ok {
			break
		}
		report, err := runSeed(t, tf, seed, steps)
		total.Add(report)
		t.Logf("seed %d: %d faults, %d commands, %d invariant checks, %s", seed, report.InjectedFaults(),
			report.TerraformCommands(), report.Invariants, report.Took.Round(time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if *seedFlag != 0 {
			break
		}
	}
	t.Logf("soak report (Terraform %s):\n%s", terraformVersion(tf), total)
	if *seedFlag == 0 && (total.InjectedFaults() < minFaults || total.TerraformCommands() < 20) {
		t.Errorf("the soak injected %d faults across %d commands, want at least %d across 20", total.InjectedFaults(), total.TerraformCommands(), minFaults)
	}
}

// seedSource yields the seeds to run: the one asked for, the short run's, or for the long run consecutive
// seeds from the clock's (printed, so that a failure can be replayed).
func seedSource(t *testing.T) func() (uint64, bool) {
	switch {
	case *seedFlag != 0:
		done := false
		return func() (uint64, bool) {
			if done {
				return 0, false
			}
			done = true
			return *seedFlag, true
		}
	case *longFlag:
		seed := uint64(time.Now().UnixNano()) % 1_000_000_000
		t.Logf("long run from seed %d", seed)
		return func() (uint64, bool) { seed++; return seed, true }
	}
	i := 0
	return func() (uint64, bool) {
		if i == len(shortSeeds) {
			return 0, false
		}
		i++
		return shortSeeds[i-1], true
	}
}

// runSeed runs one seed in a working directory of its own.
func runSeed(t *testing.T, tf string, seed uint64, steps int) (Report, error) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if *keepFlag != "" {
		dir = filepath.Join(*keepFlag, "seed-"+strconv.FormatUint(seed, 10))
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	report, err := Run(ctx, Options{Seed: seed, Steps: steps, Terraform: tf, ProviderBinary: self, Dir: dir, KeepLogs: *keepFlag != "", Logf: t.Logf})
	var failure *Failure
	if errors.As(err, &failure) && *keepFlag == "" {
		failure.Detail += "\n(rerun with -soak.dir=<directory> to keep the working directory and the trace logs)"
	}
	return report, err
}

// terraformCLI is the CLI the acceptance tests use: TF_ACC_TERRAFORM_PATH, else terraform on PATH. The
// soak is an acceptance test: it runs with TF_ACC set.
func terraformCLI(t *testing.T) string {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("the soak runs Terraform: set TF_ACC=1 (make testacc, make soak)")
	}
	if tf := os.Getenv("TF_ACC_TERRAFORM_PATH"); tf != "" {
		return tf
	}
	tf, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("no Terraform CLI: set TF_ACC_TERRAFORM_PATH")
	}
	return tf
}

func terraformVersion(tf string) string {
	out, err := exec.Command(tf, "version").Output()
	if err != nil {
		return "?"
	}
	line, _, _ := bytes.Cut(out, []byte("\n"))
	return string(line)
}

// regressions are seeds that once found a defect, each with the steps it took to find it. They run in the
// short run, so that a defect the soak found never comes back unnoticed.
var regressions = []struct {
	seed   uint64
	steps  int
	defect string
}{
	{6, 3, "csum_global_settings removed after an outside change: the reset was refused on Terraform 1.11"},
	{6, 12, "an interrupted create of a space group: state recorded access never granted, or left the group out"},
}

func TestSoakRegressions(t *testing.T) {
	tf := terraformCLI(t)
	for _, r := range regressions {
		t.Run(strconv.FormatUint(r.seed, 10), func(t *testing.T) {
			if _, err := runSeed(t, tf, r.seed, r.steps); err != nil {
				t.Fatalf("%s\n%v", r.defect, err)
			}
		})
	}
}
