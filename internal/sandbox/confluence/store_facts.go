package confluence

import (
	"encoding/json"
	"strings"
)

// Facts flattens the snapshot into one fact per thing that can change on its own, keyed by what it is
// about, so that two snapshots compare key by key and every difference names one change:
//
//	site space role mode                           the mode
//	space role <roleId>                            the role as JSON (name, type, permissions)
//	user <accountId>                               "active" or "inactive"
//	group <groupId>                                the group's name
//	member <groupId> <accountId>                   "member"
//	permission <spaceKey> <subject>:<id> <op/tgt>  "granted"
//	role <spaceKey> <PRINCIPAL>:<id>               the role's ID
//
// Values are never empty, so that "" can stand for a fact that does not hold. Credentials are left out.
// Permission IDs are left out too: a grant is the same fact whatever ID it was given.
func (m Snapshot) Facts() map[string]string {
	facts := map[string]string{"site space role mode": m.SpaceRoleMode}
	for _, r := range m.Roles {
		b, _ := json.Marshal(struct { // plain strings always encode
			Name, Type  string
			Permissions []string
		}{r.Name, r.Type, r.SpacePermissions})
		facts["space role "+r.ID] = string(b)
	}
	for _, u := range m.Users {
		facts["user "+u.AccountID] = map[bool]string{true: "active", false: "inactive"}[u.Active]
	}
	for _, g := range m.Groups {
		facts["group "+g.ID] = g.Name
		for _, id := range g.Members {
			facts["member "+g.ID+" "+id] = "member"
		}
	}
	for _, sp := range m.Spaces {
		for _, p := range sp.Permissions {
			facts[strings.Join([]string{"permission", sp.Key, p.SubjectType + ":" + p.SubjectID, p.Pair()}, " ")] = "granted"
		}
		for _, a := range sp.RoleAssignments {
			facts["role "+sp.Key+" "+a.Principal.Type+":"+a.Principal.ID] = a.RoleID
		}
	}
	return facts
}
