package contracttest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestCheckerFindsBrokenExchanges shows what the checker lets through and what it reports.
func TestCheckerFindsBrokenExchanges(t *testing.T) {
	c, err := checkerFor("/admin")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name               string
		method, path, body string
		header             map[string]string // request headers besides Authorization and Content-Type
		noKey              bool
		status             int
		answerHeader       map[string]string
		answer             string
		wantProblem        string // "" when the exchange follows the contract
	}{
		{name: "status", method: "GET", path: "/admin/v1/status", status: 200, answer: statusBody},
		{name: "status lacking a field", method: "GET", path: "/admin/v1/status", status: 200,
			answer:      `{"app":"csum-cloud","version":"5.2.0","siteUrl":"https://example.atlassian.net","settingsRevision":7}`,
			wantProblem: "permissionSchemesRevision"},
		{name: "status with an extra field", method: "GET", path: "/admin/v1/status", status: 200,
			answer: strings.Replace(statusBody, `{`, `{"apiKey":"x",`, 1), wantProblem: "apiKey"},
		{name: "settings with ETag", method: "GET", path: "/admin/v1/settings", status: 200,
			answerHeader: map[string]string{"ETag": `"3"`}, answer: settingsBody},
		{name: "settings without ETag", method: "GET", path: "/admin/v1/settings", status: 200, answer: settingsBody,
			wantProblem: "ETag"},
		{name: "unquoted ETag", method: "GET", path: "/admin/v1/settings", status: 200,
			answerHeader: map[string]string{"ETag": `3`}, answer: settingsBody, wantProblem: "ETag"},
		{name: "conditional PUT", method: "PUT", path: "/admin/v1/settings", body: settingsBody,
			header: map[string]string{"If-Match": `"3"`}, status: 200,
			answerHeader: map[string]string{"ETag": `"4"`}, answer: settingsBody},
		{name: "PUT with an unknown field taken", method: "PUT", path: "/admin/v1/settings",
			body: strings.Replace(settingsBody, `{`, `{"extra":1,`, 1), status: 200,
			answerHeader: map[string]string{"ETag": `"4"`}, answer: settingsBody, wantProblem: "yet was answered 200"},
		{name: "PUT with an unknown field refused", method: "PUT", path: "/admin/v1/settings",
			body: strings.Replace(settingsBody, `{`, `{"extra":1,`, 1), status: 422, answer: errorBody("VALIDATION_FAILED")},
		{name: "PUT out of range taken", method: "PUT", path: "/admin/v1/settings",
			body: strings.Replace(settingsBody, `"auditRetentionDays":90`, `"auditRetentionDays":0`, 1), status: 200,
			answerHeader: map[string]string{"ETag": `"4"`}, answer: settingsBody, wantProblem: "yet was answered 200"},
		{name: "PUT with a pattern lacking the token taken", method: "PUT", path: "/admin/v1/settings",
			body: strings.Replace(settingsBody, `"SPACEKEY-"`, `"team-"`, 1), status: 200,
			answerHeader: map[string]string{"ETag": `"4"`}, answer: settingsBody, wantProblem: "yet was answered 200"},
		{name: "PUT with a malformed group ID taken", method: "PUT", path: "/admin/v1/settings",
			body: strings.Replace(settingsBody, `"groupBlocklist":[]`, `"groupBlocklist":["g1"]`, 1), status: 200,
			answerHeader: map[string]string{"ETag": `"4"`}, answer: settingsBody, wantProblem: "yet was answered 200"},
		{name: "unquoted If-Match taken", method: "DELETE", path: "/admin/v1/settings", header: map[string]string{"If-Match": `3`},
			status: 200, answerHeader: map[string]string{"ETag": `"4"`}, answer: settingsBody, wantProblem: "yet was answered 200"},
		{name: "text/plain taken", method: "PUT", path: "/admin/v1/settings", body: settingsBody,
			header: map[string]string{"Content-Type": "text/plain"}, status: 200,
			answerHeader: map[string]string{"ETag": `"4"`}, answer: settingsBody, wantProblem: "yet was answered 200"},
		{name: "no key taken", method: "GET", path: "/admin/v1/status", noKey: true, status: 200, answer: statusBody,
			wantProblem: "yet was answered 200"},
		{name: "no key refused", method: "GET", path: "/admin/v1/status", noKey: true, status: 401, answer: errorBody("UNAUTHORIZED")},
		{name: "401 with another code", method: "GET", path: "/admin/v1/status", status: 401, answer: errorBody("FORBIDDEN"),
			wantProblem: "UNAUTHORIZED"},
		{name: "error without a message", method: "GET", path: "/admin/v1/status", status: 401,
			answer: `{"error":{"code":"UNAUTHORIZED"}}`, wantProblem: "message"},
		{name: "undocumented status", method: "GET", path: "/admin/v1/status", status: 418, answer: errorBody("BAD_REQUEST"),
			wantProblem: "status is not supported"},
		{name: "403 on a read", method: "GET", path: "/admin/v1/status", status: 403, answer: errorBody("FORBIDDEN"),
			wantProblem: "status is not supported"},
		{name: "429 with Retry-After", method: "GET", path: "/admin/v1/audit", status: 429,
			answerHeader: map[string]string{"Retry-After": "2"}, answer: errorBody("RATE_LIMITED")},
		{name: "429 without Retry-After", method: "GET", path: "/admin/v1/audit", status: 429, answer: errorBody("RATE_LIMITED"),
			wantProblem: "Retry-After"},
		{name: "audit limit out of range taken", method: "GET", path: "/admin/v1/audit?limit=500", status: 200,
			answer: `{"results":[],"next":null}`, wantProblem: "yet was answered 200"},
		{name: "import mode unknown taken", method: "POST", path: "/admin/v1/config/import?mode=loose",
			body:   `{"formatVersion":2,"settings":` + settingsBody + `,"permissionSchemes":{"default":[],"users":[],"groups":[]}}`,
			status: 200, answer: `{"settingsRevision":2,"permissionSchemesRevision":2,"applied":["settings"],"skipped":[],"warnings":[]}`,
			wantProblem: "yet was answered 200"},
		{name: "privileged user cleared", method: "DELETE", path: "/admin/v1/privileged-user", status: 204},
		{name: "unknown path", method: "GET", path: "/admin/v1/nope", status: 404, answer: errorBody("NOT_FOUND")},
		{name: "unknown path answered", method: "GET", path: "/admin/v1/nope", status: 200, answer: `{}`,
			wantProblem: "status is not supported"},
		{name: "wrong method", method: "PATCH", path: "/admin/v1/settings", status: 405,
			answerHeader: map[string]string{"Allow": "DELETE, GET, PUT"}, answer: errorBody("METHOD_NOT_ALLOWED")},
		{name: "wrong method without Allow", method: "PATCH", path: "/admin/v1/settings", status: 405,
			answer: errorBody("METHOD_NOT_ALLOWED"), wantProblem: "Allow"},
		{name: "wrong method answered 404", method: "PATCH", path: "/admin/v1/settings", status: 404,
			answer: errorBody("NOT_FOUND"), wantProblem: "status is not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			if !tt.noKey {
				req.Header.Set("Authorization", "Bearer some-key")
			}
			if tt.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			header := http.Header{}
			if tt.answer != "" {
				header.Set("Content-Type", "application/json")
			}
			for k, v := range tt.answerHeader {
				header.Set(k, v)
			}
			err := c.check(exchange{request: req, body: []byte(tt.body), status: tt.status, header: header, answer: []byte(tt.answer)})
			switch {
			case tt.wantProblem == "" && err != nil:
				t.Errorf("reported %v", err)
			case tt.wantProblem != "" && err == nil:
				t.Errorf("not reported, want a problem mentioning %q", tt.wantProblem)
			case tt.wantProblem != "" && !strings.Contains(err.Error(), tt.wantProblem):
				t.Errorf("reported %v\nwant a problem mentioning %q", err, tt.wantProblem)
			}
		})
	}
}
