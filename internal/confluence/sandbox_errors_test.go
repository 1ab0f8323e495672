package confluence_test

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
	sandboxconfluence "github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// TestSandboxErrorBodiesBecomeAPIErrors drives the client into every error body the sandbox serves the way
// Confluence does (v1 full and short forms, v2 list form, the fault bodies) and checks that each becomes an
// *httpx.APIError that names the request, the status and Confluence's own message.
func TestSandboxErrorBodiesBecomeAPIErrors(t *testing.T) {
	env := acctest.StartSandbox(t, acctest.WithSpaceRoleMode(sandboxconfluence.RoleModePreRoles)) // classic permission writes
	srv := env.Sandbox
	ctx := context.Background()
	admin := adminClient(t, srv, 0, nil)
	viewer := newClient(t, srv, acctest.ViewerEmail, acctest.ViewerToken, 0, nil)
	if err := srv.Store().AddUser(sandboxconfluence.User{AccountID: "557058:unlicensed", Email: "unlicensed@example.com",
		Active: true, APIToken: "unlicensed-token"}); err != nil {
		t.Fatal(err)
	}
	unlicensed := newClient(t, srv, "unlicensed@example.com", "unlicensed-token", 0, nil)
	readers := env.GroupID(t, "ops-readers")
	var lastAdmin int64
	for _, p := range srv.Store().SpacePermissions("OPS") {
		if p.SubjectID == env.GroupID(t, "confluence-admins") && p.Operation == "administer" {
			lastAdmin = p.ID
		}
	}
	unknownGroup := "00000000-0000-4000-8000-000000000000"

	tests := []struct {
		name     string
		faults   faults.Config
		call     func() error
		status   int
		code     string
		message  string
		request  string // "METHOD path"
		notFound bool
	}{
		{name: "v1 404 NotFoundException", call: func() error { _, err := admin.GetGroup(ctx, unknownGroup); return err },
			status: 404, code: "NotFoundException", message: "No group found with id : " + unknownGroup,
			request: "GET /wiki/rest/api/group/by-id", notFound: true},
		{name: "v1 403 PermissionException", call: func() error { _, err := viewer.CreateGroup(ctx, "nope"); return err },
			status: 403, code: "PermissionException",
			message: "User " + env.AccountID(t, acctest.ViewerEmail) + " is not permitted to manage groups: site administrator permission is required",
			request: "POST /wiki/rest/api/group"},
		{name: "v1 400 on a duplicate grant", call: func() error {
			_, err := admin.AddSpacePermission(ctx, "OPS", confluence.SubjectGroup, readers, "read", "space")
			return err
		}, status: 400, code: "BadRequestException", message: "Permission already exists",
			request: "POST /wiki/rest/api/space/OPS/permission"},
		{name: "v1 400 on removing the last admin", call: func() error { return admin.RemoveSpacePermission(ctx, "OPS", lastAdmin) },
			status: 400, code: "BadRequestException", message: "Cannot remove the last administer permission of space OPS",
			request: "DELETE /wiki/rest/api/space/OPS/permission/{id}"},
		{name: "v1 short 403 for an unlicensed account", call: func() error { _, err := unlicensed.ListGroups(ctx); return err },
			status: 403, message: "Current user not permitted to use Confluence", request: "GET /wiki/rest/api/group"},
		{name: "v2 404", call: func() error { _, err := admin.SpacePermissions(ctx, "1"); return err },
			status: 404, code: "NOT_FOUND", message: "Not Found", request: "GET /wiki/api/v2/spaces/1/permissions", notFound: true},
		{name: "v2 400 with detail", call: func() error { _, err := admin.SpacePermissions(ctx, "abc"); return err },
			status: 400, code: "INVALID_REQUEST_PARAMETER", message: "Bad Request: space id must be an integer",
			request: "GET /wiki/api/v2/spaces/abc/permissions"},
		{name: "v2 503 fault body", faults: faults.Config{UnavailableEvery: 1},
			call: func() error { _, err := admin.SpaceByKey(ctx, "ENG"); return err }, status: 503, code: "SERVICE_UNAVAILABLE",
			message: "Service Unavailable", request: "GET /wiki/api/v2/spaces"},
		// Last: its Retry-After holds the client.
		{name: "v1 429 fault body", faults: faults.Config{RateLimitEvery: 1, RetryAfter: 3 * time.Second},
			call: func() error { _, err := admin.ListGroups(ctx); return err }, status: 429, message: "Rate limit exceeded",
			request: "GET /wiki/rest/api/group"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.Faults().Set(tt.faults)
			defer srv.Faults().Set(faults.Config{})
			err := tt.call()
			var apiErr *httpx.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("got %v (%T), want an *httpx.APIError", err, err)
			}
			method, path, _ := strings.Cut(tt.request, " ")
			path = strings.Replace(path, "{id}", apiErr.Path[strings.LastIndex(apiErr.Path, "/")+1:], 1)
			if apiErr.Status != tt.status || apiErr.Code != tt.code || apiErr.Message != tt.message ||
				apiErr.Method != method || apiErr.Path != path {
				t.Errorf("APIError = %+v\nwant status %d, code %q, message %q, request %s %s", *apiErr, tt.status, tt.code, tt.message, method, path)
			}
			for _, part := range []string{method + " " + path + ": ", tt.message} {
				if !strings.Contains(err.Error(), part) {
					t.Errorf("error text %q lacks %q", err.Error(), part)
				}
			}
			if httpx.IsNotFound(err) != tt.notFound {
				t.Errorf("IsNotFound = %v, want %v", !tt.notFound, tt.notFound)
			}
			if tt.faults.RetryAfter > 0 && apiErr.RetryAfter != tt.faults.RetryAfter {
				t.Errorf("RetryAfter = %v, want %v", apiErr.RetryAfter, tt.faults.RetryAfter)
			}
			if strings.Contains(err.Error(), srv.Credentials().APIToken) || strings.Contains(err.Error(), acctest.ViewerToken) {
				t.Error("a token is in the error text")
			}
		})
	}
}

// TestSandboxWrongTokenIsOneRequest: a wrong API token is answered 401 once; the client does not retry it,
// says which request failed and why, and never shows the token.
func TestSandboxWrongTokenIsOneRequest(t *testing.T) {
	srv := acctest.StartSandbox(t).Sandbox
	const wrong = "wrong-token-value"
	c := newClient(t, srv, srv.Credentials().Email, wrong, 5, nil)
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	_, err := c.ListGroups(ctx)
	if !httpx.IsStatus(err, 401) ||
		!strings.Contains(err.Error(), "GET /wiki/rest/api/group: 401 Unauthorized: Client must be authenticated to access this resource. (check the configured credentials)") {
		t.Fatalf("got %v, want one readable 401", err)
	}
	if want := map[string]int64{"GET /wiki/rest/api/group": 1}; !maps.Equal(srv.Faults().Counts(), want) {
		t.Errorf("requests = %v, want %v", srv.Faults().Counts(), want)
	}
	if strings.Contains(err.Error()+logs.String(), wrong) {
		t.Error("the token leaked into the error or the logs")
	}
	if !strings.Contains(logs.String(), `"status":401`) {
		t.Errorf("the request was not logged: %s", logs.String())
	}
}
