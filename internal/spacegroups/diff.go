package spacegroups

import (
	"fmt"
	"slices"
)

// Diff returns what must be added to current and removed from it to reach desired, each sorted so
// that plans, messages and tests see a stable order.
func Diff(current, desired []string) (add, remove []string) {
	have := setOf(current)
	want := setOf(desired)
	for v := range want {
		if !have[v] {
			add = append(add, v)
		}
	}
	for v := range have {
		if !want[v] {
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
