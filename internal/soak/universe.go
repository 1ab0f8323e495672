package soak

import (
	"fmt"
	"slices"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

// extraUsers are added to the demo seed so that memberships can grow to a few dozen members, which
// gives member writes (cheap to fault: a lost answer is read back, not waited out) room to fail.
const extraUsers = 40

// soakSeed is the demo seed (three spaces with their groups, a deactivated member, legacy credentials in
// the app, an organization) with extraUsers more active accounts.
func soakSeed() sandbox.Seed {
	seed := sandbox.DemoSeed()
	for k := range extraUsers {
		seed.Users = append(seed.Users, confluence.User{
			AccountID:   "557058:" + confluence.StableUUID("soak-user", fmt.Sprint(k)),
			DisplayName: fmt.Sprintf("Soak User %02d", k),
			Email:       fmt.Sprintf("soak.user%02d@example.com", k),
			Active:      true,
		})
	}
	return seed
}

// universe is what the site offers the soak's configurations, read once at start: the same seed gives
// the same universe.
type universe struct {
	mode       string            // the site's space role mode
	spaces     []string          // space keys
	roles      map[string]string // role name -> ID
	roleNames  map[string]string // role ID -> name
	adminRoles map[string]bool   // role names whose permissions include administer/space
	caller     string            // the provider's account, protected by protected_account_ids
	siteAdmins []string          // accounts that can be the privileged user
	accounts   []string          // active accounts the configurations and outside changes use as members
	inactive   map[string]bool   // deactivated accounts, outside the soak's reach
	seedGroups []seedGroup       // the seed's space groups (by the default pattern)
	groupIDs   map[string]string // seed group name -> ID, for the app's documents
}

type seedGroup struct{ space, name string }

// newUniverse reads the universe from a freshly started sandbox.
func newUniverse(srv *sandbox.Server) (*universe, error) {
	store := srv.Store()
	u := &universe{mode: store.SpaceRoleMode(), roles: map[string]string{}, roleNames: map[string]string{},
		adminRoles: map[string]bool{}, inactive: map[string]bool{}, groupIDs: map[string]string{}}
	for _, sp := range store.Spaces() {
		u.spaces = append(u.spaces, sp.Key)
	}
	slices.Sort(u.spaces)
	for _, r := range store.SpaceRoles() {
		u.roles[r.Name], u.roleNames[r.ID] = r.ID, r.Name
		u.adminRoles[r.Name] = slices.Contains(r.SpacePermissions, adminPermission)
	}
	siteAdmins, ok := store.GroupByName("site-admins")
	if !ok {
		return nil, fmt.Errorf("the seed has no site-admins group")
	}
	u.siteAdmins = store.Members(siteAdmins.ID)
	email := srv.Credentials().Email
	for _, usr := range store.Users() {
		switch {
		case usr.Email == email:
			u.caller = usr.AccountID
		case !usr.Active:
			u.inactive[usr.AccountID] = true
		case !slices.Contains(u.siteAdmins, usr.AccountID):
			u.accounts = append(u.accounts, usr.AccountID)
		}
	}
	slices.Sort(u.accounts)
	for _, g := range store.Groups() {
		u.groupIDs[g.Name] = g.ID
		space, _, ok := strings.Cut(g.Name, "-")
		if key := strings.ToUpper(space); ok && slices.Contains(u.spaces, key) {
			u.seedGroups = append(u.seedGroups, seedGroup{space: key, name: g.Name})
		}
	}
	if u.caller == "" || len(u.seedGroups) == 0 || len(u.accounts) < 20 {
		return nil, fmt.Errorf("the seed lacks the caller, space groups or accounts the soak needs")
	}
	return u, nil
}

// hasPermissions and hasRoles tell what access the site's mode lets a space group have.
func (u *universe) hasPermissions() bool { return u.mode != confluence.RoleModeRoles }
func (u *universe) hasRoles() bool       { return u.mode != confluence.RoleModePreRoles }

// adminPermission is the permission that lets a principal manage a space's access.
const adminPermission = "administer/space"

// spacePermissions are the pairs a space group may be given; read/space comes with any other.
var spacePermissions = []string{
	"read/space", "administer/space", "export/space", "restrict_content/space", "create/page", "create/blogpost",
	"create/comment", "create/attachment", "delete/page", "delete/blogpost", "delete/comment", "delete/attachment",
	"archive/page",
}

// groupName is the Confluence name of a space group under the default pattern SPACEKEY-.
func groupName(space, name string) string { return strings.ToLower(space + "-" + name) }
