package sandbox

import (
	"bytes"
	"os"
	"reflect"
	"slices"
	"testing"

	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

func TestExampleSeedIsTheEmbeddedDemoSeed(t *testing.T) {
	example, err := os.ReadFile("../../examples/sandbox/seed.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(example, demoSeedJSON) {
		t.Fatal("examples/sandbox/seed.json differs from internal/sandbox/seeds/demo.json; copy the canonical one over")
	}
}

func TestParseSeedRejects(t *testing.T) {
	tests := map[string]string{
		"unknown field":         `{"users": [], "colour": 1}`,
		"member not a user":     `{"groups": [{"name": "g", "members": ["557058:ghost"]}]}`,
		"duplicate group":       `{"groups": [{"name": "g"}, {"name": "G"}]}`,
		"bad global permission": `{"groups": [{"name": "g", "globalPermissions": ["ROOT"]}]}`,
		"grant before read":     `{"groups": [{"name": "g"}], "spaces": [{"key": "A", "name": "A", "permissions": [{"group": "g", "operation": "create/page"}]}]}`,
		"grant to nobody":       `{"spaces": [{"key": "A", "name": "A", "permissions": [{"operation": "read/space"}]}]}`,
		"lower-case space key":  `{"spaces": [{"key": "a", "name": "A"}]}`,
		"credentials of nobody": `{"credentials": {"email": "x@example.com", "apiToken": "t"}}`,
		"unknown app field":     `{"app": {"apiKeyy": "k"}}`,
		"shared access token":   `{"users": [{"accountId": "a", "accessToken": "t"}, {"accountId": "b", "accessToken": "t"}]}`,
		"unknown role mode":     `{"spaceRoleMode": "SOMETIMES"}`,
		"role name over 25":     `{"customSpaceRoles": [{"name": "Twenty-six characters long", "description": "d", "permissions": ["read/space"]}]}`,
		"role without desc":     `{"customSpaceRoles": [{"name": "R", "description": "", "permissions": ["read/space"]}]}`,
		"role without read":     `{"customSpaceRoles": [{"name": "R", "description": "d", "permissions": ["create/page"]}]}`,
		"unknown permission":    `{"customSpaceRoles": [{"name": "R", "description": "d", "permissions": ["read/space", "fly/space"]}]}`,
		"role named as system":  `{"customSpaceRoles": [{"name": "viewer", "description": "d", "permissions": ["read/space"]}]}`,
		"assignment of no role": `{"groups": [{"name": "g"}], "spaces": [{"key": "A", "name": "A", "roleAssignments": [{"group": "g", "role": "Overlord"}]}]}`,
		"assignment to two":     `{"groups": [{"name": "g"}], "spaces": [{"key": "A", "name": "A", "roleAssignments": [{"group": "g", "accessClass": "all-licensed-users", "role": "Viewer"}]}]}`,
		"assignment to nobody":  `{"spaces": [{"key": "A", "name": "A", "roleAssignments": [{"group": "nope", "role": "Viewer"}]}]}`,
		"unknown access class":  `{"spaces": [{"key": "A", "name": "A", "roleAssignments": [{"accessClass": "everyone", "role": "Viewer"}]}]}`,
		"bad space type":        `{"spaces": [{"key": "A", "name": "A", "type": "team"}]}`,
		"bad createdAt":         `{"spaces": [{"key": "A", "name": "A", "createdAt": "yesterday"}]}`,
		"org user not a user":   `{"org": {"id": "o", "directories": [{"id": "d", "name": "D"}], "users": [{"accountId": "557058:ghost"}]}}`,
		"unknown org field":     `{"org": {"id": "o", "directories": [{"id": "d", "name": "D"}], "sites": []}}`,
	}
	for name, doc := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseSeed([]byte(doc)); err == nil {
				t.Error("accepted")
			}
		})
	}
}

func TestStoreSeedRoundTrip(t *testing.T) {
	original := DemoSeed()
	store, err := original.build()
	if err != nil {
		t.Fatal(err)
	}
	exported := seedOf(store.Snapshot())
	rebuilt, err := exported.build()
	if err != nil {
		t.Fatalf("exported seed does not build: %v", err)
	}
	if !reflect.DeepEqual(seedOf(rebuilt.Snapshot()), exported) {
		t.Error("export -> build -> export is not stable")
	}
}

func TestGenerateSeed(t *testing.T) {
	opts := GenerateOptions{Users: 300, Spaces: 7, GroupsPerSpace: 3, MembersPerGroup: 40, BigGroupMembers: 250}
	seed := GenerateSeed(opts)
	if !reflect.DeepEqual(seed, GenerateSeed(opts)) {
		t.Fatal("not deterministic")
	}
	store, err := seed.build()
	if err != nil {
		t.Fatal(err)
	}
	if got := len(store.Users()); got != 301 {
		t.Errorf("users %d, want 300 + admin", got)
	}
	if got := len(store.Spaces()); got != 7 {
		t.Errorf("spaces %d", got)
	}
	if got := len(store.Groups()); got != 3+7*3+1 {
		t.Errorf("groups %d", got)
	}
	g, _ := store.GroupByName("s0003-group-1")
	if got := len(store.Members(g.ID)); got != 40 {
		t.Errorf("members per group %d", got)
	}
	big, _ := store.GroupByName("s0000-big-group")
	if got := len(store.Members(big.ID)); got != 250 {
		t.Errorf("big group %d", got)
	}
	org, err := seed.buildOrg(store, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	never, jira := 0, 0
	for _, u := range org.Snapshot().Users {
		if u.ProductAccess[0].Key != "confluence" {
			t.Fatalf("user %s: first product %+v", u.AccountID, u.ProductAccess[0])
		}
		if u.ProductAccess[0].LastActive == nil {
			never++
		}
		if len(u.ProductAccess) == 2 {
			jira++
		}
	}
	if never != 30 || jira != 43 {
		t.Errorf("%d users never active (want 30 of 301), %d also on Jira (want 43)", never, jira)
	}
	if capped := GenerateSeed(GenerateOptions{Users: 5, Spaces: 1, GroupsPerSpace: 1, MembersPerGroup: 50}); len(capped.Groups[3].Members) != 5 {
		t.Errorf("members not capped at the number of users: %d", len(capped.Groups[3].Members))
	}
}

// Users given a space's access one by one hold read/space and the Viewer role there, each space its own.
func TestGenerateSeedUsersPerSpace(t *testing.T) {
	seed := GenerateSeed(GenerateOptions{Users: 300, Spaces: 2, GroupsPerSpace: 1, UsersPerSpace: 260})
	store, err := seed.build()
	if err != nil {
		t.Fatal(err)
	}
	for _, sp := range store.Spaces() {
		users := 0
		for _, a := range store.RoleAssignments(sp.Key) {
			if a.Principal.Type == "USER" && a.Principal.ID != seed.Users[0].AccountID {
				users++
			}
		}
		if users != 260 || len(store.SpacePermissions(sp.Key)) != 2+2+260 {
			t.Errorf("space %s: %d users with a role and %d permissions, want 260 and 264", sp.Key, users, len(store.SpacePermissions(sp.Key)))
		}
	}
	if capped := GenerateSeed(GenerateOptions{Users: 5, Spaces: 1, UsersPerSpace: 50}); len(capped.Spaces[0].RoleAssignments) != 2+5 {
		t.Errorf("users per space not capped at the number of users: %d assignments", len(capped.Spaces[0].RoleAssignments))
	}
}

func TestSeedRoles(t *testing.T) {
	bare, err := ParseSeed([]byte(`{"groups": [{"name": "g"}], "spaces": [{"key": "A", "name": "A",
		"roleAssignments": [{"group": "g", "role": "Viewer"}, {"accessClass": "all-licensed-users", "role": "Editor"}]}],
		"customSpaceRoles": [{"name": "Editor", "description": "Edits pages.", "permissions": ["read/space", "create/page"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	store, err := bare.build()
	if err != nil {
		t.Fatal(err)
	}
	if mode := store.SpaceRoleMode(); mode != confluence.RoleModeRoles {
		t.Errorf("a seed without spaceRoleMode is %s, want ROLES as every new site", mode)
	}
	if got := len(store.RoleAssignments("A")); got != 2 {
		t.Errorf("assignments %v", store.RoleAssignments("A"))
	}

	demo, err := DemoSeed().build()
	if err != nil {
		t.Fatal(err)
	}
	if demo.SpaceRoleMode() != confluence.RoleModeRoles {
		t.Errorf("demo mode %s", demo.SpaceRoleMode())
	}
	var admin string
	for _, u := range demo.Users() {
		if u.Email == "admin@example.com" {
			admin = u.AccountID
		}
	}
	adminRole := demo.Snapshot().SystemRoleIDs()
	for _, sp := range demo.Spaces() {
		// The roles stand in for the individual permissions, which stay for a move back to PRE_ROLES.
		if !slices.Contains(demo.RoleAssignments(sp.Key), confluence.RoleAssignment{Principal: confluence.Principal{Type: "USER", ID: admin}, RoleID: adminRole["Admin"]}) {
			t.Errorf("%s: the demo admin holds no Admin role: %v", sp.Key, demo.RoleAssignments(sp.Key))
		}
		if len(demo.SpacePermissions(sp.Key)) == 0 {
			t.Errorf("%s lost its individual permissions", sp.Key)
		}
		for _, mode := range []string{confluence.RoleModePreRoles, confluence.RoleModeRoles} {
			if err := demo.SetSpaceRoleMode(mode); err != nil {
				t.Fatal(err)
			}
			if !demo.CanAdminister(admin, sp.Key) || !demo.CanView(admin, sp.Key) {
				t.Errorf("%s: the demo admin does not administer the space in %s", sp.Key, mode)
			}
		}
	}
}
