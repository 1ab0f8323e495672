package sandbox

import (
	"net/http"
	"strings"
	"testing"
)

// FuzzDecodeRequestBodies sends arbitrary bytes to every route that reads a JSON body and asserts the server
// answers with a client error or success, never a 5xx and never a dropped connection (a panic).
func FuzzDecodeRequestBodies(f *testing.F) {
	s := startSandbox(f, Options{})
	oncall := groupID(f, s, "ops-oncall")
	paths := []string{
		"/wiki/rest/api/group",
		"/wiki/rest/api/group/userByGroupId?groupId=" + oncall,
		"/wiki/rest/api/space/OPS/permission",
	}
	for _, seed := range []string{`{"name":"x"}`, `{"accountId":"557058:x"}`, `{"subject":{"type":"group","identifier":"x"},"operation":{"key":"read","target":"space"}}`,
		``, `null`, `[]`, `{"name":null}`, `{"subject":[]}`, `"str"`, `{"operation":{"key":1}}`, "\xff\xfe"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, path := range paths {
			req, err := http.NewRequest("POST", s.URL()+path, strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			req.SetBasicAuth(adminEmail, adminToken)
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
	seed := DemoSeed()
	for i := range seed.Users {
		if seed.Users[i].Email == adminEmail {
			seed.Users[i].AccessToken = "fuzz-access-token"
		}
	}
	s := startSandbox(f, Options{Seed: seed})
	for _, p := range []string{s.CloudID() + "/wiki/rest/api/group", s.CloudID(), "", "x/wiki/", s.CloudID() + "/wiki/../csum-admin/v1/status",
		s.CloudID() + "/wiki/api/v2/spaces?cursor=%%", "/" + s.CloudID() + "//wiki/rest/api/user/current"} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, rest string) {
		req, err := http.NewRequest("GET", s.URL()+GatewayPrefix+rest, nil)
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
