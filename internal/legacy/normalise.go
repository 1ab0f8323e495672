package legacy

import (
	"slices"
	"sort"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// normaliseSettings returns s with its ID lists as sorted sets, never nil, so equal files give equal results.
func normaliseSettings(s csumdoc.Settings) csumdoc.Settings {
	s.GroupSettings.GroupBlocklist = sortedSet(s.GroupSettings.GroupBlocklist)
	s.UserSettings.AutoJoinGroupIDs = sortedSet(s.UserSettings.AutoJoinGroupIDs)
	return s
}

// normaliseSchemes orders operations as the app does and schemes by ID, merging schemes for the same ID:
// schemes only grant, so two schemes for one ID grant what their union grants.
func normaliseSchemes(p csumdoc.PermissionSchemes) csumdoc.PermissionSchemes {
	p.Default = orderedOperations(p.Default)
	p.Users = mergeByID(p.Users,
		func(u csumdoc.UserScheme) (string, []string) { return u.AccountID, u.Operations },
		func(id string, ops []string) csumdoc.UserScheme {
			return csumdoc.UserScheme{AccountID: id, Operations: ops}
		})
	p.Groups = mergeByID(p.Groups,
		func(g csumdoc.GroupScheme) (string, []string) { return g.GroupID, g.Operations },
		func(id string, ops []string) csumdoc.GroupScheme {
			return csumdoc.GroupScheme{GroupID: id, Operations: ops}
		})
	return p
}

func mergeByID[S any](schemes []S, split func(S) (string, []string), build func(string, []string) S) []S {
	byID := func(a, b S) int {
		idA, _ := split(a)
		idB, _ := split(b)
		return strings.Compare(idA, idB)
	}
	sorted := schemes // read only below; a legacy file's schemes arrive sorted
	if !slices.IsSortedFunc(schemes, byID) {
		sorted = slices.Clone(schemes)
		slices.SortStableFunc(sorted, byID)
	}
	merged := make([]S, 0, len(sorted))
	for i := 0; i < len(sorted); {
		id, ops := split(sorted[i])
		for i++; i < len(sorted); i++ {
			next, more := split(sorted[i])
			if next != id {
				break
			}
			ops = append(slices.Clip(ops), more...)
		}
		merged = append(merged, build(id, orderedOperations(ops)))
	}
	return merged
}

// orderedOperations deduplicates operations into the app's order; unknown ones (already warned about)
// follow, sorted. Operations already so, as a legacy file's are, come back as they are.
func orderedOperations(ops []string) []string {
	if ops != nil && inAppOrder(ops) {
		return slices.Clip(ops)
	}
	ordered := make([]string, 0, len(ops))
	for _, op := range csumdoc.Operations {
		if slices.Contains(ops, op) {
			ordered = append(ordered, op)
		}
	}
	var unknown []string
	for _, op := range ops {
		if !csumdoc.IsOperation(op) {
			unknown = append(unknown, op)
		}
	}
	return append(ordered, sortedSet(unknown)...)
}

// inAppOrder reports whether ops are known operations, each once, in the app's order.
func inAppOrder(ops []string) bool {
	next := 0
	for _, op := range ops {
		i := slices.Index(csumdoc.Operations[next:], op)
		if i < 0 {
			return false
		}
		next += i + 1
	}
	return true
}

// sortedSet returns a sorted copy of ids without repeats, never nil.
func sortedSet(ids []string) []string {
	set := slices.Clone(ids)
	sort.Strings(set)
	return append([]string{}, slices.Compact(set)...)
}
