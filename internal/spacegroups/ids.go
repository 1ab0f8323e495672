package spacegroups

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// GroupIDPattern is the form of a Confluence group ID (a UUID). Import IDs use it to tell a group ID from
// a group name.
var GroupIDPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// LooksLikeGroupID tells a group ID from a group name.
func LooksLikeGroupID(s string) bool { return GroupIDPattern.MatchString(s) }

// Ref is what an import ID names: a space, a group in it (by name or ID), and for the
// additive member resource an account.
type Ref struct {
	SpaceKey  string
	Group     string // a group ID when LooksLikeGroupID, else a name
	AccountID string
}

// ParseImportID parses "SPACEKEY/<group>" or, with account, "SPACEKEY/<group>/<accountId>". The
// space key ends at the first slash and the account ID starts after the last one, so a group name may
// itself contain slashes.
func ParseImportID(id string, withAccount bool) (Ref, error) {
	form := "SPACEKEY/<group name or group ID>"
	if withAccount {
		form += "/<accountId>"
	}
	bad := func(why string) (Ref, error) {
		return Ref{}, fmt.Errorf("import ID %q must look like %s: %s", id, form, why)
	}
	key, rest, ok := strings.Cut(id, "/")
	if !ok || key == "" || strings.ContainsAny(key, " \t") {
		return bad("it does not start with a space key and a slash")
	}
	ref := Ref{SpaceKey: key, Group: rest}
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

// ResourceID is the ID of a space group resource: SPACEKEY/<groupId>.
func ResourceID(spaceKey, groupID string) string { return spaceKey + "/" + groupID }
