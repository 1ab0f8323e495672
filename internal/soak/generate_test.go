package soak

import (
	"slices"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

// The same seed draws the same steps, faults and interrupts, so that a failure replays from its seed;
// another seed draws others.
func TestGeneratorReplaysASeed(t *testing.T) {
	a, b := drawSteps(t, 42, 40), drawSteps(t, 42, 40)
	if !slices.Equal(a, b) {
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("seed 42 drew two different step %d:\n%s\n---\n%s", i+1, a[i], b[i])
			}
		}
	}
	if slices.Equal(a, drawSteps(t, 43, 40)) {
		t.Error("seeds 42 and 43 drew the same steps")
	}
}

// Over many steps the generator draws every kind of step, fault and probe the soak is about.
func TestGeneratorCoversEveryKind(t *testing.T) {
	var all strings.Builder
	for seed := uint64(1); seed <= 12; seed++ {
		for _, s := range drawSteps(t, seed, 30) {
			all.WriteString(s)
		}
	}
	text := all.String()
	for _, want := range []string{": apply", ": outside", ": plan", ": destroy", ": probe", "SIGINT at write", "-parallelism=1",
		"latency up to 40ms", "of the protected account rule", "of the last administrator rule", "of the takeover rule",
		"csum_space_group\"", "csum_space_group_membership", "csum_space_group_member\"", "csum_global_settings",
		"csum_permission_schemes", "csum_privileged_user", "outside: add member", "outside: remove member",
		"outside: settings", "outside: privileged user", "outside: delete group"} {
		if !strings.Contains(text, want) {
			t.Errorf("360 steps of 12 seeds never drew %q", want)
		}
	}
}

// Each seed's site is in one of the three space role modes, and the seeds cover all three.
func TestSpaceRoleModeOfSeeds(t *testing.T) {
	modes := map[string]bool{}
	for seed := uint64(1); seed <= 12; seed++ {
		modes[spaceRoleMode(seed)] = true
	}
	for _, m := range []string{confluence.RoleModePreRoles, confluence.RoleModeTransition, confluence.RoleModeRoles} {
		if !modes[m] {
			t.Errorf("no seed of 1 to 12 runs a %s site", m)
		}
	}
}

// A new membership lists every member its group has: the resource refuses to take a group over.
func TestGeneratedMembershipsNeverTakeOver(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		srv, u := testUniverse(t, seed)
		gen := newGenerator(seed, u)
		site := siteFacts(srv.Facts(), names{}, u)
		for range 20 {
			c := gen.mutate(config{}, site)
			for _, m := range c.Memberships {
				for _, id := range activeMembers(site, m.Group, u) {
					if !slices.Contains(m.Members, id) {
						t.Fatalf("seed %d: a new membership of %s leaves out its member %s", seed, m.Group, id)
					}
				}
			}
		}
	}
}
