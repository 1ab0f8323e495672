package confluence_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
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
