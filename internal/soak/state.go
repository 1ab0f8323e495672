package soak

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/app"
)

// tfState is the part of Terraform's local state file (format 4, the same in every version the soak runs)
// that the soak reads.
type tfState struct {
	Resources []struct {
		Mode      string `json:"mode"`
		Type      string `json:"type"`
		Name      string `json:"name"`
		Instances []struct {
			Status     string         `json:"status"`
			Attributes map[string]any `json:"attributes"`
		} `json:"instances"`
	} `json:"resources"`
}

// claim is what the state says about the objects of one resource instance, in the model's facts: scope
// tells which facts the resource speaks for, and a fact in scope but not in the claim is claimed not to
// hold.
type claim struct {
	Type    string
	Tainted bool
	Facts   facts
	Scope   func(key string) bool
	Group   string // the group of a space group or membership resource, "" for the others
}

// readClaims reads the state file at path (none yet is no claims) into one claim per resource address.
func readClaims(path string, u *universe) (map[string]claim, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]claim{}, nil
	}
	if err != nil {
		return nil, err
	}
	var st tfState
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("reading the state file: %w", err)
	}
	claims := map[string]claim{}
	for _, r := range st.Resources {
		if r.Mode != "managed" {
			continue
		}
		for _, inst := range r.Instances {
			c, err := claimOf(r.Type, inst.Attributes, u)
			if err != nil {
				return nil, fmt.Errorf("%s.%s in the state file: %w", r.Type, r.Name, err)
			}
			c.Type, c.Tainted = r.Type, inst.Status == "tainted"
			claims[r.Type+"."+r.Name] = c
		}
	}
	return claims, nil
}

// soakSettingsFields maps the settings attributes the soak varies to their facts.
var soakSettingsFields = map[[2]string]string{
	{"general_settings", "audit_retention_days"}:   app.SettingsFacts + "generalSettings.auditRetentionDays",
	{"general_settings", "show_group_information"}: app.SettingsFacts + "generalSettings.showGroupInformation",
	{"group_settings", "max_users_per_action"}:     app.SettingsFacts + "groupSettings.maxUsersPerAction",
	{"user_settings", "user_search_enabled"}:       app.SettingsFacts + "userSettings.userSearchEnabled",
}

func claimOf(typ string, attrs map[string]any, u *universe) (claim, error) {
	str := func(name string) string { s, _ := attrs[name].(string); return s }
	f := facts{}
	switch typ {
	case "csum_space_group":
		space, group := str("space_key"), str("group_name")
		f["group "+group] = "group"
		perms, _ := attrs["permissions"].([]any)
		for _, p := range perms {
			f[fmt.Sprintf("permission %s group:%s %v", space, group, p)] = "granted"
		}
		if role := str("role_id"); role != "" {
			f["role "+space+" GROUP:"+group] = u.roleName(role)
		}
		return claim{Facts: f, Group: group, Scope: func(k string) bool {
			return aboutGroup(k, group) && !strings.HasPrefix(k, "member ") && strings.Contains(k, " "+space+" ") || k == "group "+group
		}}, nil
	case "csum_space_group_membership":
		group := str("group_name")
		members, _ := attrs["members"].(map[string]any)
		for id := range members {
			f["member "+group+" "+id] = "member"
		}
		return claim{Facts: f, Group: group, Scope: func(k string) bool {
			id, ok := strings.CutPrefix(k, "member "+group+" ")
			return ok && !u.inactive[id]
		}}, nil
	case "csum_space_group_member":
		key := "member " + str("group_name") + " " + str("account_id")
		f[key] = "member"
		return claim{Facts: f, Scope: func(k string) bool { return k == key }}, nil
	case "csum_global_settings":
		for field, key := range soakSettingsFields {
			block, _ := attrs[field[0]].(map[string]any)
			v, err := json.Marshal(block[field[1]])
			if err != nil {
				return claim{}, err
			}
			f[key] = string(v)
		}
		return claim{Facts: f, Scope: func(k string) bool { return slices.Contains(slices.Collect(maps.Values(soakSettingsFields)), k) }}, nil
	case "csum_permission_schemes":
		doc, err := schemesOf(attrs)
		if err != nil {
			return claim{}, err
		}
		f.setDocument(app.SchemesFacts, doc)
		return claim{Facts: f, Scope: func(k string) bool { return strings.HasPrefix(k, app.SchemesFacts) }}, nil
	case "csum_privileged_user":
		if id := str("account_id"); id != "" {
			f["app privileged user"] = id
		}
		return claim{Facts: f, Scope: func(k string) bool { return k == "app privileged user" }}, nil
	}
	return claim{}, fmt.Errorf("the soak does not know resource type %s", typ)
}

// schemesOf is the permission schemes document a csum_permission_schemes state holds.
func schemesOf(attrs map[string]any) (csumdoc.PermissionSchemes, error) {
	var raw struct {
		Default []string            `json:"default_operations"`
		Users   map[string][]string `json:"user_schemes"`
		Groups  map[string][]string `json:"group_schemes"`
	}
	b, err := json.Marshal(attrs)
	if err == nil {
		err = json.Unmarshal(b, &raw)
	}
	doc := csumdoc.PermissionSchemes{Default: raw.Default, Users: []csumdoc.UserScheme{}, Groups: []csumdoc.GroupScheme{}}
	for _, id := range slices.Sorted(maps.Keys(raw.Users)) {
		doc.Users = append(doc.Users, csumdoc.UserScheme{AccountID: id, Operations: raw.Users[id]})
	}
	for _, id := range slices.Sorted(maps.Keys(raw.Groups)) {
		doc.Groups = append(doc.Groups, csumdoc.GroupScheme{GroupID: id, Operations: raw.Groups[id]})
	}
	return doc, err
}

// checkClaims is the invariant "state never records a change that did not happen": every fact a command
// changed in state (a claim it added, changed or dropped) must hold in the sandbox now, or have held when
// the command started (a refresh recorded it). A resource dropped from state must have been released: its
// group gone, its members out of the group, its document back at the defaults, the privileged user
// cleared. The reverse is allowed: a write the provider gave up on (the command was interrupted, or its
// answer lost and the read-back failed) may have been carried out without state recording it; the next
// refresh records it.
func checkClaims(before, after map[string]claim, start, now facts) []string {
	var problems []string
	holds := func(k, v string) bool { return now[k] == v || start[k] == v }
	for addr, a := range after {
		b, existed := before[addr]
		for _, k := range scopeKeys(a, b, existed, start, now) {
			// A resource new to state changes what was recorded about the site from nothing to its claim:
			// a claim that the site held at the start records no change.
			va, vb := a.Facts[k], start[k]
			if existed {
				vb = b.Facts[k]
			}
			if va == vb {
				continue
			}
			if !holds(k, va) {
				problems = append(problems, fmt.Sprintf("state records %s as %s (was %s), but the site holds %s",
					k, quoteOrAbsent(va), quoteOrAbsent(vb), quoteOrAbsent(now[k])))
			}
		}
	}
	for addr, b := range before {
		if _, kept := after[addr]; kept {
			continue
		}
		for k := range b.Facts {
			if b.Type == "csum_space_group" && k != "group "+b.Group {
				continue // a deleted group's grants and role went with it
			}
			if released := defaultFacts[k]; !holds(k, released) {
				problems = append(problems, fmt.Sprintf("state no longer has %s, but the site holds %s as %s, not %s",
					addr, k, quoteOrAbsent(now[k]), quoteOrAbsent(released)))
			}
		}
	}
	slices.Sort(problems)
	return problems
}

// scopeKeys are the facts a claim speaks for, in the claims and on the site.
func scopeKeys(a, b claim, existed bool, start, now facts) []string {
	keys := map[string]bool{}
	for _, f := range []facts{a.Facts, start, now} {
		for k := range f {
			if a.Scope(k) {
				keys[k] = true
			}
		}
	}
	if existed {
		for k := range b.Facts {
			if a.Scope(k) {
				keys[k] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(keys))
}

// defaultFacts are the facts of the app's documents at their defaults, which destroying their resources
// restores.
var defaultFacts = func() facts {
	f := facts{}
	f.setDocument(app.SettingsFacts, csumdoc.DefaultSettings())
	f.setDocument(app.SchemesFacts, csumdoc.DefaultPermissionSchemes())
	return f
}()
