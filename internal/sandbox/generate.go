package sandbox

import (
	"fmt"
	"strconv"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/admin"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

// GenerateOptions size a generated seed.
type GenerateOptions struct {
	Users           int // ordinary users, besides the admin
	Spaces          int
	GroupsPerSpace  int
	MembersPerGroup int // capped at Users
	BigGroupMembers int // members of the extra group "big-group" in the first space; capped at Users; 0 = none
	// UsersPerSpace ordinary users are given each space's access one by one (the Viewer role and read/space),
	// so that its role assignments and permissions run to more pages; capped at Users.
	UsersPerSpace int
}

// Credentials of the admin account every generated seed contains (site admin, space admin everywhere).
const (
	generatedAdminEmail = "admin@example.com"
	generatedAdminToken = "sandbox-admin-token"
)

// GenerateSeed builds a large seed deterministically: the same options give the same document. Besides the
// requested users it holds an admin who is site admin, product admin and space admin of every space; every
// user is licensed (CAN_USE). Space groups follow the default pattern "SPACEKEY-" (key lower-cased). The
// site is roles-only, as a new site is; every space has the roles that stand for its individual
// permissions (Admin for the admin and confluence-admins, Collaborator for its groups, Viewer for the big
// group, Viewer for each of UsersPerSpace users), and keeps those permissions for a test that moves the site
// to PRE_ROLES. Every user is also a user of the organization, with a last activity in Confluence (see
// generatedOrg).
func GenerateSeed(o GenerateOptions) Seed {
	admin := confluence.User{AccountID: generatedAccountID(-1), DisplayName: "Sandbox Admin", Email: generatedAdminEmail,
		Active: true, APIToken: generatedAdminToken}
	seed := Seed{Credentials: Credentials{Email: admin.Email, APIToken: admin.APIToken}, Users: []confluence.User{admin}}
	everyone := []string{admin.AccountID}
	for i := range o.Users {
		u := confluence.User{AccountID: generatedAccountID(i), DisplayName: fmt.Sprintf("User %06d", i),
			Email: fmt.Sprintf("user%06d@example.com", i), Active: true}
		seed.Users = append(seed.Users, u)
		everyone = append(everyone, u.AccountID)
	}
	seed.Groups = []SeedGroup{
		{Name: "site-admins", GlobalPermissions: []string{confluence.SiteAdmin}, Members: []string{admin.AccountID}},
		{Name: "confluence-admins", GlobalPermissions: []string{confluence.ProductAdmin}, Members: []string{admin.AccountID}},
		{Name: "confluence-users", GlobalPermissions: []string{confluence.CanUse}, Members: everyone},
	}
	ordinary := everyone[1:]
	for si := range o.Spaces {
		key := fmt.Sprintf("S%04d", si)
		space := SeedSpace{Key: key, Name: "Space " + strconv.Itoa(si), Permissions: []SeedPermission{
			{Group: "confluence-admins", Operation: "read/space"},
			{Group: "confluence-admins", Operation: "administer/space"}},
			RoleAssignments: []SeedRoleAssignment{{User: admin.AccountID, Role: "Admin"}, {Group: "confluence-admins", Role: "Admin"}}}
		for gi := range o.GroupsPerSpace {
			name := fmt.Sprintf("s%04d-group-%d", si, gi)
			seed.Groups = append(seed.Groups, SeedGroup{Name: name,
				Members: rotatingWindow(ordinary, si*o.GroupsPerSpace+gi, o.MembersPerGroup)})
			space.Permissions = append(space.Permissions,
				SeedPermission{Group: name, Operation: "read/space"}, SeedPermission{Group: name, Operation: "create/page"})
			space.RoleAssignments = append(space.RoleAssignments, SeedRoleAssignment{Group: name, Role: "Collaborator"})
		}
		for _, user := range rotatingWindow(ordinary, si, o.UsersPerSpace) {
			space.Permissions = append(space.Permissions, SeedPermission{User: user, Operation: "read/space"})
			space.RoleAssignments = append(space.RoleAssignments, SeedRoleAssignment{User: user, Role: "Viewer"})
		}
		if si == 0 && o.BigGroupMembers > 0 {
			seed.Groups = append(seed.Groups, SeedGroup{Name: "s0000-big-group", Members: rotatingWindow(ordinary, 0, o.BigGroupMembers)})
			space.Permissions = append(space.Permissions, SeedPermission{Group: "s0000-big-group", Operation: "read/space"})
			space.RoleAssignments = append(space.RoleAssignments, SeedRoleAssignment{Group: "s0000-big-group", Role: "Viewer"})
		}
		seed.Spaces = append(seed.Spaces, space)
	}
	seed.App.APIKey = "sandbox-app-key"
	seed.Org = generatedOrg(everyone)
	return seed
}

// Identity of the organization every generated seed contains; its API key is admin.DefaultAPIKey.
const (
	generatedOrgID       = "0c5a1e7d-3b2f-4c8e-9a6d-5f4e3d2c1b0a"
	generatedDirectoryID = "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
)

// generatedOrg puts every account in the organization's one directory with access to Confluence: account i
// was last active (i*37) mod 400 days before the sandbox starts, every tenth never used Confluence, and every
// seventh also uses Jira.
func generatedOrg(accountIDs []string) *admin.Seed {
	org := &admin.Seed{ID: generatedOrgID, Name: "Generated Org",
		Directories: []admin.SeedDirectory{{ID: generatedDirectoryID, Name: "Generated Org"}},
		Products: []admin.SeedProduct{{Key: "confluence", ID: confluence.DefaultCloudID},
			{Key: "jira-software", ID: confluence.StableUUID("product", "jira-software")}},
		Users: make([]admin.SeedUser, 0, len(accountIDs))}
	for i, id := range accountIDs {
		access := []admin.SeedAccess{{Key: "confluence"}}
		if i%10 != 9 {
			days := (i * 37) % 400
			access[0].LastActiveDaysAgo = &days
		}
		if i%7 == 0 {
			days := i % 30
			access = append(access, admin.SeedAccess{Key: "jira-software", LastActiveDaysAgo: &days})
		}
		org.Users = append(org.Users, admin.SeedUser{AccountID: id, ProductAccess: access})
	}
	return org
}

// rotatingWindow picks n distinct users starting at an offset that moves with each group, so groups overlap
// without being identical.
func rotatingWindow(users []string, group, n int) []string {
	n = min(n, len(users))
	out := make([]string, 0, n)
	for k := range n {
		out = append(out, users[(group*7+k)%len(users)])
	}
	return out
}

func generatedAccountID(i int) string {
	return "557058:" + confluence.StableUUID("user", strconv.Itoa(i))
}
