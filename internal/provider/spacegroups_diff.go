package provider

import (
	"fmt"
	"slices"
	"strings"
)

// diffSets returns what must be added to current and removed from it to reach desired, each sorted so
// that plans, messages and tests see a stable order.
func diffSets(current, desired []string) (add, remove []string) {
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

// protectedAmong lists, one line each, the accounts in ids that protected names, with why they are protected.
func protectedAmong(ids []string, protected map[string]string) []string {
	var lines []string
	for _, id := range ids {
		if why, ok := protected[id]; ok {
			lines = append(lines, fmt.Sprintf("%s (%s)", id, why))
		}
	}
	return lines
}

// bulletList renders lines for a diagnostic, cutting long lists so that a 10,000-member change stays readable.
func bulletList(lines []string) string {
	const shown = 50
	var b strings.Builder
	for i, l := range lines {
		if i == shown {
			fmt.Fprintf(&b, "\n- ... and %d more", len(lines)-shown)
			break
		}
		b.WriteString("\n- ")
		b.WriteString(l)
	}
	return b.String()
}
