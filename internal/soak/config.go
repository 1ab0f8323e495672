package soak

import (
	"maps"
	"slices"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// config is one configuration of the provider's resources, as the soak generates it. A nil document or an
// empty privileged account leaves that resource out.
type config struct {
	SpaceGroups []spaceGroup
	Memberships []membership
	Members     []member
	Settings    *settings
	Schemes     *schemes
	Privileged  string // account ID of csum_privileged_user
}

// spaceGroup is a csum_space_group.
type spaceGroup struct {
	Addr, Space, Name string
	Permissions       []string // sorted; none when the group has a role
	Role              string   // role name, "" for none
}

func (g spaceGroup) group() string { return groupName(g.Space, g.Name) }

// groupRef names the group of a membership or a member: a seed group by its name, or a space group of
// the same configuration by reference to its group_id.
type groupRef struct {
	Space, Group string
	SpaceGroup   string // the csum_space_group's Addr, "" for a seed group
}

// membership is a csum_space_group_membership.
type membership struct {
	Addr string
	groupRef
	Members []string // account IDs, sorted
}

// member is a csum_space_group_member.
type member struct {
	Addr string
	groupRef
	Account string
}

// settings are the fields of csum_global_settings the soak varies; the rest keep their defaults.
type settings struct {
	AuditRetentionDays   int64
	ShowGroupInformation bool
	MaxUsersPerAction    int64
	UserSearchEnabled    bool
}

// document is the whole settings document the configuration asks for.
func (s settings) document() csumdoc.Settings {
	doc := csumdoc.DefaultSettings()
	doc.GeneralSettings.AuditRetentionDays = s.AuditRetentionDays
	doc.GeneralSettings.ShowGroupInformation = s.ShowGroupInformation
	doc.GroupSettings.MaxUsersPerAction = s.MaxUsersPerAction
	doc.UserSettings.UserSearchEnabled = s.UserSearchEnabled
	return doc
}

// schemes is csum_permission_schemes.
type schemes struct {
	Default []string
	Users   map[string][]string // account ID -> operations
	Groups  map[string][]string // seed group name -> operations
}

// document is the permission schemes document the configuration asks for.
func (s schemes) document(groupIDs map[string]string) csumdoc.PermissionSchemes {
	doc := csumdoc.PermissionSchemes{Default: slices.Clone(s.Default), Users: []csumdoc.UserScheme{}, Groups: []csumdoc.GroupScheme{}}
	for _, id := range slices.Sorted(maps.Keys(s.Users)) {
		doc.Users = append(doc.Users, csumdoc.UserScheme{AccountID: id, Operations: slices.Clone(s.Users[id])})
	}
	for _, name := range slices.Sorted(maps.Keys(s.Groups)) {
		doc.Groups = append(doc.Groups, csumdoc.GroupScheme{GroupID: groupIDs[name], Operations: slices.Clone(s.Groups[name])})
	}
	return doc
}

// clone is a deep copy, so that the generator can change a configuration without touching the last one.
func (c config) clone() config {
	out := config{Privileged: c.Privileged}
	for _, g := range c.SpaceGroups {
		g.Permissions = slices.Clone(g.Permissions)
		out.SpaceGroups = append(out.SpaceGroups, g)
	}
	for _, m := range c.Memberships {
		m.Members = slices.Clone(m.Members)
		out.Memberships = append(out.Memberships, m)
	}
	out.Members = slices.Clone(c.Members)
	if c.Settings != nil {
		s := *c.Settings
		out.Settings = &s
	}
	if c.Schemes != nil {
		s := schemes{Default: slices.Clone(c.Schemes.Default), Users: map[string][]string{}, Groups: map[string][]string{}}
		for k, v := range c.Schemes.Users {
			s.Users[k] = slices.Clone(v)
		}
		for k, v := range c.Schemes.Groups {
			s.Groups[k] = slices.Clone(v)
		}
		out.Schemes = &s
	}
	return out
}

// spaceGroupNamed returns the configuration's space group whose Confluence group is name.
func (c config) spaceGroupNamed(name string) (spaceGroup, bool) {
	for _, g := range c.SpaceGroups {
		if g.group() == name {
			return g, true
		}
	}
	return spaceGroup{}, false
}

// membershipOf returns the configuration's membership of the group.
func (c config) membershipOf(group string) (membership, bool) {
	for _, m := range c.Memberships {
		if m.Group == group {
			return m, true
		}
	}
	return membership{}, false
}

// hasMember tells whether the configuration has a csum_space_group_member for the account in the group.
func (c config) hasMember(group, account string) bool {
	return slices.ContainsFunc(c.Members, func(m member) bool { return m.Group == group && m.Account == account })
}

// empty tells whether the configuration manages nothing.
func (c config) empty() bool {
	return len(c.SpaceGroups)+len(c.Memberships)+len(c.Members) == 0 && c.Settings == nil && c.Schemes == nil && c.Privileged == ""
}

// render is the configuration in Terraform's JSON syntax, with the provider block: URLs and the email
// only, the secrets coming from the environment.
func (c config) render(provider map[string]any, u *universe) map[string]any {
	resources := map[string]map[string]any{}
	add := func(typ, name string, body map[string]any) {
		if resources[typ] == nil {
			resources[typ] = map[string]any{}
		}
		resources[typ][name] = body
	}
	for _, g := range c.SpaceGroups {
		body := map[string]any{"space_key": g.Space, "name": g.Name}
		if len(g.Permissions) > 0 {
			body["permissions"] = g.Permissions
		}
		if g.Role != "" {
			body["role_id"] = u.roles[g.Role]
		}
		add("csum_space_group", g.Addr, body)
	}
	for _, m := range c.Memberships {
		members := map[string]string{}
		for _, id := range m.Members {
			members[id] = ""
		}
		body := m.attributes()
		body["members"] = members
		add("csum_space_group_membership", m.Addr, body)
	}
	for _, m := range c.Members {
		body := m.attributes()
		body["account_id"] = m.Account
		add("csum_space_group_member", m.Addr, body)
	}
	if s := c.Settings; s != nil {
		add("csum_global_settings", "this", map[string]any{
			"general_settings": map[string]any{"audit_retention_days": s.AuditRetentionDays, "show_group_information": s.ShowGroupInformation},
			"group_settings":   map[string]any{"max_users_per_action": s.MaxUsersPerAction},
			"user_settings":    map[string]any{"user_search_enabled": s.UserSearchEnabled},
		})
	}
	if s := c.Schemes; s != nil {
		groups := map[string][]string{}
		for name, ops := range s.Groups {
			groups[u.groupIDs[name]] = ops
		}
		add("csum_permission_schemes", "this", map[string]any{
			"default_operations": s.Default, "user_schemes": s.Users, "group_schemes": groups,
		})
	}
	if c.Privileged != "" {
		add("csum_privileged_user", "this", map[string]any{"account_id": c.Privileged})
	}
	doc := map[string]any{
		"terraform": map[string]any{"required_providers": map[string]any{"csum": map[string]any{"source": ProviderAddress}}},
		"provider":  map[string]any{"csum": provider},
	}
	if len(resources) > 0 {
		doc["resource"] = resources
	}
	return doc
}

func (r groupRef) attributes() map[string]any {
	if r.SpaceGroup != "" {
		return map[string]any{"space_key": r.Space, "group_id": "${csum_space_group." + r.SpaceGroup + ".group_id}"}
	}
	return map[string]any{"space_key": r.Space, "group_name": r.Group}
}
