// Package sandboxtest starts the sandbox in-process for unit tests of the API clients, which cannot live in
// package sandbox itself, and looks up seeded objects for them.
package sandboxtest

import (
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// Start starts a sandbox (the demo seed unless opts names another) and stops it when the test ends.
func Start(t testing.TB, opts sandbox.Options) *sandbox.Server {
	t.Helper()
	srv, err := sandbox.Start(opts)
	if err != nil {
		t.Fatalf("start sandbox: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("stop sandbox: %v", err)
		}
	})
	return srv
}

// GroupID is the ID of a group, failing the test when there is none.
func GroupID(t testing.TB, srv *sandbox.Server, name string) string {
	t.Helper()
	g, ok := srv.Store().GroupByName(name)
	if !ok {
		t.Fatalf("the sandbox has no group %q", name)
	}
	return g.ID
}

// AccountID is the account ID of the user with that email, failing the test when there is none.
func AccountID(t testing.TB, srv *sandbox.Server, email string) string {
	t.Helper()
	for _, u := range srv.Store().Users() {
		if u.Email == email {
			return u.AccountID
		}
	}
	t.Fatalf("the sandbox has no user %q", email)
	return ""
}

// ViewerEmail and ViewerToken log in the demo seed's licensed user who is neither site nor space admin.
const (
	ViewerEmail = "viewer@example.com"
	ViewerToken = "sandbox-viewer-token"
)

// ReadFault is one kind of fault a safe request must survive by retrying, with the suffix its requests are
// counted under.
type ReadFault struct {
	Name        string
	Config      faults.Config
	CountSuffix string
}

// ReadFaults hits every second request with each kind of fault the clients retry reads on.
func ReadFaults() []ReadFault {
	return []ReadFault{
		{"429 with Retry-After", faults.Config{RateLimitEvery: 2}, faults.SuffixRateLimited},
		{"503 with Retry-After", faults.Config{UnavailableEvery: 2}, faults.SuffixUnavailable},
		{"dropped connection", faults.Config{DropEvery: 2}, faults.SuffixDropped},
	}
}
