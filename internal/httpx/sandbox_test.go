package httpx_test

import (
	"context"
	"errors"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
	sandboxconfluence "github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

// TestSandboxBodiesNoClientMethodReaches parses the Confluence answers the typed clients never provoke
// (removed routes, wrong methods, unknown paths, the OAuth gateway's own body) into readable APIErrors.
func TestSandboxBodiesNoClientMethodReaches(t *testing.T) {
	srv := acctest.StartSandbox(t).Sandbox
	creds := srv.Credentials()
	basic := httpx.BasicAuth(creds.Email, creds.APIToken)
	site, err := httpx.New(httpx.Config{BaseURL: srv.URL(), Auth: basic})
	if err != nil {
		t.Fatal(err)
	}
	gateway, err := httpx.New(httpx.Config{BaseURL: srv.URL() + sandboxconfluence.GatewayPrefix + srv.CloudID(), Auth: basic})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		client  *httpx.Client
		method  string
		path    string
		status  int
		code    string
		message string
	}{
		{"410 for a removed by-name route", site, "GET", "/wiki/rest/api/group/by-name?name=eng-writers", 410, "GoneException",
			"This deprecated endpoint has been removed."},
		{"405 for the missing v1 permission list", site, "GET", "/wiki/rest/api/space/OPS/permission", 405, "MethodNotAllowedException",
			"HTTP GET is not supported by this resource"},
		{"v1 404 for an unknown path", site, "GET", "/wiki/rest/api/nothing", 404, "NotFoundException",
			"No resource found for /wiki/rest/api/nothing"},
		{"gateway 401 for a classic token", gateway, "GET", "/wiki/rest/api/user/current", 401, "", "Unauthorized"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.client.Do(context.Background(), tt.method, tt.path, nil, nil, nil)
			var apiErr *httpx.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("got %v, want an *httpx.APIError", err)
			}
			if apiErr.Status != tt.status || apiErr.Code != tt.code || apiErr.Message != tt.message || apiErr.Method != tt.method {
				t.Errorf("APIError = %+v, want status %d, code %q, message %q", *apiErr, tt.status, tt.code, tt.message)
			}
		})
	}
}
