// Package acctest is the test harness around the sandbox. It starts one sandbox per test, for the acceptance
// tests (the real Terraform CLI drives the provider against it; they skip without TF_ACC) and for the tests
// of the API clients and of the sandbox itself (which always run); it looks seeded objects up, sends raw
// requests, and holds the demo seed's credentials and the fault sets that reads must survive. Tests change
// the sandbox out of band through Env.Sandbox.
package acctest

import (
	"fmt"
	"os"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// Env is one test's sandbox and the seed it started from.
type Env struct {
	Sandbox *sandbox.Server
	Seed    sandbox.Seed
}

// Option changes the sandbox options before it starts.
type Option func(*sandbox.Options)

// WithSeed starts the sandbox from seed instead of the demo seed.
func WithSeed(seed sandbox.Seed) Option { return func(o *sandbox.Options) { o.Seed = seed } }

// WithFaults starts the sandbox with faults injected.
func WithFaults(cfg faults.Config) Option { return func(o *sandbox.Options) { o.Faults = cfg } }

// WithSpaceRoleMode starts the site in a space role mode (confluence.RoleModePreRoles, RoleModeTransition or
// RoleModeRoles) instead of the seed's; the demo seed's is ROLES.
func WithSpaceRoleMode(mode string) Option {
	return func(o *sandbox.Options) { o.SpaceRoleMode = mode }
}

// WithStatePath starts the sandbox from the state file at path when there is one, and saves to it.
func WithStatePath(path string) Option { return func(o *sandbox.Options) { o.StatePath = path } }

// WithJournal has the sandbox journal every write with the facts it changed (Server.Journal).
func WithJournal() Option { return func(o *sandbox.Options) { o.Journal = true } }

// WithStableIDs has the sandbox assign IDs that derive from what they identify, the same in every run.
func WithStableIDs() Option { return func(o *sandbox.Options) { o.StableIDs = true } }

// Start starts a sandbox for one acceptance test, as StartSandbox does. It skips the test unless TF_ACC is
// set, as terraform-plugin-testing does, so that no server is started for nothing.
func Start(t *testing.T, opts ...Option) *Env {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance tests run with TF_ACC=1 (make testacc)")
	}
	return StartSandbox(t, opts...)
}

// StartSandbox starts a sandbox with the demo seed for one test and stops it when the test ends.
func StartSandbox(t testing.TB, opts ...Option) *Env {
	t.Helper()
	o := sandbox.Options{Seed: sandbox.DemoSeed()}
	for _, opt := range opts {
		opt(&o)
	}
	srv, err := sandbox.Start(o)
	if err != nil {
		t.Fatalf("start sandbox: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("stop sandbox: %v", err)
		}
	})
	return &Env{Sandbox: srv, Seed: o.Seed}
}

// ProviderBlock is the provider configuration for this sandbox, with every credential (the organization's
// when the seed has one).
func (e *Env) ProviderBlock() string {
	org := ""
	if e.Sandbox.OrgID() != "" {
		org = fmt.Sprintf("\n  org_id        = %q\n  admin_api_key = %q\n  admin_api_url = %q\n",
			e.Sandbox.OrgID(), e.Sandbox.AdminAPIKey(), e.Sandbox.AdminURL())
	}
	return fmt.Sprintf(`
provider "csum" {
  site_url    = %q
  email       = %q
  api_token   = %q
  app_url     = %q
  app_api_key = %q
%s}
`, e.Sandbox.URL(), e.Seed.Credentials.Email, e.Seed.Credentials.APIToken, e.Sandbox.AppURL(), e.Sandbox.AppAPIKey(), org)
}

// Config prepends the provider block to a test configuration.
func (e *Env) Config(hcl string) string { return e.ProviderBlock() + hcl }

// GroupID returns the ID of a group, failing the test when there is none.
func (e *Env) GroupID(t testing.TB, name string) string {
	t.Helper()
	g, ok := e.Sandbox.Store().GroupByName(name)
	if !ok {
		t.Fatalf("the sandbox has no group %q", name)
	}
	return g.ID
}

// AccountID returns the account ID of the user with that email, failing the test when there is none.
func (e *Env) AccountID(t testing.TB, email string) string {
	t.Helper()
	return e.account(t, email, func(u confluence.User) string { return u.Email })
}

// AccountIDNamed returns the account ID of the user with that display name, failing the test when there is none.
func (e *Env) AccountIDNamed(t testing.TB, displayName string) string {
	t.Helper()
	return e.account(t, displayName, func(u confluence.User) string { return u.DisplayName })
}

func (e *Env) account(t testing.TB, want string, field func(confluence.User) string) string {
	t.Helper()
	for _, u := range e.Sandbox.Store().Users() {
		if field(u) == want {
			return u.AccountID
		}
	}
	t.Fatalf("the sandbox has no user %q", want)
	return ""
}
