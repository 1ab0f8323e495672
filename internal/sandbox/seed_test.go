package sandbox

import (
	"bytes"
	"os"
	"reflect"
	"testing"
	"time"
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
