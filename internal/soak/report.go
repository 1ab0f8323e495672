package soak

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// Report counts what one or more runs did.
type Report struct {
	Seeds      []uint64
	Steps      map[string]int // by kind of step
	Commands   map[string]int // by Terraform subcommand
	Faults     map[string]int // injected faults by kind, interrupts included
	Requests   int            // requests Terraform's commands sent to the sandbox
	Delayed    int            // requests held back by an added latency
	Invariants int            // invariant checks made
	Took       time.Duration
}

func newReport() Report {
	return Report{Steps: map[string]int{}, Commands: map[string]int{}, Faults: map[string]int{}}
}

// The fault kinds a report counts besides the injector's.
const faultInterrupt = "SIGINT"

// faultKinds is the order faults are listed in.
var faultKinds = []string{faults.RateLimited.String(), faults.Unavailable.String(), faults.DroppedBefore.String(),
	faults.DroppedAfter.String(), faultInterrupt}

// InjectedFaults is how many faults were injected, of every kind (added latency aside).
func (r Report) InjectedFaults() int {
	n := 0
	for _, v := range r.Faults {
		n += v
	}
	return n
}

// TerraformCommands is how many Terraform commands ran.
func (r Report) TerraformCommands() int {
	n := 0
	for _, v := range r.Commands {
		n += v
	}
	return n
}

// Add counts another run's report in.
func (r *Report) Add(other Report) {
	r.Seeds = append(r.Seeds, other.Seeds...)
	for _, m := range []struct{ into, from map[string]int }{{r.Steps, other.Steps}, {r.Commands, other.Commands}, {r.Faults, other.Faults}} {
		for k, v := range m.from {
			m.into[k] += v
		}
	}
	r.Requests += other.Requests
	r.Delayed += other.Delayed
	r.Invariants += other.Invariants
	r.Took += other.Took
}

func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "seeds %v: %d steps (%s), %d Terraform commands (%s), %d requests\n", r.Seeds, sum(r.Steps),
		counts(r.Steps, nil), r.TerraformCommands(), counts(r.Commands, nil), r.Requests)
	fmt.Fprintf(&b, "faults injected: %d (%s); %d requests delayed\n", r.InjectedFaults(), counts(r.Faults, faultKinds), r.Delayed)
	fmt.Fprintf(&b, "invariant checks: %d, all held; took %s", r.Invariants, r.Took.Round(time.Second))
	return b.String()
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// counts renders a count map as "k n, k n", in the given order first and then by key.
func counts(m map[string]int, order []string) string {
	keys := slices.Clone(order)
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

// Failure is an invariant that did not hold, with what it takes to replay it.
type Failure struct {
	Seed    uint64
	Steps   int // the run's steps, to replay it
	Step    step
	Problem string
	Detail  string // the output of the command concerned, or more
}

func (f *Failure) Error() string {
	return fmt.Sprintf("soak seed %d, %s\n%s\n%s\nreplay: make soak SEED=%d STEPS=%d\n    or: TF_ACC=1 go test ./internal/soak -run 'TestSoak$' -soak.seed=%d -soak.steps=%d -v",
		f.Seed, f.Step, f.Problem, f.Detail, f.Seed, f.Steps, f.Seed, f.Steps)
}
