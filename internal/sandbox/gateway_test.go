package sandbox

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
func gatewaySeed(t *testing.T) Seed {
	t.Helper()
	seed := DemoSeed()
	for i, u := range seed.Users {
		switch u.Email {
		case adminEmail:
			seed.Users[i].AccessToken, seed.Users[i].ScopedAPIToken = adminAccessToken, adminScopedToken
		case "dora@example.com":
			seed.Users[i].AccessToken = doraAccessToken
		}
	}
	seed.Users = append(seed.Users, User{AccountID: "557058:guest", DisplayName: "Guest", Email: "guest@example.com",
		Active: true, AccessToken: guestAccessToken})
	return seed
}

func basic(email, token string) func(*http.Request) {
	return func(req *http.Request) { req.SetBasicAuth(email, token) }
}

func TestGatewayAuthentication(t *testing.T) {
	s := startSandbox(t, Options{Seed: gatewaySeed(t)})
	gw := GatewayPrefix + s.CloudID()
	admin := accountOf(t, s, adminEmail)
	tests := []struct {
		name    string
		auth    func(*http.Request)
		path    string
		status  int
		message string // for errors: the gateway's or Confluence's message
	}{
		{"bearer through the gateway", bearer(adminAccessToken), gw + "/wiki/rest/api/user/current", 200, ""},
		{"bearer on v2 through the gateway", bearer(adminAccessToken), gw + "/wiki/api/v2/spaces", 200, ""},
		{"scoped token through the gateway", basic(adminEmail, adminScopedToken), gw + "/wiki/rest/api/user/current", 200, ""},
		{"classic token through the gateway", basic(adminEmail, adminToken), gw + "/wiki/rest/api/user/current", 401, "Unauthorized"},
		{"unknown bearer token", bearer("nope"), gw + "/wiki/rest/api/user/current", 401, "Unauthorized"},
		{"no credentials at the gateway", func(*http.Request) {}, gw + "/wiki/rest/api/group", 401, "Unauthorized"},
		{"deactivated account's token", bearer(doraAccessToken), gw + "/wiki/rest/api/user/current", 401, "Unauthorized"},
		{"token of an account without CAN_USE", bearer(guestAccessToken), gw + "/wiki/rest/api/user/current", 403, "Current user not permitted to use Confluence"},
		{"token for another site", bearer(adminAccessToken), GatewayPrefix + otherCloudID + "/wiki/rest/api/user/current", 401, "Unauthorized; scope does not match"},
		{"gateway path outside Confluence", bearer(adminAccessToken), gw + "/csum-admin/v1/status", 404, "Not Found"},
		{"gateway path climbing out", bearer(adminAccessToken), gw + "/wiki/../csum-admin/v1/status", 404, "Not Found"},
		{"bearer on the site URL", bearer(adminAccessToken), "/wiki/rest/api/user/current", 401, "Client must be authenticated"},
		{"scoped token on the site URL", basic(adminEmail, adminScopedToken), "/wiki/rest/api/user/current", 401, "Client must be authenticated"},
		{"classic token on the site URL", basic(adminEmail, adminToken), "/wiki/rest/api/user/current", 200, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := send(t, s, tc.auth, "GET", tc.path, nil)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			body := r.json(t)
			switch {
			case tc.status == 200 && strings.HasSuffix(tc.path, "/user/current"):
				if body["accountId"] != admin {
					t.Errorf("acting as %v, want the token's owner %s", body["accountId"], admin)
				}
				if strings.Contains(string(r.body), adminAccessToken) || strings.Contains(string(r.body), adminScopedToken) {
					t.Error("a token is served in the user object")
				}
			case tc.status == 401 && strings.HasPrefix(tc.path, GatewayPrefix), tc.status == 404:
				// The gateway's own body: {"code":401,"message":"..."}.
				if body["code"] != float64(tc.status) || body["message"] != tc.message {
					t.Errorf("gateway error body = %s", r.body)
				}
			case tc.status >= 400:
				if body["statusCode"] != float64(tc.status) || !strings.Contains(body["message"].(string), tc.message) {
					t.Errorf("Confluence error body = %s", r.body)
				}
			}
		})
	}
}

func TestGatewayServesTheSameSite(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	s := startSandbox(t, Options{Seed: gatewaySeed(t), StatePath: state})
	gw := GatewayPrefix + s.CloudID()
	asOAuth := bearer(adminAccessToken)

	// v1 paging: _links.base leads back through the gateway and next is relative to it.
	page := send(t, s, asOAuth, "GET", gw+"/wiki/rest/api/group?limit=3", nil).json(t)
	links := page["_links"].(map[string]any)
	base := s.URL() + gw + "/wiki"
	if links["base"] != base || links["next"] != "/rest/api/group?limit=3&start=3" {
		t.Fatalf("links = %v", links)
	}
	first := page["results"].([]any)[0].(map[string]any)
	if self := first["_links"].(map[string]any)["self"].(string); !strings.HasPrefix(self, base+"/rest/api/group/by-id?id=") {
		t.Errorf("group self link %q is not under the gateway", self)
	}
	nextPage := send(t, s, asOAuth, "GET", strings.TrimPrefix(base, s.URL())+links["next"].(string), nil)
	if nextPage.status != 200 || nextPage.json(t)["start"] != float64(3) {
		t.Errorf("following next through the gateway = %d %s", nextPage.status, nextPage.body)
	}

	// v2 paging: the Link header's next keeps the gateway prefix, and following it reaches every space.
	var viaGateway []string
	for next := gw + "/wiki/api/v2/spaces?limit=1"; next != ""; {
		r := send(t, s, asOAuth, "GET", next, nil)
		body := r.json(t)
		for _, sp := range body["results"].([]any) {
			viaGateway = append(viaGateway, sp.(map[string]any)["key"].(string))
		}
		next, _ = body["_links"].(map[string]any)["next"].(string)
		if next != "" && (!strings.HasPrefix(next, gw+"/wiki/api/v2/spaces?") || !strings.Contains(r.header.Get("Link"), "<"+next+`>; rel="next"`)) {
			t.Fatalf("next %q / Link %q do not lead back through the gateway", next, r.header.Get("Link"))
		}
	}
	var direct []string
	for _, sp := range call(t, s, asAdmin, "GET", "/wiki/api/v2/spaces", nil).json(t)["results"].([]any) {
		direct = append(direct, sp.(map[string]any)["key"].(string))
	}
	if strings.Join(viaGateway, ",") != strings.Join(direct, ",") || len(direct) < 2 {
		t.Errorf("gateway listed %v, site lists %v", viaGateway, direct)
	}

	// A write through the gateway changes the one model, is saved, and is counted under its route.
	created := send(t, s, asOAuth, "POST", gw+"/wiki/rest/api/group", map[string]string{"name": "via-gateway"})
	if created.status != 201 {
		t.Fatalf("create through the gateway = %d %s", created.status, created.body)
	}
	if r := call(t, s, asAdmin, "GET", "/wiki/rest/api/group/picker?query=via-gateway", nil).json(t); r["size"] != float64(1) {
		t.Errorf("group created through the gateway is not on the site: %v", r)
	}
	saved, err := os.ReadFile(state)
	if err != nil || !strings.Contains(string(saved), `"via-gateway"`) || !strings.Contains(string(saved), `"cloudId": "`+s.CloudID()+`"`) {
		t.Errorf("state file misses the gateway write or the cloud ID (%v)", err)
	}
	if n := s.Faults().Counts()["POST /wiki/rest/api/group"]; n != 1 {
		t.Errorf("gateway write counted %d times under its route: %v", n, s.Faults().Counts())
	}

	// Faults apply through the gateway too, counted under the same route template.
	s.Faults().Set(faults.Config{RateLimitEvery: 1})
	limited := send(t, s, asOAuth, "GET", gw+"/wiki/rest/api/group", nil)
	if limited.status != 429 || limited.header.Get("Retry-After") == "" {
		t.Errorf("rate limit through the gateway = %d (Retry-After %q)", limited.status, limited.header.Get("Retry-After"))
	}
	if n := s.Faults().Counts()["GET /wiki/rest/api/group"+faults.SuffixRateLimited]; n != 1 {
		t.Errorf("faulted gateway request not counted under its route: %v", s.Faults().Counts())
	}
}

func TestCloudIDDiscovery(t *testing.T) {
	seed := gatewaySeed(t)
	seed.CloudID = "4a5b6c7d-0000-4000-8000-000000000001"
	s := startSandbox(t, Options{Seed: seed})
	if s.CloudID() != seed.CloudID {
		t.Fatalf("CloudID() = %s, want the seed's", s.CloudID())
	}
	tenant := send(t, s, func(*http.Request) {}, "GET", "/_edge/tenant_info", nil)
	if tenant.status != 200 || tenant.json(t)["cloudId"] != seed.CloudID {
		t.Errorf("tenant_info = %d %s", tenant.status, tenant.body)
	}
	resources := send(t, s, bearer(adminAccessToken), "GET", "/oauth/token/accessible-resources", nil)
	if resources.status != 200 || !strings.Contains(string(resources.body), `"id":"`+seed.CloudID+`"`) ||
		!strings.Contains(string(resources.body), `"url":"`+s.URL()+`"`) {
		t.Errorf("accessible-resources = %d %s", resources.status, resources.body)
	}
	for name, auth := range map[string]func(*http.Request){
		"no token": func(*http.Request) {}, "classic token": basic(adminEmail, adminToken), "unknown token": bearer("nope"),
	} {
		if r := send(t, s, auth, "GET", "/oauth/token/accessible-resources", nil); r.status != 401 {
			t.Errorf("accessible-resources with %s = %d", name, r.status)
		}
	}
	if r := send(t, s, bearer(adminAccessToken), "GET", GatewayPrefix+seed.CloudID+"/wiki/rest/api/user/current", nil); r.status != 200 {
		t.Errorf("the seed's cloud ID is not served: %d", r.status)
	}
	if r := send(t, s, bearer(adminAccessToken), "GET", GatewayPrefix+DefaultCloudID+"/wiki/rest/api/user/current", nil); r.status != 401 {
		t.Errorf("the default cloud ID is served although the seed names another: %d", r.status)
	}
}
