package spacegroups

import (
	"fmt"
	"slices"
)

// Diff returns what must be added to current and removed from it to reach desired, each sorted so
// that plans, messages and tests see a stable order.
func Diff(current, desired []string) (add, remove []string) {
	return diffKeys(setOf(current), setOf(desired))
}

// diffKeys returns the keys of want missing from have, and those of have missing from want, each sorted.
func diffKeys[A, B any](have map[string]A, want map[string]B) (add, remove []string) {
	for v := range want {
		if _, ok := have[v]; !ok {
			add = append(add, v)
		}
	}
	for v := range have {
		if _, ok := want[v]; !ok {
			remove = append(remove, v)
		}
	}
	slices.Sort(add)
	slices.Sort(remove)
	return add, remove
}

func setOf(values []string) map[string]bool {
	out := make(map[string]bool, len(values))
	for _, v := range values {
		out[v] = true
	}
	return out
}

// ProtectedAmong lists, one line each, the accounts in ids that protected names, with why they are protected.
func ProtectedAmong(ids []string, protected map[string]string) []string {
	var lines []string
	for _, id := range ids {
		if why, ok := protected[id]; ok {
			lines = append(lines, fmt.Sprintf("%s (%s)", id, why))
		}
	}
	return lines
}
