package confluence_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
)

// bearer authenticates a request with an OAuth access token.
func bearer(token string) func(*http.Request) {
	return func(req *http.Request) { req.Header.Set("Authorization", "Bearer "+token) }
}

func basic(email, token string) func(*http.Request) {
	return func(req *http.Request) { req.SetBasicAuth(email, token) }
}

func permBody(subjectType, id, op, target string) map[string]any {
	return map[string]any{"subject": map[string]string{"type": subjectType, "identifier": id},
		"operation": map[string]string{"key": op, "target": target}}
}

// names are the "name" fields of a list of results.
func names(results any) []string {
	var out []string
	for _, r := range results.([]any) {
		out = append(out, r.(map[string]any)["name"].(string))
	}
	return out
}

func assertV1Error(t *testing.T, r acctest.Response, status int, exception string) {
	t.Helper()
	body := r.JSON(t)
	data, ok := body["data"].(map[string]any)
	if !ok || body["statusCode"] != float64(status) || body["reason"] == "" {
		t.Fatalf("not a full v1 error body: %s", r.Body)
	}
	for _, key := range []string{"authorized", "valid", "allowedInReadOnlyMode", "errors", "successful"} {
		if _, has := data[key]; !has {
			t.Errorf("data.%s missing: %s", key, r.Body)
		}
	}
	if !strings.HasPrefix(body["message"].(string), "com.atlassian.confluence.api.service.exceptions."+exception+": ") {
		t.Errorf("message %q does not name %s", body["message"], exception)
	}
}

func assertV2Error(t *testing.T, r acctest.Response, status int) {
	t.Helper()
	errs, ok := r.JSON(t)["errors"].([]any)
	if !ok || len(errs) != 1 {
		t.Fatalf("not a v2 error body: %s", r.Body)
	}
	e := errs[0].(map[string]any)
	if e["status"] != float64(status) || e["code"] == "" || e["title"] == "" {
		t.Errorf("v2 error = %v", e)
	}
	if _, has := e["detail"]; !has {
		t.Errorf("v2 error without detail key: %v", e)
	}
}

// demoSeedWithToken is the demo seed with an API token for one more account, so that it can log in.
func demoSeedWithToken(c acctest.Creds) sandbox.Seed {
	seed := sandbox.DemoSeed()
	for i, u := range seed.Users {
		if u.Email == c.Email {
			seed.Users[i].APIToken = c.Token
		}
	}
	return seed
}

// roleIDs maps the names of the sandbox's space roles to their IDs.
func roleIDs(s *acctest.Env) map[string]string {
	ids := map[string]string{}
	for _, r := range s.Sandbox.Store().SpaceRoles() {
		ids[r.Name] = r.ID
	}
	return ids
}

// assign is one entry of a role assignment write; an empty roleID asks for removal.
func assign(principalType, principalID, roleID string) map[string]any {
	entry := map[string]any{"principal": map[string]string{"principalType": principalType, "principalId": principalID}}
	if roleID != "" {
		entry["roleId"] = roleID
	}
	return entry
}

// spaceIDOf is a space's v2 id as it appears in paths.
func spaceIDOf(t testing.TB, s *acctest.Env, key string) string {
	t.Helper()
	sp, ok := s.Sandbox.Store().Space(key)
	if !ok {
		t.Fatalf("no space %s", key)
	}
	return strconv.FormatInt(sp.ID, 10)
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
