package spacegroups

import (
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// FuzzParseSpaceGroupID checks that import IDs never panic the parser, and that whatever it accepts is
// complete (a space key without blanks, a group, a valid account ID when one is asked for) and joins back
// into the very ID it came from, so that no part of an ID is silently dropped.
func FuzzParseSpaceGroupID(f *testing.F) {
	for _, seed := range []string{"ENG/eng-writers", "ENG/5f2c1e6a-0b7d-4c1e-9a51-2f0e9c3d7a10", "ENG/team/a",
		"OPS/ops-oncall/557058:abc-1", "OPS/a/b/557058:abc", "ENG", "/x", "ENG/", "OPS//557058:abc", "E G/x", "A/\t", ""} {
		f.Add(seed, false)
		f.Add(seed, true)
	}
	f.Fuzz(func(t *testing.T, id string, withAccount bool) {
		ref, err := ParseImportID(id, withAccount)
		if err != nil {
			if ref != (Ref{}) {
				t.Fatalf("an error came with a result: %+v", ref)
			}
			if !strings.Contains(err.Error(), "must look like SPACEKEY/") {
				t.Fatalf("the error does not show the expected form: %v", err)
			}
			return
		}
		if ref.SpaceKey == "" || strings.ContainsAny(ref.SpaceKey, "/ \t") {
			t.Fatalf("space key %q accepted", ref.SpaceKey)
		}
		if strings.TrimSpace(ref.Group) == "" {
			t.Fatalf("blank group accepted from %q", id)
		}
		joined := ref.SpaceKey + "/" + ref.Group
		if withAccount {
			if !csumdoc.ValidAccountID(ref.AccountID) {
				t.Fatalf("account ID %q accepted", ref.AccountID)
			}
			joined += "/" + ref.AccountID
		} else if ref.AccountID != "" {
			t.Fatalf("an account ID %q without asking for one", ref.AccountID)
		}
		if joined != id {
			t.Fatalf("%q parsed into %+v, which joins back into %q", id, ref, joined)
		}
	})
}
