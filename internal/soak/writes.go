package soak

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
)

// writeCheck holds what checking one command's journaled writes needs.
type writeCheck struct {
	u     *universe
	names names
	// want is the site the command is to reach (expected); every change must move a fact to its value there.
	want facts
	// replaced are groups whose resource state marks tainted: Terraform deletes and makes them again,
	// which the configuration asks for although the group stays.
	replaced map[string]bool
	// loose are facts that may keep their value or take want's (see expected).
	loose map[string]bool
}

// check runs the invariants that hold at every write, from the site as the command found it (start):
//
//   - no change is made that neither the configuration nor a destroy asked for: every fact a write changes
//     takes its value in want, apart from the facts of a group deleted by the same write, whose deletion
//     must itself be asked for;
//   - protected accounts (the provider's caller and the app's privileged user at that moment) are never
//     removed from a group, except with a group deleted whole;
//   - no space that had an administrator loses its last one.
//
// It returns one line per breach and the number of checks made.
func (c writeCheck) check(writes []sandbox.Write, start facts) (problems []string, checks int) {
	site := start.clone()
	admins := map[string]int{}
	for _, space := range c.u.spaces {
		admins[space] = administrators(site, space, c.u)
	}
	for _, w := range writes {
		for _, ch := range w.Changes {
			for _, v := range []string{ch.Before, ch.After} {
				if id, ok := strings.CutPrefix(ch.Key, "group "); ok && v != "" {
					c.names[id] = v
				}
			}
		}
		deleted := map[string]bool{}
		type change struct{ key, before, after string }
		var changes []change
		for _, ch := range w.Changes {
			key, after := c.names.translate(ch.Key, ch.After, c.u)
			_, before := c.names.translate(ch.Key, ch.Before, c.u)
			changes = append(changes, change{key, before, after})
			if g, ok := strings.CutPrefix(key, "group "); ok && after == "" {
				deleted[g] = true
			}
		}
		what := fmt.Sprintf("write %d (%s %s, answered %d)", w.Seq, w.Method, w.Path, w.Status)
		for g := range deleted {
			checks++
			if c.want["group "+g] != "" && !c.replaced[g] {
				problems = append(problems, fmt.Sprintf("%s deleted group %s, which the configuration keeps", what, g))
			}
		}
		for _, ch := range changes {
			checks += 2
			// Changes about a group deleted by the same write, or about a group being replaced (its role goes
			// before the group), are the deletion's.
			cascade := slices.ContainsFunc(slices.Collect(maps.Keys(deleted)), func(g string) bool { return aboutGroup(ch.key, g) }) ||
				slices.ContainsFunc(slices.Collect(maps.Keys(c.replaced)), func(g string) bool { return aboutGroup(ch.key, g) })
			if !cascade && ch.after != c.want[ch.key] && (!c.loose[ch.key] || ch.after != "") {
				problems = append(problems, fmt.Sprintf("%s changed %s from %s to %s, which neither the configuration nor a destroy asked for (it asks for %s)",
					what, ch.key, quoteOrAbsent(ch.before), quoteOrAbsent(ch.after), quoteOrAbsent(c.want[ch.key])))
			}
			if account, ok := removedMember(ch.key, ch.before, ch.after); ok && !cascade && (account == c.u.caller || account == site.privileged()) {
				problems = append(problems, fmt.Sprintf("%s removed protected account %s (%s)", what, account, ch.key))
			}
		}
		for _, ch := range changes {
			if ch.after == "" {
				delete(site, ch.key)
			} else {
				site[ch.key] = ch.after
			}
		}
		for _, space := range c.u.spaces {
			checks++
			if n := administrators(site, space, c.u); n == 0 && admins[space] > 0 {
				problems = append(problems, fmt.Sprintf("%s left space %s without an administrator", what, space))
			}
		}
	}
	return problems, checks
}

// removedMember tells whether a change takes an account out of a group, and which.
func removedMember(key, before, after string) (string, bool) {
	fields := strings.Fields(key)
	if len(fields) == 3 && fields[0] == "member" && before != "" && after == "" {
		return fields[2], true
	}
	return "", false
}

// administrators counts the principals that can administer a space in the site's mode: holders of
// administer/space where individual permissions count, holders of a role that includes it where roles do.
func administrators(f facts, space string, u *universe) int {
	n := 0
	for k, v := range f {
		fields := strings.Fields(k)
		switch {
		case u.hasPermissions() && len(fields) == 4 && fields[0] == "permission" && fields[1] == space && fields[3] == adminPermission:
			n++
		case u.hasRoles() && len(fields) == 3 && fields[0] == "role" && fields[1] == space && u.adminRoles[v]:
			n++
		}
	}
	return n
}
