package soak

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/app"
)

// facts are the site as the soak's model holds it: the sandbox's facts (sandbox.Server.Facts) with group
// IDs replaced by group names and role IDs by role names, so that a group made again under the same name
// is the same group to the model, as it is to a configuration, and the lists of the app's documents in a
// canonical order. "" stands for a fact that does not hold.
type facts map[string]string

// names remembers the name of every group the run has seen, by ID, so that the facts of a group that is
// gone (in a journal's before values) still translate.
type names map[string]string

// learn records the groups of raw sandbox facts.
func (n names) learn(raw map[string]string) {
	for k, v := range raw {
		if id, ok := strings.CutPrefix(k, "group "); ok && v != "" {
			n[id] = v
		}
	}
}

// translate turns one sandbox fact into the model's.
func (n names) translate(key, value string, u *universe) (string, string) {
	fields := strings.Fields(key)
	switch {
	case len(fields) == 2 && fields[0] == "group":
		return "group " + n.of(fields[1]), orAbsent(value, "group")
	case len(fields) == 3 && fields[0] == "member":
		return "member " + n.of(fields[1]) + " " + fields[2], value
	case len(fields) == 4 && fields[0] == "permission":
		return "permission " + fields[1] + " " + n.subject(fields[2], "group:") + " " + fields[3], value
	case len(fields) == 3 && fields[0] == "role":
		return "role " + fields[1] + " " + n.subject(fields[2], "GROUP:"), u.roleName(value)
	case strings.HasPrefix(key, "app "):
		return key, canonicalJSON(value)
	}
	return key, value
}

// of is the name of a group ID, or the ID itself for a group never seen.
func (n names) of(id string) string {
	if name, ok := n[id]; ok {
		return name
	}
	return id
}

// subject replaces the group ID of a "group:<id>" subject by the group's name.
func (n names) subject(s, groupPrefix string) string {
	if id, ok := strings.CutPrefix(s, groupPrefix); ok {
		return groupPrefix + n.of(id)
	}
	return s
}

func orAbsent(value, present string) string {
	if value == "" {
		return ""
	}
	return present
}

func (u *universe) roleName(id string) string {
	if name, ok := u.roleNames[id]; ok {
		return name
	}
	return id
}

// siteFacts translates a whole set of sandbox facts.
func siteFacts(raw map[string]string, n names, u *universe) facts {
	n.learn(raw)
	out := facts{}
	for k, v := range raw {
		if key, value := n.translate(k, v, u); value != "" {
			out[key] = value
		}
	}
	return out
}

// canonicalJSON sorts the elements of every JSON list, so that documents that hold the same sets compare
// equal whatever order a client sent them in.
func canonicalJSON(value string) string {
	var v any
	if json.Unmarshal([]byte(value), &v) != nil {
		return value
	}
	b, _ := json.Marshal(sortLists(v)) // decoded JSON always encodes
	return string(b)
}

func sortLists(v any) any {
	switch t := v.(type) {
	case []any:
		texts := make([]string, len(t))
		for i, e := range t {
			b, _ := json.Marshal(sortLists(e))
			texts[i] = string(b)
		}
		slices.Sort(texts)
		out := make([]any, len(t))
		for i, text := range texts {
			out[i] = json.RawMessage(text)
		}
		return out
	case map[string]any:
		for k, e := range t {
			t[k] = sortLists(e)
		}
	}
	return v
}

func (f facts) clone() facts { return maps.Clone(f) }

// diff lists, by key, the facts that differ between f and other, as "key: f -> other".
func (f facts) diff(other facts) []string {
	var out []string
	for k, v := range other {
		if f[k] != v {
			out = append(out, k+": "+quoteOrAbsent(f[k])+" -> "+quoteOrAbsent(v))
		}
	}
	for k, v := range f {
		if _, ok := other[k]; !ok {
			out = append(out, k+": "+quoteOrAbsent(v)+" -> absent")
		}
	}
	slices.Sort(out)
	return out
}

func quoteOrAbsent(v string) string {
	if v == "" {
		return "absent"
	}
	return `"` + v + `"`
}

// members returns the accounts the facts show in a group, active or not, sorted.
func (f facts) members(group string) []string {
	var out []string
	prefix := "member " + group + " "
	for k := range f {
		if id, ok := strings.CutPrefix(k, prefix); ok {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// deleteGroup removes a group and every fact about it, as deleting it in Confluence does.
func (f facts) deleteGroup(group string) {
	for k := range f {
		if aboutGroup(k, group) {
			delete(f, k)
		}
	}
}

// aboutGroup tells whether a fact is about the group: the group itself, a member, a grant or a role.
func aboutGroup(key, group string) bool {
	fields := strings.Fields(key)
	switch {
	case len(fields) == 2 && fields[0] == "group", len(fields) == 3 && fields[0] == "member":
		return fields[1] == group
	case len(fields) == 4 && fields[0] == "permission":
		return fields[2] == "group:"+group
	case len(fields) == 3 && fields[0] == "role":
		return fields[2] == "GROUP:"+group
	}
	return false
}

// access returns a group's permissions in a space (sorted) and its role there.
func (f facts) access(space, group string) ([]string, string) {
	var perms []string
	prefix := "permission " + space + " group:" + group + " "
	for k := range f {
		if pair, ok := strings.CutPrefix(k, prefix); ok {
			perms = append(perms, pair)
		}
	}
	slices.Sort(perms)
	return perms, f["role "+space+" GROUP:"+group]
}

// setAccess gives a group exactly these permissions (when the mode has them) and this role (when it has
// roles).
func (f facts) setAccess(space, group string, perms []string, role string, u *universe) {
	if u.hasPermissions() {
		prefix := "permission " + space + " group:" + group + " "
		for k := range f {
			if strings.HasPrefix(k, prefix) {
				delete(f, k)
			}
		}
		for _, p := range perms {
			f[prefix+p] = "granted"
		}
	}
	if u.hasRoles() {
		if role == "" {
			delete(f, "role "+space+" GROUP:"+group)
		} else {
			f["role "+space+" GROUP:"+group] = role
		}
	}
}

// setDocument replaces the facts of one of the app's documents.
func (f facts) setDocument(prefix string, doc any) {
	for k := range f {
		if strings.HasPrefix(k, prefix) {
			delete(f, k)
		}
	}
	for k, v := range app.DocumentFacts(prefix, doc) {
		f[k] = canonicalJSON(v)
	}
}

// privileged is the app's privileged user, "" for none.
func (f facts) privileged() string { return f["app privileged user"] }
