package soak

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
)

// testUniverse starts a sandbox as Run does, for a seed's space role mode, and reads its universe.
func testUniverse(t *testing.T, seed uint64) (*sandbox.Server, *universe) {
	t.Helper()
	env := acctest.StartSandbox(t, acctest.WithSeed(soakSeed()), acctest.WithSpaceRoleMode(spaceRoleMode(seed)),
		acctest.WithStableIDs(), acctest.WithJournal())
	u, err := newUniverse(env.Sandbox)
	if err != nil {
		t.Fatal(err)
	}
	return env.Sandbox, u
}

// drawSteps draws a run's steps without Terraform, moving the model as a run moves it when every command
// does what it is asked, and returns each step with its configuration as text.
func drawSteps(t *testing.T, seed uint64, steps int) []string {
	t.Helper()
	srv, u := testUniverse(t, seed)
	gen := newGenerator(seed, u)
	site, cur := siteFacts(srv.Facts(), names{}, u), config{}
	var out []string
	for n := 1; n <= steps; n++ {
		st := gen.next(n, cur, site)
		cfg, err := json.Marshal(st.Config.render(map[string]any{}, u))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s\n%s", st, cfg))
		switch st.Kind {
		case stepApply, stepDestroy:
			if st.Kind == stepDestroy {
				st.Config = config{}
			}
			site, _ = expected(site, cur, st.Config, u)
			cur = st.Config
		case stepOutside:
			for _, o := range st.Outside {
				o.applyTo(site)
			}
		case stepProbe:
			for _, o := range append(st.Probe.Trap, st.Probe.Restore...) {
				o.applyTo(site)
			}
		}
	}
	return out
}
