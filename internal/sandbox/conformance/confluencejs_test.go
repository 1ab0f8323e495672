package conformance

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
)

// TestConfluenceJS runs confluencejs/check.mjs against a sandbox: confluence.js reads spaces, the role
// catalogue, role assignments, groups and users, assigns a role and removes it, and fails on any response its
// schemas reject. Node.js reaches only the sandbox on loopback; npm reaches the registry only when
// confluencejs/node_modules is missing or older than the lockfile.
func TestConfluenceJS(t *testing.T) {
	node := prepareCheck(t)
	env := acctest.StartSandbox(t)
	out, err := runCheck(t, node, env.Sandbox.URL(), acctest.AdminEmail, acctest.AdminToken)
	if err != nil {
		t.Fatalf("node check.mjs: %v\n%s", err, out)
	}
	t.Logf("node check.mjs:\n%s", out)
}

// TestConfluenceJSRejects proves that the check fails on what confluence.js's schemas do not allow, strict
// mode included, so that a confluence.js upgrade that made it lenient would not pass unnoticed.
func TestConfluenceJSRejects(t *testing.T) {
	node := prepareCheck(t)
	const space = `"id":"98305","key":"ENG","name":"Engineering","status":"current","authorId":"557058:a",` +
		`"spaceOwnerId":"557058:a","createdAt":"2025-04-01T10:00:00.000Z","homepageId":"98310"`
	tests := []struct{ name, space, want string }{
		{"a wrong type", `{"id":98305}`, "SchemaMismatchError"},
		{"an undocumented key", `{` + space + `,"type":"global","owner":"557058:a"}`, "does not document"},
		{"a value outside an enum", `{` + space + `,"type":"team"}`, "does not document"},
		{"a documented field missing", `{"id":"98305","key":"ENG"}`, "has no name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(`{"results":[` + tc.space + `],"_links":{}}`))
			}))
			defer site.Close()
			out, err := runCheck(t, node, site.URL, acctest.AdminEmail, acctest.AdminToken)
			if err == nil || !strings.Contains(string(out), "FAIL v2 getSpaces") || !strings.Contains(string(out), tc.want) {
				t.Fatalf("node check.mjs: %v, want a failure of v2 getSpaces with %q:\n%s", err, tc.want, out)
			}
		})
	}
}
