package spacegroups

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// ReadSpace is the permission every other space permission depends on: Confluence refuses any grant to a
// subject without it, and removing it removes all of the subject's permissions in the space.
const ReadSpace = "read/space"

// ValidPermissions are the operation/target pairs Confluence accepts in a v1 space permission write.
var ValidPermissions = []string{
	"read/space", "delete/space", "export/space", "administer/space", "restrict_content/space",
	"create/page", "create/blogpost", "create/comment", "create/attachment",
	"delete/page", "delete/blogpost", "delete/comment", "delete/attachment",
	"archive/page",
}

// splitPermission splits "create/page" into its operation and target.
func splitPermission(p string) (operation, target string) {
	operation, target, _ = strings.Cut(p, "/")
	return operation, target
}

// PermissionProblems returns what is wrong with a permission set, independent of any server: unknown
// pairs, and other permissions without read/space.
func PermissionProblems(perms []string) []string {
	var problems []string
	for _, p := range perms {
		if !slices.Contains(ValidPermissions, p) {
			problems = append(problems, "\""+p+"\" is not a space permission Confluence grants; use one of: "+strings.Join(ValidPermissions, ", "))
		}
	}
	if len(perms) > 0 && !slices.Contains(perms, ReadSpace) {
		problems = append(problems, "every other space permission needs \"read/space\" (Confluence refuses them without it): add \"read/space\"")
	}
	return problems
}

// orderGrants puts read/space first, because Confluence refuses any other grant before it.
func orderGrants(add []string) []string {
	out := slices.Clone(add)
	slices.SortStableFunc(out, func(a, b string) int { return boolRank(b == ReadSpace) - boolRank(a == ReadSpace) })
	return out
}

// orderRevokes removes read/space last; and when read/space goes, only it is removed, because Confluence
// then removes every other permission of the group in the space by itself.
func orderRevokes(remove []string) []string {
	if slices.Contains(remove, ReadSpace) {
		return []string{ReadSpace}
	}
	return slices.Clone(remove)
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// GroupPermissions returns the group's permissions in a space as "operation/target" pairs with their IDs.
func GroupPermissions(ctx context.Context, c PermissionReader, spaceID, groupID string) (map[string]int64, error) {
	perms, err := c.SpacePermissions(ctx, spaceID)
	if err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, p := range perms {
		if p.SubjectType == confluence.SubjectGroup && p.SubjectID == groupID {
			out[p.Operation+"/"+p.Target] = p.ID
		}
	}
	return out, nil
}

// changePermissions moves the group's individual permissions from current (pair -> permission ID) to
// desired and returns one line per change that failed. A grant whose answer was lost counts by what a read
// shows; a grant of read/space that failed stops the others, which Confluence would refuse without it.
func changePermissions(ctx context.Context, c Permissions, space confluence.Space, groupID string,
	current map[string]int64, desired []string) (failed []string) {
	add, remove := Diff(slices.Collect(maps.Keys(current)), desired)
	for _, p := range orderRevokes(remove) {
		if err := c.RemoveSpacePermission(ctx, space.Key, current[p]); err != nil && !httpx.IsNotFound(err) {
			failed = append(failed, "remove "+p+": "+err.Error())
		}
	}
	for _, p := range orderGrants(add) {
		op, target := splitPermission(p)
		_, err := c.AddSpacePermission(ctx, space.Key, confluence.SubjectGroup, groupID, op, target)
		if err == nil || grantedAfterAll(ctx, c, space.ID, groupID, p, err) {
			continue
		}
		failed = append(failed, "grant "+p+": "+err.Error())
		if p == ReadSpace {
			break // Confluence refuses every other grant without it
		}
	}
	return failed
}

// grantedAfterAll decides a grant whose answer was lost by reading whether the group now holds it.
func grantedAfterAll(ctx context.Context, c PermissionReader, spaceID, groupID, pair string, err error) bool {
	var unknown *httpx.OutcomeUnknownError
	if !errors.As(err, &unknown) {
		return false
	}
	readCtx, cancel := Settling(ctx)
	defer cancel()
	held, readErr := GroupPermissions(readCtx, c, spaceID, groupID)
	_, ok := held[pair]
	return readErr == nil && ok
}

// joinQuoted renders values for a message: "a", "b" and "c".
func joinQuoted(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = strconv.Quote(v)
	}
	return strings.Join(quoted, ", ")
}
