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
	sorted := slices.Clone(schemes)
	slices.SortStableFunc(sorted, func(a, b S) int {
		idA, _ := split(a)
		idB, _ := split(b)
		return strings.Compare(idA, idB)
	})
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
// follow, sorted.
func orderedOperations(ops []string) []string {
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

// sortedSet returns a sorted copy of ids without repeats, never nil.
func sortedSet(ids []string) []string {
	set := slices.Clone(ids)
	sort.Strings(set)
	return append([]string{}, slices.Compact(set)...)
}
