package soak

import (
	"slices"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/app"
)

// expected is the site after Terraform applied next where prev was applied before, starting from the
// site as it was: what next manages set as next asks; what prev managed and next drops released as a
// destroy releases it (groups deleted, members removed, documents reset, the privileged user cleared);
// every other fact untouched. Terraform's destroy is next = the empty configuration.
//
// loose are the facts that may end either as they were or as e says. A destroyed membership removes the
// members its state lists when the destroy runs. Terraform refreshes that state first, so members added
// outside Terraform since the last apply are removed too, except on Terraform 1.11, which plans the destroy
// of a resource removed from the configuration from the state the last apply left.
func expected(before facts, prev, next config, u *universe) (e facts, loose map[string]bool) {
	e, loose = before.clone(), map[string]bool{}
	for _, g := range prev.SpaceGroups {
		if _, kept := next.spaceGroupNamed(g.group()); !kept {
			e.deleteGroup(g.group())
		}
	}
	for _, m := range prev.Memberships {
		if _, kept := next.membershipOf(m.Group); !kept {
			for _, id := range activeMembers(e, m.Group, u) {
				if !slices.Contains(m.Members, id) && id != u.caller && id != before.privileged() {
					loose["member "+m.Group+" "+id] = true
				}
			}
			for _, id := range m.Members {
				delete(e, "member "+m.Group+" "+id)
			}
		}
	}
	for _, m := range prev.Members {
		if !next.hasMember(m.Group, m.Account) {
			delete(e, "member "+m.Group+" "+m.Account)
		}
	}
	for _, g := range next.SpaceGroups {
		e["group "+g.group()] = "group"
		e.setAccess(g.Space, g.group(), g.Permissions, g.Role, u)
	}
	for _, m := range next.Memberships {
		for _, id := range e.members(m.Group) {
			if !u.inactive[id] && !slices.Contains(m.Members, id) {
				delete(e, "member "+m.Group+" "+id)
			}
		}
		for _, id := range m.Members {
			e["member "+m.Group+" "+id] = "member"
		}
	}
	for _, m := range next.Members {
		e["member "+m.Group+" "+m.Account] = "member"
	}
	switch {
	case next.Settings != nil:
		e.setDocument(app.SettingsFacts, next.Settings.document())
	case prev.Settings != nil:
		e.setDocument(app.SettingsFacts, csumdoc.DefaultSettings())
	}
	switch {
	case next.Schemes != nil:
		e.setDocument(app.SchemesFacts, next.Schemes.document(u.groupIDs))
	case prev.Schemes != nil:
		e.setDocument(app.SchemesFacts, csumdoc.DefaultPermissionSchemes())
	}
	switch {
	case next.Privileged != "":
		e["app privileged user"] = next.Privileged
		delete(e, "app legacy credentials") // choosing the account removes them, as the resource documents
	case prev.Privileged != "":
		delete(e, "app privileged user")
	}
	return e, loose
}

// Planned actions, as the soak names them from the actions of Terraform's JSON plan.
const (
	actionCreate  = "create"
	actionUpdate  = "update"
	actionReplace = "replace"
	actionDelete  = "delete"
)

// expectedPlan is what a plan must propose for configuration c, whose resources are all in state, on a
// site that holds f: an update of each resource whose object differs from what c asks, and a create of
// each whose object is gone. Nothing else: a plan that proposes more has found a change nobody made.
func expectedPlan(f facts, c config, u *universe) map[string]string {
	plan := map[string]string{}
	for _, g := range c.SpaceGroups {
		perms, role := f.access(g.Space, g.group())
		switch {
		case f["group "+g.group()] == "":
			plan["csum_space_group."+g.Addr] = actionCreate
		case u.hasPermissions() && !slices.Equal(perms, g.Permissions), u.hasRoles() && role != g.Role:
			plan["csum_space_group."+g.Addr] = actionUpdate
		}
	}
	for _, m := range c.Memberships {
		switch {
		case f["group "+m.Group] == "":
			plan["csum_space_group_membership."+m.Addr] = actionCreate
		case !slices.Equal(activeMembers(f, m.Group, u), m.Members):
			plan["csum_space_group_membership."+m.Addr] = actionUpdate
		}
	}
	for _, m := range c.Members {
		if f["member "+m.Group+" "+m.Account] == "" {
			plan["csum_space_group_member."+m.Addr] = actionCreate
		}
	}
	if c.Settings != nil && documentDiffers(f, app.SettingsFacts, c.Settings.document()) {
		plan["csum_global_settings.this"] = actionUpdate
	}
	if c.Schemes != nil && documentDiffers(f, app.SchemesFacts, c.Schemes.document(u.groupIDs)) {
		plan["csum_permission_schemes.this"] = actionUpdate
	}
	if c.Privileged != "" {
		switch held := f.privileged(); {
		case held == "":
			plan["csum_privileged_user.this"] = actionCreate
		case held != c.Privileged || f["app legacy credentials"] != "":
			plan["csum_privileged_user.this"] = actionUpdate
		}
	}
	return plan
}

// activeMembers are the group's members a membership sees: Confluence leaves deactivated accounts out of
// a group's member list, and the soak never lists them.
func activeMembers(f facts, group string, u *universe) []string {
	return slices.DeleteFunc(f.members(group), func(id string) bool { return u.inactive[id] })
}

// documentDiffers tells whether the facts of one of the app's documents differ from doc's.
func documentDiffers(f facts, prefix string, doc any) bool {
	want := facts{}
	want.setDocument(prefix, doc)
	for k, v := range want {
		if f[k] != v {
			return true
		}
	}
	return false
}
