package csumapi

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

func TestSettingsRoundTripWithRevisions(t *testing.T) {
	f, c := newFakeApp(t, nil)
	ctx := context.Background()

	doc, rev, err := c.GetSettings(ctx)
	if err != nil || rev != 1 || !reflect.DeepEqual(doc, csumdoc.DefaultSettings()) {
		t.Fatalf("GetSettings = %+v, %d, %v", doc, rev, err)
	}
	doc.GroupSettings.MaxUsersPerAction = 50
	stored, rev, err := c.PutSettings(ctx, doc, rev)
	if err != nil || rev != 2 || stored.GroupSettings.MaxUsersPerAction != 50 {
		t.Fatalf("PutSettings = %d, %v", rev, err)
	}
	if got := f.lastReq.Header.Get("If-Match"); got != `"1"` {
		t.Errorf("If-Match = %q, want \"1\"", got)
	}

	// A write based on the old revision is refused as a conflict, and says what to do.
	_, _, err = c.PutSettings(ctx, doc, 1)
	var conflict *ConflictError
	if !errors.Is(err, ErrConflict) || !errors.As(err, &conflict) || conflict.Document != "settings" || !httpx.IsStatus(err, 412) {
		t.Fatalf("stale write gave %v, want a settings ConflictError wrapping the 412", err)
	}
	if !strings.Contains(err.Error(), "refresh") {
		t.Errorf("conflict message %q does not say to refresh", err)
	}

	// Without a revision the write is unconditional.
	if _, rev, err = c.PutSettings(ctx, doc, 0); err != nil || rev != 3 || f.lastReq.Header.Get("If-Match") != "" {
		t.Errorf("unconditional PutSettings = %d, %v, If-Match %q", rev, err, f.lastReq.Header.Get("If-Match"))
	}

	reset, rev, err := c.ResetSettings(ctx, rev)
	if err != nil || rev != 4 || !reflect.DeepEqual(reset, csumdoc.DefaultSettings()) || f.lastReq.Method != http.MethodDelete {
		t.Errorf("ResetSettings = %d, %v", rev, err)
	}
}

func TestValidationErrorsKeepTheirPaths(t *testing.T) {
	_, c := newFakeApp(t, nil)
	doc := csumdoc.DefaultSettings()
	doc.GroupSettings.SpaceGroupPattern = csumdoc.Pattern{Prefix: "team-"}
	doc.GeneralSettings.AuditRetentionDays = 0
	_, _, err := c.PutSettings(context.Background(), doc, 0)
	var apiErr *httpx.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 422 || apiErr.Code != "VALIDATION_FAILED" {
		t.Fatalf("got %v, want a 422 APIError", err)
	}
	paths := map[string]bool{}
	for _, d := range apiErr.Details {
		paths[d.Path] = true
	}
	if !paths["/groupSettings/spaceGroupPattern"] || !paths["/generalSettings/auditRetentionDays"] {
		t.Errorf("details %+v lack the expected paths", apiErr.Details)
	}
}

func TestOtherEndpoints(t *testing.T) {
	f, c := newFakeApp(t, func(mux *http.ServeMux) {
		mux.HandleFunc("GET /admin/v1/permission-schemes", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("ETag", `"3"`)
			writeJSON(w, 200, `{"default":["CREATE_GROUP"],"users":[{"accountId":"a1","operations":["DELETE_GROUP"]}],"groups":[]}`)
		})
		mux.HandleFunc("PUT /admin/v1/privileged-user", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 422, `{"error":{"code":"PRIVILEGED_USER_INVALID","message":"the account cannot serve","details":[{"path":"/accountId","message":"missing permission SITE_ADMIN"}]}}`)
		})
		mux.HandleFunc("GET /admin/v1/privileged-user", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 200, `{"accountId":null,"displayName":null,"status":"NOT_CONFIGURED","missingPermissions":[],"validatedAt":null,"legacyCredentials":{"present":true,"email":"old@example.com"}}`)
		})
		mux.HandleFunc("DELETE /admin/v1/privileged-user", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) })
		mux.HandleFunc("GET /admin/v1/spaces/{key}/groups", func(w http.ResponseWriter, r *http.Request) {
			if r.PathValue("key") != "ENG" {
				writeJSON(w, 404, `{"error":{"code":"NOT_FOUND","message":"no space NOPE"}}`)
				return
			}
			writeJSON(w, 200, `{"spaceKey":"ENG","pattern":{"prefix":"SPACEKEY-","suffix":""},"results":[{"id":"5f2c1e6a-0b7d-4c1e-9a51-2f0e9c3d7a10","name":"eng-writers"}]}`)
		})
	})
	ctx := context.Background()

	schemes, rev, err := c.GetPermissionSchemes(ctx)
	if err != nil || rev != 3 || schemes.Users[0].AccountID != "a1" {
		t.Errorf("GetPermissionSchemes = %+v, %d, %v", schemes, rev, err)
	}

	_, err = c.PutPrivilegedUser(ctx, "a1")
	var apiErr *httpx.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "PRIVILEGED_USER_INVALID" || len(apiErr.Details) != 1 || !strings.Contains(err.Error(), "SITE_ADMIN") {
		t.Errorf("PutPrivilegedUser = %v, want the 422 naming the missing permission", err)
	}
	if got := string(f.lastBody); got != `{"accountId":"a1"}` {
		t.Errorf("privileged user body = %s", got)
	}
	if u, err := c.GetPrivilegedUser(ctx); err != nil || u.Status != PrivilegedNotConfigured || u.AccountID != nil || !u.LegacyCredentials.Present {
		t.Errorf("GetPrivilegedUser = %+v, %v", u, err)
	}
	if err := c.DeletePrivilegedUser(ctx); err != nil {
		t.Errorf("DeletePrivilegedUser = %v", err)
	}

	groups, err := c.SpaceGroups(ctx, "ENG")
	if err != nil || groups.Pattern.Prefix != "SPACEKEY-" || len(groups.Results) != 1 || groups.Results[0].Name != "eng-writers" {
		t.Errorf("SpaceGroups = %+v, %v", groups, err)
	}
	if _, err := c.SpaceGroups(ctx, "NOPE"); !httpx.IsNotFound(err) {
		t.Errorf("SpaceGroups(unknown) = %v, want not found", err)
	}
}

func TestWrongKeyIsOneReadableErrorAndNeverLogged(t *testing.T) {
	f, _ := newFakeApp(t, nil)
	const wrongKey = "wrong-admin-key-value"
	c, err := New(Config{AppURL: f.srv.URL + "/admin", APIKey: wrongKey, Common: httpx.Common{MaxRetries: 5}})
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	_, _, err = c.GetSettings(ctx)
	if !httpx.IsStatus(err, 401) || !strings.Contains(err.Error(), "GET /admin/v1/settings: 401 Unauthorized: missing or invalid API key") {
		t.Fatalf("got %v", err)
	}
	if strings.Contains(err.Error()+logs.String(), wrongKey) {
		t.Error("the API key leaked into the error or the logs")
	}
	if !strings.Contains(logs.String(), `"path":"/admin/v1/settings"`) {
		t.Errorf("no request log entry: %s", logs.String())
	}
}
