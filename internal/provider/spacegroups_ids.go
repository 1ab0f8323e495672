package provider

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// groupIDPattern is the form of a Confluence group ID (a UUID). Import IDs use it to tell a group ID from
// a group name.
var groupIDPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

func looksLikeGroupID(s string) bool { return groupIDPattern.MatchString(s) }

// spaceGroupRef is what an import ID names: a space, a group in it (by name or ID), and for the
// additive member resource an account.
type spaceGroupRef struct {
	SpaceKey  string
	Group     string // a group ID when looksLikeGroupID, else a name
	AccountID string
}

// parseSpaceGroupID parses "SPACEKEY/<group>" or, with account, "SPACEKEY/<group>/<accountId>". The
// space key ends at the first slash and the account ID starts after the last one, so a group name may
// itself contain slashes.
func parseSpaceGroupID(id string, withAccount bool) (spaceGroupRef, error) {
	form := "SPACEKEY/<group name or group ID>"
	if withAccount {
		form += "/<accountId>"
	}
	bad := func(why string) (spaceGroupRef, error) {
		return spaceGroupRef{}, fmt.Errorf("import ID %q must look like %s: %s", id, form, why)
	}
	key, rest, ok := strings.Cut(id, "/")
	if !ok || key == "" || strings.ContainsAny(key, " \t") {
		return bad("it does not start with a space key and a slash")
	}
	ref := spaceGroupRef{SpaceKey: key, Group: rest}
	if withAccount {
		i := strings.LastIndex(rest, "/")
		if i < 0 {
			return bad("the account ID is missing")
		}
		ref.Group, ref.AccountID = rest[:i], rest[i+1:]
		if !csumdoc.ValidAccountID(ref.AccountID) {
			return bad(fmt.Sprintf("%q is not an Atlassian account ID", ref.AccountID))
		}
	}
	if strings.TrimSpace(ref.Group) == "" {
		return bad("the group is missing")
	}
	return ref, nil
}
