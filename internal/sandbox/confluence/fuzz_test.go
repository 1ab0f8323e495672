package confluence_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

// FuzzDecodeRequestBodies sends arbitrary bytes to every route that reads a JSON body and asserts the server
// answers with a client error or success, never a 5xx and never a dropped connection (a panic).
func FuzzDecodeRequestBodies(f *testing.F) {
	s := acctest.StartSandbox(f)
	oncall := s.GroupID(f, "ops-oncall")
	paths := []string{
		"/wiki/rest/api/group",
		"/wiki/rest/api/group/userByGroupId?groupId=" + oncall,
		"/wiki/rest/api/space/OPS/permission",
		"/wiki/api/v2/spaces/" + spaceIDOf(f, s, "OPS") + "/role-assignments",
	}
	for _, seed := range []string{`{"name":"x"}`, `[{"principal":{"principalType":"GROUP","principalId":"` + oncall + `"},"roleId":null}]`,
		`[{"principal":null}]`, `[null]`, `[{"principal":{"principalType":1}}]`, `{"accountId":"557058:x"}`, `{"subject":{"type":"group","identifier":"x"},"operation":{"key":"read","target":"space"}}`,
		``, `null`, `[]`, `{"name":null}`, `{"subject":[]}`, `"str"`, `{"operation":{"key":1}}`, "\xff\xfe"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, path := range paths {
			req, err := http.NewRequest("POST", s.Sandbox.URL()+path, strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			req.SetBasicAuth(acctest.AdminEmail, acctest.AdminToken)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatalf("POST %s with %q: %v", path, body, err)
			}
			resp.Body.Close()
			if resp.StatusCode >= 500 {
				t.Fatalf("POST %s with %q: %d", path, body, resp.StatusCode)
			}
		}
	})
}

// FuzzGatewayPaths sends arbitrary paths behind the gateway prefix, authenticated with an access token, and
// asserts the server never fails or panics on them.
func FuzzGatewayPaths(f *testing.F) {
	seed := sandbox.DemoSeed()
	for i := range seed.Users {
		if seed.Users[i].Email == acctest.AdminEmail {
			seed.Users[i].AccessToken = "fuzz-access-token"
		}
	}
	s := acctest.StartSandbox(f, acctest.WithSeed(seed))
	for _, p := range []string{s.Sandbox.CloudID() + "/wiki/rest/api/group", s.Sandbox.CloudID(), "", "x/wiki/", s.Sandbox.CloudID() + "/wiki/../csum-admin/v1/status",
		s.Sandbox.CloudID() + "/wiki/api/v2/spaces?cursor=%%", "/" + s.Sandbox.CloudID() + "//wiki/rest/api/user/current"} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, rest string) {
		req, err := http.NewRequest("GET", s.Sandbox.URL()+confluence.GatewayPrefix+rest, nil)
		if err != nil {
			return // not a URL at all: nothing is sent
		}
		req.Header.Set("Authorization", "Bearer fuzz-access-token")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("GET %q: %v", rest, err)
		}
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			t.Fatalf("GET %q: %d", rest, resp.StatusCode)
		}
	})
}
