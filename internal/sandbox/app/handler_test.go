package app

import (
	"net/http"
	"strings"
	"testing"
)

func TestAuthAndRouting(t *testing.T) {
	h := newHarness(t, Seed{})
	tests := []struct {
		name   string
		req    request
		status int
		code   string
	}{
		{"no key", request{method: "GET", path: "/v1/status", header: map[string]string{"Authorization": ""}}, 401, codeUnauthorized},
		{"wrong key", request{method: "GET", path: "/v1/settings", header: map[string]string{"Authorization": "Bearer not-the-key"}}, 401, codeUnauthorized},
		{"basic scheme", request{method: "GET", path: "/v1/settings", header: map[string]string{"Authorization": "Basic " + testKey}}, 401, codeUnauthorized},
		{"unknown path needs a key first", request{method: "GET", path: "/v1/nope", header: map[string]string{"Authorization": ""}}, 401, codeUnauthorized},
		{"lower-case bearer", request{method: "GET", path: "/v1/status", header: map[string]string{"Authorization": "bearer " + testKey}}, 200, ""},
		{"unknown path", request{method: "GET", path: "/v1/nope"}, 404, codeNotFound},
		{"trailing slash is another path", request{method: "GET", path: "/v1/settings/"}, 404, codeNotFound},
		{"spaces without groups", request{method: "GET", path: "/v1/spaces/ENG"}, 404, codeNotFound},
		{"wrong method", request{method: "POST", path: "/v1/settings", body: "{}"}, 405, codeMethodNotAllowed},
		{"wrong method on status", request{method: "DELETE", path: "/v1/status"}, 405, codeMethodNotAllowed},
		{"GET on import", request{method: "GET", path: "/v1/config/import"}, 405, codeMethodNotAllowed},
		{"read-only key reads", request{method: "GET", path: "/v1/settings", header: map[string]string{"Authorization": "Bearer " + testReadOnlyKey}}, 200, ""},
		{"read-only key PUT", request{method: "PUT", path: "/v1/settings", body: settingsJSON(t, nil), header: map[string]string{"Authorization": "Bearer " + testReadOnlyKey}}, 403, codeForbidden},
		{"read-only key DELETE", request{method: "DELETE", path: "/v1/privileged-user", header: map[string]string{"Authorization": "Bearer " + testReadOnlyKey}}, 403, codeForbidden},
		{"read-only key import", request{method: "POST", path: "/v1/config/import", body: "{}", header: map[string]string{"Authorization": "Bearer " + testReadOnlyKey}}, 403, codeForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := h.do(tt.req).mustStatus(t, tt.status, tt.code)
			for _, secret := range []string{testKey, testReadOnlyKey, "not-the-key"} {
				if strings.Contains(r.raw, secret) {
					t.Fatalf("answer echoes a key: %s", r.raw)
				}
			}
		})
	}
	if h.changes.Load() != 0 {
		t.Fatalf("refused requests called onChange %d times", h.changes.Load())
	}
	if got := h.app.Snapshot().SettingsRevision; got != 1 {
		t.Fatalf("a refused write changed the settings revision to %d", got)
	}
}

func TestMethodNotAllowedListsAllowedMethods(t *testing.T) {
	h := newHarness(t, Seed{})
	r := h.do(request{method: http.MethodPatch, path: "/v1/privileged-user"}).mustStatus(t, 405, codeMethodNotAllowed)
	if got := r.header.Get("Allow"); got != "DELETE, GET, PUT" {
		t.Fatalf("Allow = %q", got)
	}
}

func TestDefaultKeyWhenSeedHasNone(t *testing.T) {
	a := New(newFakeDirectory(), Seed{}, nil)
	h := &harness{t: t, app: a}
	h.do(request{method: "GET", path: "/v1/status", header: map[string]string{"Authorization": "Bearer " + DefaultAPIKey}}).mustStatus(t, 200, "")
	h.do(request{method: "GET", path: "/v1/status", header: map[string]string{"Authorization": "Bearer "}}).mustStatus(t, 401, codeUnauthorized)
}

func TestStatus(t *testing.T) {
	h := newHarness(t, Seed{})
	h.do(request{method: "DELETE", path: "/v1/settings"}).mustStatus(t, 200, "")
	r := h.get("/v1/status").mustStatus(t, 200, "")
	want := map[string]any{"app": AppKey, "version": AppVersion, "siteUrl": "http://example.com",
		"settingsRevision": float64(2), "permissionSchemesRevision": float64(1)}
	for k, v := range want {
		if r.body[k] != v {
			t.Errorf("%s = %v, want %v", k, r.body[k], v)
		}
	}
}
