// Package acctest runs acceptance tests: the real Terraform CLI drives the provider, served in-process,
// against a sandbox started for each test. Tests change the sandbox out of band through Env.Sandbox.
package acctest

import (
	"fmt"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/csum-tools/terraform-provider-csum/internal/provider"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
)

// ProviderFactories serves the provider in-process to the Terraform CLI, so no registry is needed.
var ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"csum": providerserver.NewProtocol6WithError(provider.New("test")()),
}

// Env is one test's sandbox and the provider configuration that reaches it.
type Env struct {
	Sandbox *sandbox.Server
	Seed    sandbox.Seed
}

// Option changes the sandbox options before it starts.
type Option func(*sandbox.Options)

// WithSeed starts the sandbox from seed instead of the demo seed.
func WithSeed(seed sandbox.Seed) Option { return func(o *sandbox.Options) { o.Seed = seed } }

// Start starts a sandbox with the demo seed for one test and stops it when the test ends. It skips the test
// unless TF_ACC is set, as terraform-plugin-testing does, so that no server is started for nothing.
func Start(t *testing.T, opts ...Option) *Env {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance tests run with TF_ACC=1 (make testacc)")
	}
	o := sandbox.Options{Seed: sandbox.DemoSeed()}
	for _, opt := range opts {
		opt(&o)
	}
	srv, err := sandbox.Start(o)
	if err != nil {
		t.Fatalf("start sandbox: %v", err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return &Env{Sandbox: srv, Seed: o.Seed}
}

// ProviderBlock is the provider configuration for this sandbox, with every credential.
func (e *Env) ProviderBlock() string {
	return fmt.Sprintf(`
provider "csum" {
  site_url    = %q
  email       = %q
  api_token   = %q
  app_url     = %q
  app_api_key = %q
}
`, e.Sandbox.URL(), e.Seed.Credentials.Email, e.Seed.Credentials.APIToken, e.Sandbox.AppURL(), e.Sandbox.AppAPIKey())
}

// Config prepends the provider block to a test configuration.
func (e *Env) Config(hcl string) string { return e.ProviderBlock() + hcl }

// GroupID returns the ID of a seeded group, failing the test when there is none.
func (e *Env) GroupID(t *testing.T, name string) string {
	t.Helper()
	g, ok := e.Sandbox.Store().GroupByName(name)
	if !ok {
		t.Fatalf("the sandbox has no group %q", name)
	}
	return g.ID
}

// AccountID returns the account ID of a seeded user by email, failing the test when there is none.
func (e *Env) AccountID(t *testing.T, email string) string {
	t.Helper()
	for _, u := range e.Seed.Users {
		if u.Email == email {
			return u.AccountID
		}
	}
	t.Fatalf("the sandbox seed has no user %q", email)
	return ""
}
