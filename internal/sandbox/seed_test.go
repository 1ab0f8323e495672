package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"reflect"
	"strings"
	"testing"
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

func TestDemoSeedAccounts(t *testing.T) {
	s := startSandbox(t, Options{Seed: DemoSeed()})
	st := s.Store()
	tests := []struct {
		email                     string
		siteAdmin, canUse, active bool
	}{
		{"admin@example.com", true, true, true},
		{"automation@example.com", true, true, true},
		{"viewer@example.com", false, true, true},
		{"dora@example.com", false, false, false},
	}
	for _, tc := range tests {
		id := accountOf(t, s, tc.email)
		u, _ := st.User(id)
		if st.HasGlobalPermission(id, SiteAdmin) != tc.siteAdmin || st.HasGlobalPermission(id, CanUse) != tc.canUse || u.Active != tc.active {
			t.Errorf("%s: site admin %v, can use %v, active %v", tc.email, st.HasGlobalPermission(id, SiteAdmin), st.HasGlobalPermission(id, CanUse), u.Active)
		}
		if !strings.HasPrefix(id, "557058:") {
			t.Errorf("%s account id %s", tc.email, id)
		}
	}
	if got := len(st.Users()); got < 25 {
		t.Errorf("demo seed has %d users", got)
	}
	if s.Credentials() != (Credentials{Email: "admin@example.com", APIToken: "sandbox-admin-token"}) || s.AppAPIKey() != "sandbox-app-key" {
		t.Errorf("credentials %+v key %q", s.Credentials(), s.AppAPIKey())
	}
	// The app half reaches through the same model.
	req, _ := http.NewRequest("GET", s.AppURL()+"/v1/spaces/ENG/groups", nil)
	req.Header.Set("Authorization", "Bearer sandbox-app-key")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct{ Results []struct{ Name string } }
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != 200 {
		t.Fatalf("app space groups: %d %v", resp.StatusCode, err)
	}
	var got []string
	for _, g := range body.Results {
		got = append(got, g.Name)
	}
	if strings.Join(got, ",") != "eng-leads,eng-readers,eng-writers" {
		t.Errorf("app sees ENG groups %v", got)
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
	exported := store.Seed()
	rebuilt, err := exported.build()
	if err != nil {
		t.Fatalf("exported seed does not build: %v", err)
	}
	if !reflect.DeepEqual(rebuilt.Seed(), exported) {
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
	if capped := GenerateSeed(GenerateOptions{Users: 5, Spaces: 1, GroupsPerSpace: 1, MembersPerGroup: 50}); len(capped.Groups[3].Members) != 5 {
		t.Errorf("members not capped at the number of users: %d", len(capped.Groups[3].Members))
	}
}

func BenchmarkMembersPage20k(b *testing.B) {
	store, err := GenerateSeed(GenerateOptions{Users: 20000, Spaces: 1, BigGroupMembers: 20000}).build()
	if err != nil {
		b.Fatal(err)
	}
	big, _ := store.GroupByName("s0000-big-group")
	b.ResetTimer()
	for b.Loop() {
		for start := 0; start < 20000; start += 200 {
			store.MembersPage(big.ID, start, 200)
		}
	}
}
