package sandbox

import (
	"bytes"
	"cmp"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/admin"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/app"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

// Seed is the documented JSON document (see SEED.md) a sandbox starts from. The state file holds the same
// Confluence document with every ID filled in.
type Seed struct {
	// Credentials names the account the demo and the command advertise.
	Credentials Credentials `json:"credentials"`
	// CloudID is the site's cloud ID, the {cloudId} of the /ex/confluence/{cloudId} gateway; default
	// confluence.DefaultCloudID.
	CloudID string `json:"cloudId,omitempty"`
	// SpaceRoleMode is ROLES (default, as on every new site: classic permission writes refused, individual
	// permissions grant nothing), ROLES_TRANSITION (both models) or PRE_ROLES (no roles).
	SpaceRoleMode string `json:"spaceRoleMode,omitempty"`
	// CustomSpaceRoles are added to the four SYSTEM roles of the catalogue; at most 10.
	CustomSpaceRoles []SeedRole        `json:"customSpaceRoles,omitempty"`
	Users            []confluence.User `json:"users"`
	Groups           []SeedGroup       `json:"groups"`
	Spaces           []SeedSpace       `json:"spaces"`
	// App is handed unchanged to the app half (settings, permissionSchemes, privilegedUser,
	// legacyCredentials, apiKey).
	App app.Seed `json:"app"`
	// Org is the Atlassian organization the Admin API serves: its directories, products, API keys, and its
	// users' product access with their last activity. Without it the Admin API accepts no key.
	Org *admin.Seed `json:"org,omitempty"`
}

// Credentials are the basic-auth email and API token of one seeded user.
type Credentials struct {
	Email    string `json:"email"`
	APIToken string `json:"apiToken"`
}

// SeedGroup is a group with its members. Without an ID, one is derived from the name.
type SeedGroup struct {
	ID                string   `json:"id,omitempty"`
	Name              string   `json:"name"`
	GlobalPermissions []string `json:"globalPermissions,omitempty"`
	Members           []string `json:"members,omitempty"`
}

// SeedRole is a CUSTOM space role. Without an ID it gets a random UUID, as the SYSTEM roles do.
type SeedRole struct {
	ID          string   `json:"id,omitempty"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Permissions []string `json:"permissions"`
}

// SeedSpace is a space with its permissions and role assignments. Without an ID, one is assigned in seed
// order; without an author, the credentials' account created it.
type SeedSpace struct {
	ID              int64                `json:"id,omitempty"`
	Key             string               `json:"key"`
	Name            string               `json:"name"`
	Type            string               `json:"type,omitempty"`
	Description     string               `json:"description,omitempty"`
	AuthorID        string               `json:"authorId,omitempty"`
	CreatedAt       string               `json:"createdAt,omitempty"` // RFC 3339
	Permissions     []SeedPermission     `json:"permissions,omitempty"`
	RoleAssignments []SeedRoleAssignment `json:"roleAssignments,omitempty"`
}

// SeedRoleAssignment gives a role (by name or ID) to exactly one of a group (by name), a user (by account
// ID) or an access class.
type SeedRoleAssignment struct {
	Group       string `json:"group,omitempty"`
	User        string `json:"user,omitempty"`
	AccessClass string `json:"accessClass,omitempty"`
	Role        string `json:"role"`
}

// SeedPermission grants "operation/target" to exactly one of a group (by name) or a user (by account ID).
type SeedPermission struct {
	ID        int64  `json:"id,omitempty"`
	Group     string `json:"group,omitempty"`
	User      string `json:"user,omitempty"`
	Operation string `json:"operation"`
}

//go:embed seeds/demo.json
var demoSeedJSON []byte

// DemoSeed returns the embedded demo seed (the canonical copy of examples/sandbox/seed.json).
func DemoSeed() Seed {
	seed, err := ParseSeed(demoSeedJSON)
	if err != nil {
		panic("embedded demo seed is broken: " + err.Error())
	}
	return seed
}

// LoadSeed reads and checks a seed file.
func LoadSeed(path string) (Seed, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Seed{}, err
	}
	seed, err := ParseSeed(data)
	if err != nil {
		return Seed{}, fmt.Errorf("seed %s: %w", path, err)
	}
	return seed, nil
}

// ParseSeed decodes a seed strictly (unknown fields are errors, so typos surface) and checks that it builds.
func ParseSeed(data []byte) (Seed, error) {
	var seed Seed
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&seed); err != nil {
		return Seed{}, err
	}
	store, err := seed.build()
	if err != nil {
		return Seed{}, err
	}
	if _, err := seed.buildOrg(store, time.Now()); err != nil {
		return Seed{}, err
	}
	return seed, nil
}

// build turns a seed into a store. Permissions are applied in order with Confluence's rules, so read/space
// must come before a subject's other grants.
func (seed Seed) build() (*confluence.Store, error) {
	s := confluence.NewStore()
	var errs []error
	for _, u := range seed.Users {
		errs = append(errs, s.AddUser(u))
	}
	for _, g := range seed.Groups {
		id := g.ID
		if id == "" {
			id = confluence.StableUUID("group", confluence.NormalGroupName(g.Name))
		}
		if _, err := s.AddGroup(confluence.Group{ID: id, Name: g.Name, GlobalPermissions: g.GlobalPermissions}); err != nil {
			errs = append(errs, fmt.Errorf("group %q: %w", g.Name, err))
			continue
		}
		for _, m := range g.Members {
			errs = append(errs, wrapIf(s.AddMember(id, m), "group %q member", g.Name))
		}
	}
	for _, r := range seed.CustomSpaceRoles {
		_, err := s.AddCustomRole(confluence.SpaceRole{ID: r.ID, Name: r.Name, Description: r.Description, SpacePermissions: r.Permissions})
		errs = append(errs, wrapIf(err, "custom space role %q", r.Name))
	}
	author := seed.credentialsAccount()
	for _, sp := range seed.Spaces {
		space := confluence.Space{ID: sp.ID, Key: sp.Key, Name: sp.Name, Type: sp.Type, Description: sp.Description,
			AuthorID: cmp.Or(sp.AuthorID, author)}
		if sp.CreatedAt != "" {
			created, err := time.Parse(time.RFC3339, sp.CreatedAt)
			if err != nil {
				errs = append(errs, fmt.Errorf("space %s createdAt: %w", sp.Key, err))
				continue
			}
			space.CreatedAt = created
		}
		if _, err := s.AddSpace(space); err != nil {
			errs = append(errs, err)
			continue
		}
		for i, p := range sp.Permissions {
			errs = append(errs, wrapIf(addSeedPermission(s, sp.Key, p), "space %s permission %d", sp.Key, i))
		}
		for i, a := range sp.RoleAssignments {
			errs = append(errs, wrapIf(addSeedRoleAssignment(s, sp.Key, a), "space %s role assignment %d", sp.Key, i))
		}
	}
	if seed.SpaceRoleMode != "" {
		errs = append(errs, s.SetSpaceRoleMode(seed.SpaceRoleMode))
	}
	errs = append(errs, seed.checkCredentials(s))
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return s, nil
}

func addSeedPermission(s *confluence.Store, spaceKey string, p SeedPermission) error {
	op, target, ok := strings.Cut(p.Operation, "/")
	if !ok {
		return fmt.Errorf("%w: operation %q is not operation/target", confluence.ErrInvalid, p.Operation)
	}
	perm := confluence.SpacePermission{ID: p.ID, Operation: op, Target: target}
	switch {
	case p.Group != "" && p.User == "":
		g, found := s.GroupByName(p.Group)
		if !found {
			return fmt.Errorf("%w: no group named %q", confluence.ErrNotFound, p.Group)
		}
		perm.SubjectType, perm.SubjectID = confluence.SubjectGroup, g.ID
	case p.User != "" && p.Group == "":
		perm.SubjectType, perm.SubjectID = confluence.SubjectUser, p.User
	default:
		return fmt.Errorf("%w: exactly one of group and user is required", confluence.ErrInvalid)
	}
	_, err := s.AddPermission(spaceKey, perm)
	return err
}

// addSeedRoleAssignment keeps the principal's individual permissions: a seed may give both models.
func addSeedRoleAssignment(s *confluence.Store, spaceKey string, a SeedRoleAssignment) error {
	var p confluence.Principal
	switch {
	case a.Group != "" && a.User == "" && a.AccessClass == "":
		g, found := s.GroupByName(a.Group)
		if !found {
			return fmt.Errorf("%w: no group named %q", confluence.ErrNotFound, a.Group)
		}
		p = confluence.Principal{Type: confluence.PrincipalGroup, ID: g.ID}
	case a.User != "" && a.Group == "" && a.AccessClass == "":
		p = confluence.Principal{Type: confluence.PrincipalUser, ID: a.User}
	case a.AccessClass != "" && a.Group == "" && a.User == "":
		p = confluence.Principal{Type: confluence.PrincipalAccessClass, ID: a.AccessClass}
	default:
		return fmt.Errorf("%w: exactly one of group, user and accessClass is required", confluence.ErrInvalid)
	}
	return s.AddRoleAssignment(spaceKey, confluence.RoleAssignment{Principal: p, RoleID: a.Role})
}

// credentialsAccount is the account ID of the seed's credentials, "" without them.
func (seed Seed) credentialsAccount() string {
	for _, u := range seed.Users {
		if seed.Credentials.Email != "" && strings.EqualFold(u.Email, seed.Credentials.Email) {
			return u.AccountID
		}
	}
	return ""
}

func (seed Seed) checkCredentials(s *confluence.Store) error {
	c := seed.Credentials
	if c.Email == "" && c.APIToken == "" {
		return nil
	}
	if _, ok := s.Authenticate(c.Email, c.APIToken, confluence.ClassicToken); !ok {
		return fmt.Errorf("%w: credentials name no active seeded user with that email and token", confluence.ErrInvalid)
	}
	return nil
}

func wrapIf(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}

// seedOf is a store snapshot as a seed document with every ID filled in: the Confluence half of the state
// file. Credentials and App are left for the caller; the IDs of the SYSTEM roles are not part of a seed.
func seedOf(model confluence.Snapshot) Seed {
	out := Seed{SpaceRoleMode: model.SpaceRoleMode, Users: model.Users}
	roleNames := map[string]string{}
	for _, r := range model.Roles {
		roleNames[r.ID] = r.Name
		if r.Type == confluence.RoleTypeCustom {
			out.CustomSpaceRoles = append(out.CustomSpaceRoles, SeedRole{ID: r.ID, Name: r.Name, Description: r.Description,
				Permissions: r.SpacePermissions})
		}
	}
	groupNames := map[string]string{}
	for _, g := range model.Groups {
		groupNames[g.ID] = g.Name
		out.Groups = append(out.Groups, SeedGroup{ID: g.ID, Name: g.Name, GlobalPermissions: g.GlobalPermissions,
			Members: g.Members})
	}
	for _, sp := range model.Spaces {
		ss := SeedSpace{ID: sp.ID, Key: sp.Key, Name: sp.Name, Type: sp.Type, Description: sp.Description,
			AuthorID: sp.AuthorID, CreatedAt: sp.CreatedAt.UTC().Format(time.RFC3339Nano)}
		// read/space grants first: reloading applies the prerequisite rule in file order.
		for _, readFirst := range []bool{true, false} {
			for _, p := range sp.Permissions {
				if (p.Pair() == "read/space") != readFirst {
					continue
				}
				sp := SeedPermission{ID: p.ID, Operation: p.Pair()}
				if p.SubjectType == confluence.SubjectGroup {
					sp.Group = groupNames[p.SubjectID]
				} else {
					sp.User = p.SubjectID
				}
				ss.Permissions = append(ss.Permissions, sp)
			}
		}
		for _, a := range sp.RoleAssignments {
			sa := SeedRoleAssignment{Role: roleNames[a.RoleID]}
			switch a.Principal.Type {
			case confluence.PrincipalGroup:
				sa.Group = groupNames[a.Principal.ID]
			case confluence.PrincipalUser:
				sa.User = a.Principal.ID
			default:
				sa.AccessClass = a.Principal.ID
			}
			ss.RoleAssignments = append(ss.RoleAssignments, sa)
		}
		out.Spaces = append(out.Spaces, ss)
	}
	return out
}
