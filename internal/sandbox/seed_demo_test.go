package sandbox_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

func TestDemoSeedAccounts(t *testing.T) {
	s := acctest.StartSandbox(t, acctest.WithSeed(sandbox.DemoSeed()))
	st := s.Sandbox.Store()
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
		id := s.AccountID(t, tc.email)
		u, _ := st.User(id)
		if st.HasGlobalPermission(id, confluence.SiteAdmin) != tc.siteAdmin || st.HasGlobalPermission(id, confluence.CanUse) != tc.canUse || u.Active != tc.active {
			t.Errorf("%s: site admin %v, can use %v, active %v", tc.email, st.HasGlobalPermission(id, confluence.SiteAdmin), st.HasGlobalPermission(id, confluence.CanUse), u.Active)
		}
		if !strings.HasPrefix(id, "557058:") {
			t.Errorf("%s account id %s", tc.email, id)
		}
	}
	if got := len(st.Users()); got < 25 {
		t.Errorf("demo seed has %d users", got)
	}
	if s.Sandbox.Credentials() != (sandbox.Credentials{Email: "admin@example.com", APIToken: "sandbox-admin-token"}) || s.Sandbox.AppAPIKey() != "sandbox-app-key" {
		t.Errorf("credentials %+v key %q", s.Sandbox.Credentials(), s.Sandbox.AppAPIKey())
	}
	// The app half reaches through the same model.
	req, _ := http.NewRequest("GET", s.Sandbox.AppURL()+"/v1/spaces/ENG/groups", nil)
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
