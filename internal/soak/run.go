package soak

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// Options configure one run.
type Options struct {
	Seed  uint64
	Steps int // steps drawn from the seed; a destroy follows them
	// Terraform is the CLI; ProviderBinary an executable that serves the provider when Terraform starts it
	// (the test binary, see ServeProviderIfAsked).
	Terraform, ProviderBinary string
	Dir                       string // an empty scratch directory
	KeepLogs                  bool   // keep every command's trace log, not only those of the step that failed
	Logf                      func(format string, args ...any)
}

// runner is one run: a sandbox, a working directory, the model of the site and of the applied
// configuration, and the counts.
type runner struct {
	o      Options
	srv    *sandbox.Server
	u      *universe
	ws     *workspace
	gen    *generator
	admin  admin
	names  names
	cfg    config // the configuration the state and the site agree on
	site   facts  // the site, as the model expects it
	secret []string
	report Report

	logs []string // trace logs of the step under way, removed once it passed

	mu          sync.Mutex // guards what the fault watcher touches
	counting    bool
	current     *running
	interruptAt int
	writes      int
}

// Run runs one seed's steps and a final destroy, checking the invariants after each. It returns what it
// counted, and a *Failure when an invariant did not hold.
func Run(ctx context.Context, o Options) (Report, error) {
	started := time.Now()
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	seed := soakSeed()
	srv, err := sandbox.Start(sandbox.Options{Seed: seed, SpaceRoleMode: spaceRoleMode(o.Seed), Journal: true, StableIDs: true})
	if err != nil {
		return Report{}, err
	}
	defer srv.Close()
	u, err := newUniverse(srv)
	if err != nil {
		return Report{}, err
	}
	// The secrets travel in the environment, as CI systems pass them.
	credentials := []string{"CSUM_API_TOKEN=" + srv.Credentials().APIToken, "CSUM_APP_API_KEY=" + srv.AppAPIKey(),
		"CSUM_ORG_ID=" + srv.OrgID(), "CSUM_ADMIN_API_KEY=" + srv.AdminAPIKey(), "CSUM_ADMIN_API_URL=" + srv.AdminURL()}
	ws, err := newWorkspace(o.Terraform, o.ProviderBinary, o.Dir, credentials)
	if err != nil {
		return Report{}, err
	}
	r := &runner{o: o, srv: srv, u: u, ws: ws, gen: newGenerator(o.Seed, u), admin: admin{srv, u},
		names: names{}, secret: secretsOf(seed, srv), report: newReport()}
	r.report.Seeds = []uint64{o.Seed}
	srv.Faults().Watch(r.watch)
	r.site = siteFacts(srv.Facts(), r.names, u)
	o.Logf("%s site, %d steps, in %s", u.mode, o.Steps, o.Dir)
	if err := r.writeConfig(config{}); err != nil {
		return r.report, err
	}
	for n := 1; n <= o.Steps+1; n++ {
		var st step
		if n <= o.Steps {
			st = r.gen.next(n, r.cfg, r.site)
		} else {
			st = r.gen.finalDestroy(n)
		}
		o.Logf("%s", st)
		r.report.Steps[st.Kind]++
		err := r.do(ctx, st)
		if err == nil {
			err = r.stepPassed()
		}
		if err != nil {
			r.report.Took = time.Since(started)
			var failure *Failure
			if errors.As(err, &failure) {
				failure.Seed, failure.Steps, failure.Step = o.Seed, min(n, o.Steps), st
			}
			return r.report, err
		}
	}
	r.report.Took = time.Since(started)
	return r.report, nil
}

// secretsOf lists every credential of the run: none may appear in a log, a state, a plan or an output.
func secretsOf(seed sandbox.Seed, srv *sandbox.Server) []string {
	out := []string{srv.Credentials().APIToken, srv.AppAPIKey(), srv.AdminAPIKey()}
	for _, u := range seed.Users {
		out = append(out, u.APIToken, u.ScopedAPIToken, u.AccessToken)
	}
	if c := seed.App.LegacyCredentials; c != nil {
		out = append(out, c.APIToken)
	}
	if seed.Org != nil {
		for _, k := range seed.Org.APIKeys {
			out = append(out, k.Key)
		}
	}
	return slices.DeleteFunc(out, func(s string) bool { return len(s) < 8 })
}

// fail is a Failure of the step under way; Run fills in the seed and the step.
func fail(problem string, detail ...string) error {
	return &Failure{Problem: problem, Detail: strings.Join(detail, "\n")}
}

func (r *runner) do(ctx context.Context, st step) error {
	switch st.Kind {
	case stepApply, stepDestroy:
		return r.applyStep(ctx, st)
	case stepOutside:
		return r.outsideStep(ctx, st)
	case stepPlan:
		return r.planStep(ctx, st)
	case stepProbe:
		return r.probeStep(ctx, st)
	}
	return fmt.Errorf("unknown step kind %q", st.Kind)
}

// provider is the provider block: URLs and the email; the secrets come from the environment. The caller is
// protected, as the account that runs Terraform is meant to be.
func (r *runner) provider() map[string]any {
	return map[string]any{"site_url": r.srv.URL(), "email": r.srv.Credentials().Email, "app_url": r.srv.AppURL(),
		"protected_account_ids": []string{r.u.caller}}
}

func (r *runner) writeConfig(c config) error { return r.ws.writeConfig(c.render(r.provider(), r.u)) }

// interruptHold is how long the answer to the write that triggers an interrupt is held back: far longer
// than Terraform takes to stop the provider, so that the interrupt lands, every time, while the answer to a
// write the server carried out is on its way.
const interruptHold = 300 * time.Millisecond

// watch counts the faults injected into Terraform's requests and sends SIGINT as the chosen write arrives.
func (r *runner) watch(e faults.Event) time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.counting {
		return 0
	}
	r.report.Requests++
	if e.Fault != faults.None {
		r.report.Faults[e.Fault.String()]++
	}
	if e.Latency > 0 {
		r.report.Delayed++
	}
	if !e.Write || (e.Fault != faults.None && e.Fault != faults.DroppedAfter) {
		return 0
	}
	r.writes++
	if r.interruptAt == 0 || r.writes != r.interruptAt || r.current == nil {
		return 0
	}
	r.current.interrupt()
	r.report.Faults[faultInterrupt]++
	return interruptHold
}

// command runs one Terraform command with the given faults and interrupt, and checks that no secret
// appears in its output, its log or the state. It returns the journal position from before it.
func (r *runner) command(ctx context.Context, f *faults.Random, interruptAt int, args ...string) (result, int, error) {
	_, pos := r.srv.Journal(0)
	r.mu.Lock()
	r.counting, r.current, r.interruptAt, r.writes = true, nil, interruptAt, 0
	faultsBefore := r.report.InjectedFaults()
	r.mu.Unlock()
	r.srv.Faults().Set(faults.Config{Random: f})
	cmd, err := r.ws.start(args...)
	if err != nil {
		return result{}, pos, err
	}
	r.mu.Lock()
	r.current = cmd
	r.mu.Unlock()
	res := cmd.wait(ctx)
	r.srv.Faults().Set(faults.Config{})
	r.mu.Lock()
	r.counting, r.current = false, nil
	injected := r.report.InjectedFaults() - faultsBefore
	r.mu.Unlock()
	if res.Interrupted {
		r.settle()
	}
	r.report.Commands[args[0]]++
	if f != nil || interruptAt > 0 {
		r.o.Logf("  %s: %d faults%s", res, injected, map[bool]string{true: ", interrupted"}[res.Interrupted])
	}
	return res, pos, r.checkSecrets(res)
}

// settle waits for writes still in flight when an interrupted Terraform exited to land, so that the
// journal holds all of a command's writes before the next command starts.
func (r *runner) settle() {
	_, last := r.srv.Journal(0)
	quiet := time.Now()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if _, n := r.srv.Journal(0); n != last {
			last, quiet = n, time.Now()
		}
		if time.Since(quiet) > 300*time.Millisecond {
			return
		}
	}
}

// checkSecrets is the invariant "no secret appears in any log, state or output of the run".
func (r *runner) checkSecrets(res result) error {
	files := []string{res.Log, r.ws.path("terraform.tfstate"), r.ws.path("terraform.tfstate.backup"), r.ws.path("main.tf.json")}
	texts := map[string]string{"the output of " + res.String(): res.Output}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		texts[path] = string(data)
	}
	for where, text := range texts {
		r.report.Invariants++
		for _, s := range r.secret {
			if strings.Contains(text, s) {
				return fail(fmt.Sprintf("a secret (%.4s...) appears in %s", s, where))
			}
		}
	}
	r.logs = append(r.logs, res.Log)
	return nil
}

// stepPassed removes the trace logs of a step that passed: each takes a megabyte or so. Those of a step
// that failed stay, with the working directory, to be read.
func (r *runner) stepPassed() error {
	logs := r.logs
	r.logs = nil
	if r.o.KeepLogs {
		return nil
	}
	for _, log := range logs {
		if err := os.Remove(log); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// now is the site as the sandbox holds it, in the model's terms.
func (r *runner) now() facts { return siteFacts(r.srv.Facts(), r.names, r.u) }

// checkWrites checks the writes journaled since pos against the site the command is to reach.
func (r *runner) checkWrites(pos int, start, want facts, loose, replaced map[string]bool, res result) error {
	writes, _ := r.srv.Journal(pos)
	problems, checks := writeCheck{u: r.u, names: r.names, want: want, loose: loose, replaced: replaced}.check(writes, start)
	r.report.Invariants += checks
	if len(problems) > 0 {
		return fail(strings.Join(problems, "\n"), res.String(), res.Output)
	}
	return nil
}

// replacedGroups are the groups of space group resources that state marks tainted.
func replacedGroups(claims map[string]claim) map[string]bool {
	out := map[string]bool{}
	for _, c := range claims {
		if c.Tainted && c.Type == "csum_space_group" {
			out[c.Group] = true
		}
	}
	return out
}

func (r *runner) applyArgs(st step) []string {
	args := []string{"apply", "-auto-approve", "-input=false", "-no-color"}
	if st.Kind == stepDestroy {
		args[0] = "destroy"
	}
	if st.Parallelism > 0 {
		args = append(args, "-parallelism="+strconv.Itoa(st.Parallelism))
	}
	return args
}

// applyStep applies a configuration (or destroys), with the step's faults and interrupt; when that did not
// go through cleanly it checks what state records, then converges with a clean command. Either way the
// site must end as the configuration asks, and a plan must find nothing to do.
func (r *runner) applyStep(ctx context.Context, st step) error {
	next := st.Config
	if st.Kind == stepDestroy {
		next = config{}
	} else if err := r.writeConfig(next); err != nil {
		return err
	}
	want, loose := expected(r.site, r.cfg, next, r.u)
	before, err := readClaims(r.ws.path("terraform.tfstate"), r.u)
	if err != nil {
		return err
	}
	args := r.applyArgs(st)
	res, pos, err := r.command(ctx, st.Faults, st.Interrupt, args...)
	if err != nil {
		return err
	}
	if err := r.checkWrites(pos, r.site, want, loose, replacedGroups(before), res); err != nil {
		return err
	}
	after, err := readClaims(r.ws.path("terraform.tfstate"), r.u)
	if err != nil {
		return err
	}
	r.report.Invariants++
	if problems := checkClaims(before, after, r.site, r.now()); len(problems) > 0 {
		return fail("state records changes that did not happen:\n"+strings.Join(problems, "\n"), res.String(), res.Output)
	}
	clean := st.Faults == nil && st.Interrupt == 0
	if res.ExitCode != 0 {
		if clean {
			return fail("a "+args[0]+" without faults failed", res.String(), res.Output)
		}
	}
	if res.ExitCode != 0 || res.Interrupted {
		res, pos, err = r.command(ctx, nil, 0, r.applyArgs(step{Kind: st.Kind})...)
		if err != nil {
			return err
		}
		if res.ExitCode != 0 {
			return fail("the "+args[0]+" without faults that follows a failed one did not converge", res.String(), res.Output)
		}
		if err := r.checkWrites(pos, r.site, want, loose, replacedGroups(after), res); err != nil {
			return err
		}
	}
	if st.Kind == stepDestroy {
		if err := r.writeConfig(next); err != nil {
			return err
		}
	}
	now := r.now()
	for k := range loose {
		switch now[k] {
		case "":
			delete(want, k)
		case r.site[k]:
			want[k] = now[k]
		}
	}
	r.report.Invariants++
	if diff := want.diff(now); len(diff) > 0 {
		return fail("the site is not what the configuration asks for (expected -> actual):\n"+strings.Join(diff, "\n"), res.String(), res.Output)
	}
	r.cfg, r.site = next, want
	return r.expectPlan(ctx, "after the "+args[0])
}

// outsideStep makes changes outside Terraform; a plan must then propose exactly what undoes the ones the
// configuration manages, and nothing for the others.
func (r *runner) outsideStep(ctx context.Context, st step) error {
	site := r.site.clone()
	if err := r.makeOutside(st.Outside, site, "an outside change"); err != nil {
		return err
	}
	r.report.Invariants++
	if diff := site.diff(r.now()); len(diff) > 0 {
		return fail("the outside changes did not change the site as modelled (expected -> actual):\n" + strings.Join(diff, "\n"))
	}
	r.site = site
	return r.expectPlan(ctx, "after changes outside Terraform")
}

// makeOutside makes changes outside Terraform, and in the model of the site.
func (r *runner) makeOutside(changes []outsideChange, site facts, what string) error {
	for _, o := range changes {
		if err := r.admin.make(o); err != nil {
			return fail("the sandbox refused " + what + ": " + err.Error())
		}
		o.applyTo(site)
	}
	return nil
}

// planStep plans under read faults: the plan must write nothing, and propose what a clean plan would.
func (r *runner) planStep(ctx context.Context, st step) error {
	res, pos, err := r.command(ctx, st.Faults, 0, "plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=soak.tfplan")
	if err != nil {
		return err
	}
	r.report.Invariants++
	if writes, _ := r.srv.Journal(pos); len(writes) > 0 {
		return fail(fmt.Sprintf("a plan wrote: %s %s changed %v", writes[0].Method, writes[0].Path, writes[0].Changes), res.String(), res.Output)
	}
	if res.ExitCode != 0 && res.ExitCode != 2 {
		return fail("a plan under read faults failed: every read is faulted at most twice, and is retried more often", res.String(), res.Output)
	}
	return r.checkPlanFile(ctx, "under read faults", res)
}

// expectPlan plans without faults and checks the plan against the model.
func (r *runner) expectPlan(ctx context.Context, when string) error {
	res, pos, err := r.command(ctx, nil, 0, "plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=soak.tfplan")
	if err != nil {
		return err
	}
	if writes, _ := r.srv.Journal(pos); len(writes) > 0 {
		return fail(fmt.Sprintf("a plan %s wrote: %s %s changed %v", when, writes[0].Method, writes[0].Path, writes[0].Changes), res.String(), res.Output)
	}
	if res.ExitCode != 0 && res.ExitCode != 2 {
		return fail("a plan "+when+" failed", res.String(), res.Output)
	}
	return r.checkPlanFile(ctx, when, res)
}

// planChange is one resource change of `terraform show -json`.
type planChange struct {
	Address string `json:"address"`
	Change  struct {
		Actions []string       `json:"actions"`
		Before  map[string]any `json:"before"`
	} `json:"change"`
}

// checkPlanFile reads the plan just made and compares it with what the model expects: exactly the
// resources whose objects differ from the configuration, each with the right action, and for updates of
// members and access the values the site holds.
func (r *runner) checkPlanFile(ctx context.Context, when string, planned result) error {
	res, _, err := r.command(ctx, nil, 0, "show", "-json", "soak.tfplan")
	if err != nil {
		return err
	}
	if res.ExitCode != 0 {
		return fail("terraform show failed", res.String(), res.Output)
	}
	var plan struct {
		ResourceChanges []planChange `json:"resource_changes"`
	}
	if err := json.Unmarshal([]byte(res.Stdout), &plan); err != nil {
		return fmt.Errorf("reading the JSON plan: %w", err)
	}
	got := map[string]string{}
	for _, rc := range plan.ResourceChanges {
		if a := action(rc.Change.Actions); a != "" {
			got[rc.Address] = a
		}
	}
	want := expectedPlan(r.site, r.cfg, r.u)
	r.report.Invariants++
	if !maps.Equal(got, want) {
		return fail(fmt.Sprintf("the plan %s proposes %v; the model expects exactly %v", when, got, want), planned.String(), planned.Output)
	}
	for _, rc := range plan.ResourceChanges {
		r.report.Invariants++
		if problem := r.checkBefore(rc); problem != "" {
			return fail(fmt.Sprintf("the plan %s: %s", when, problem), planned.String(), planned.Output)
		}
	}
	return nil
}

// checkBefore compares the refreshed values a plan shows for a membership or a space group with the site.
func (r *runner) checkBefore(rc planChange) string {
	b := rc.Change.Before
	if b == nil || action(rc.Change.Actions) != actionUpdate {
		return ""
	}
	switch typ, name, _ := strings.Cut(rc.Address, "."); typ {
	case "csum_space_group_membership":
		m, _ := r.cfg.membershipOf(name)
		members, _ := b["members"].(map[string]any)
		got := slices.Sorted(maps.Keys(members))
		if want := activeMembers(r.site, m.Group, r.u); !slices.Equal(got, want) {
			return fmt.Sprintf("%s was read with members %v; the group has %v", rc.Address, got, want)
		}
	case "csum_space_group":
		g, _ := r.cfg.spaceGroupNamed(name)
		perms, role := r.site.access(g.Space, g.group())
		var got []string
		read, _ := b["permissions"].([]any)
		for _, p := range read {
			got = append(got, fmt.Sprint(p))
		}
		slices.Sort(got)
		gotRole, _ := b["role_id"].(string)
		if (r.u.hasPermissions() && !slices.Equal(got, perms)) || gotRole != r.u.roles[role] {
			return fmt.Sprintf("%s was read with permissions %v and role %q; the site holds %v and %q", rc.Address, got, gotRole, perms, r.u.roles[role])
		}
	}
	return ""
}

// action names the actions of one planned change, "" for none.
func action(actions []string) string {
	switch strings.Join(actions, ",") {
	case "create":
		return actionCreate
	case "update":
		return actionUpdate
	case "delete":
		return actionDelete
	case "delete,create", "create,delete":
		return actionReplace
	}
	return ""
}
