package confluence_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

const (
	adminAccessToken = "admin-oauth-access-token"
	adminScopedToken = "admin-scoped-api-token"
	doraAccessToken  = "dora-oauth-access-token"  // deactivated account
	guestAccessToken = "guest-oauth-access-token" // active, but no CAN_USE
	otherCloudID     = "00000000-0000-4000-8000-00000000c10d"
)

// gatewaySeed is the demo seed with OAuth and scoped tokens for a few accounts.
func gatewaySeed(t *testing.T) sandbox.Seed {
	t.Helper()
	seed := sandbox.DemoSeed()
	for i, u := range seed.Users {
		switch u.Email {
		case acctest.AdminEmail:
			seed.Users[i].AccessToken, seed.Users[i].ScopedAPIToken = adminAccessToken, adminScopedToken
		case "dora@example.com":
			seed.Users[i].AccessToken = doraAccessToken
		}
	}
	seed.Users = append(seed.Users, confluence.User{AccountID: "557058:guest", DisplayName: "Guest", Email: "guest@example.com",
		Active: true, AccessToken: guestAccessToken})
	return seed
}

func TestGatewayAuthentication(t *testing.T) {
	s := acctest.StartSandbox(t, acctest.WithSeed(gatewaySeed(t)))
	gw := confluence.GatewayPrefix + s.Sandbox.CloudID()
	admin := s.AccountID(t, acctest.AdminEmail)
	tests := []struct {
		name    string
		auth    func(*http.Request)
		path    string
		status  int
		message string // for errors: the gateway's or Confluence's message
	}{
		{"bearer through the gateway", bearer(adminAccessToken), gw + "/wiki/rest/api/user/current", 200, ""},
		{"bearer on v2 through the gateway", bearer(adminAccessToken), gw + "/wiki/api/v2/spaces", 200, ""},
		{"scoped token through the gateway", basic(acctest.AdminEmail, adminScopedToken), gw + "/wiki/rest/api/user/current", 200, ""},
		{"classic token through the gateway", basic(acctest.AdminEmail, acctest.AdminToken), gw + "/wiki/rest/api/user/current", 401, "Unauthorized"},
		{"unknown bearer token", bearer("nope"), gw + "/wiki/rest/api/user/current", 401, "Unauthorized"},
		{"no credentials at the gateway", func(*http.Request) {}, gw + "/wiki/rest/api/group", 401, "Unauthorized"},
		{"deactivated account's token", bearer(doraAccessToken), gw + "/wiki/rest/api/user/current", 401, "Unauthorized"},
		{"token of an account without CAN_USE", bearer(guestAccessToken), gw + "/wiki/rest/api/user/current", 403, "Current user not permitted to use Confluence"},
		{"token for another site", bearer(adminAccessToken), confluence.GatewayPrefix + otherCloudID + "/wiki/rest/api/user/current", 401, "Unauthorized; scope does not match"},
		{"gateway path outside Confluence", bearer(adminAccessToken), gw + "/csum-admin/v1/status", 404, "Not Found"},
		{"gateway path climbing out", bearer(adminAccessToken), gw + "/wiki/../csum-admin/v1/status", 404, "Not Found"},
		{"bearer on the site URL", bearer(adminAccessToken), "/wiki/rest/api/user/current", 401, "Client must be authenticated"},
		{"scoped token on the site URL", basic(acctest.AdminEmail, adminScopedToken), "/wiki/rest/api/user/current", 401, "Client must be authenticated"},
		{"classic token on the site URL", basic(acctest.AdminEmail, acctest.AdminToken), "/wiki/rest/api/user/current", 200, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := s.Send(t, tc.auth, "GET", tc.path, nil)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.status, r.Body)
			}
			body := r.JSON(t)
			switch {
			case tc.status == 200 && strings.HasSuffix(tc.path, "/user/current"):
				if body["accountId"] != admin {
					t.Errorf("acting as %v, want the token's owner %s", body["accountId"], admin)
				}
				if strings.Contains(string(r.Body), adminAccessToken) || strings.Contains(string(r.Body), adminScopedToken) {
					t.Error("a token is served in the user object")
				}
			case tc.status == 401 && strings.HasPrefix(tc.path, confluence.GatewayPrefix), tc.status == 404:
				// The gateway's own body: {"code":401,"message":"..."}.
				if body["code"] != float64(tc.status) || body["message"] != tc.message {
					t.Errorf("gateway error body = %s", r.Body)
				}
			case tc.status >= 400:
				if body["statusCode"] != float64(tc.status) || !strings.Contains(body["message"].(string), tc.message) {
					t.Errorf("Confluence error body = %s", r.Body)
				}
			}
		})
	}
}

func TestGatewayServesTheSameSite(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	s := acctest.StartSandbox(t, acctest.WithSeed(gatewaySeed(t)), acctest.WithStatePath(state))
	gw := confluence.GatewayPrefix + s.Sandbox.CloudID()
	asOAuth := bearer(adminAccessToken)

	// v1 paging: _links.base leads back through the gateway and next is relative to it.
	page := s.Send(t, asOAuth, "GET", gw+"/wiki/rest/api/group?limit=3", nil).JSON(t)
	links := page["_links"].(map[string]any)
	base := s.Sandbox.URL() + gw + "/wiki"
	if links["base"] != base || links["next"] != "/rest/api/group?limit=3&start=3" {
		t.Fatalf("links = %v", links)
	}
	first := page["results"].([]any)[0].(map[string]any)
	if self := first["_links"].(map[string]any)["self"].(string); !strings.HasPrefix(self, base+"/rest/api/group/by-id?id=") {
		t.Errorf("group self link %q is not under the gateway", self)
	}
	nextPage := s.Send(t, asOAuth, "GET", strings.TrimPrefix(base, s.Sandbox.URL())+links["next"].(string), nil)
	if nextPage.Status != 200 || nextPage.JSON(t)["start"] != float64(3) {
		t.Errorf("following next through the gateway = %d %s", nextPage.Status, nextPage.Body)
	}

	// v2 paging: the Link header's next keeps the gateway prefix, and following it reaches every space.
	var viaGateway []string
	for next := gw + "/wiki/api/v2/spaces?limit=1"; next != ""; {
		r := s.Send(t, asOAuth, "GET", next, nil)
		body := r.JSON(t)
		for _, sp := range body["results"].([]any) {
			viaGateway = append(viaGateway, sp.(map[string]any)["key"].(string))
		}
		next, _ = body["_links"].(map[string]any)["next"].(string)
		if next != "" && (!strings.HasPrefix(next, gw+"/wiki/api/v2/spaces?") || !strings.Contains(r.Header.Get("Link"), "<"+next+`>; rel="next"`)) {
			t.Fatalf("next %q / Link %q do not lead back through the gateway", next, r.Header.Get("Link"))
		}
	}
	var direct []string
	for _, sp := range s.Call(t, acctest.Admin, "GET", "/wiki/api/v2/spaces", nil).JSON(t)["results"].([]any) {
		direct = append(direct, sp.(map[string]any)["key"].(string))
	}
	if strings.Join(viaGateway, ",") != strings.Join(direct, ",") || len(direct) < 2 {
		t.Errorf("gateway listed %v, site lists %v", viaGateway, direct)
	}

	// A write through the gateway changes the one model, is saved, and is counted under its route.
	created := s.Send(t, asOAuth, "POST", gw+"/wiki/rest/api/group", map[string]string{"name": "via-gateway"})
	if created.Status != 201 {
		t.Fatalf("create through the gateway = %d %s", created.Status, created.Body)
	}
	if r := s.Call(t, acctest.Admin, "GET", "/wiki/rest/api/group/picker?query=via-gateway", nil).JSON(t); r["size"] != float64(1) {
		t.Errorf("group created through the gateway is not on the site: %v", r)
	}
	saved, err := os.ReadFile(state)
	if err != nil || !strings.Contains(string(saved), `"via-gateway"`) || !strings.Contains(string(saved), `"cloudId": "`+s.Sandbox.CloudID()+`"`) {
		t.Errorf("state file misses the gateway write or the cloud ID (%v)", err)
	}
	if n := s.Sandbox.Faults().Counts()["POST /wiki/rest/api/group"]; n != 1 {
		t.Errorf("gateway write counted %d times under its route: %v", n, s.Sandbox.Faults().Counts())
	}

	// Faults apply through the gateway too, counted under the same route template.
	s.Sandbox.Faults().Set(faults.Config{RateLimitEvery: 1})
	limited := s.Send(t, asOAuth, "GET", gw+"/wiki/rest/api/group", nil)
	if limited.Status != 429 || limited.Header.Get("Retry-After") == "" {
		t.Errorf("rate limit through the gateway = %d (Retry-After %q)", limited.Status, limited.Header.Get("Retry-After"))
	}
	if n := s.Sandbox.Faults().Counts()["GET /wiki/rest/api/group"+faults.SuffixRateLimited]; n != 1 {
		t.Errorf("faulted gateway request not counted under its route: %v", s.Sandbox.Faults().Counts())
	}
}

func TestCloudIDDiscovery(t *testing.T) {
	seed := gatewaySeed(t)
	seed.CloudID = "4a5b6c7d-0000-4000-8000-000000000001"
	s := acctest.StartSandbox(t, acctest.WithSeed(seed))
	if s.Sandbox.CloudID() != seed.CloudID {
		t.Fatalf("CloudID() = %s, want the seed's", s.Sandbox.CloudID())
	}
	tenant := s.Send(t, func(*http.Request) {}, "GET", "/_edge/tenant_info", nil)
	if tenant.Status != 200 || tenant.JSON(t)["cloudId"] != seed.CloudID {
		t.Errorf("tenant_info = %d %s", tenant.Status, tenant.Body)
	}
	resources := s.Send(t, bearer(adminAccessToken), "GET", "/oauth/token/accessible-resources", nil)
	if resources.Status != 200 || !strings.Contains(string(resources.Body), `"id":"`+seed.CloudID+`"`) ||
		!strings.Contains(string(resources.Body), `"url":"`+s.Sandbox.URL()+`"`) {
		t.Errorf("accessible-resources = %d %s", resources.Status, resources.Body)
	}
	for name, auth := range map[string]func(*http.Request){
		"no token": func(*http.Request) {}, "classic token": basic(acctest.AdminEmail, acctest.AdminToken), "unknown token": bearer("nope"),
	} {
		if r := s.Send(t, auth, "GET", "/oauth/token/accessible-resources", nil); r.Status != 401 {
			t.Errorf("accessible-resources with %s = %d", name, r.Status)
		}
	}
	if r := s.Send(t, bearer(adminAccessToken), "GET", confluence.GatewayPrefix+seed.CloudID+"/wiki/rest/api/user/current", nil); r.Status != 200 {
		t.Errorf("the seed's cloud ID is not served: %d", r.Status)
	}
	if r := s.Send(t, bearer(adminAccessToken), "GET", confluence.GatewayPrefix+confluence.DefaultCloudID+"/wiki/rest/api/user/current", nil); r.Status != 401 {
		t.Errorf("the default cloud ID is served although the seed names another: %d", r.Status)
	}
}
