package csumapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/csum-tools/terraform-provider-csum/internal/contracttest"
	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

const testKey = "csum-admin-key-do-not-leak"

// fakeApp keeps a settings document and its revision the way the Admin API contract describes.
type fakeApp struct {
	mu       sync.Mutex
	settings csumdoc.Settings
	rev      int64
	lastReq  *http.Request
	lastBody []byte
	srv      *httptest.Server
}

func newFakeApp(t *testing.T, extra func(mux *http.ServeMux)) (*fakeApp, *Client) {
	t.Helper()
	f := &fakeApp{settings: csumdoc.DefaultSettings(), rev: 1}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /admin/v1/settings", func(w http.ResponseWriter, r *http.Request) { f.writeSettings(w) })
	mux.HandleFunc("PUT /admin/v1/settings", func(w http.ResponseWriter, r *http.Request) {
		if !f.revisionMatches(w, r) {
			return
		}
		var doc csumdoc.Settings
		if err := json.Unmarshal(f.lastBody, &doc); err != nil {
			writeJSON(w, 400, `{"error":{"code":"BAD_REQUEST","message":"malformed JSON"}}`)
			return
		}
		if problems := doc.Validate(); len(problems) > 0 {
			details, _ := json.Marshal(problems)
			writeJSON(w, 422, `{"error":{"code":"VALIDATION_FAILED","message":"`+strconv.Itoa(len(problems))+` problems","details":`+string(details)+`}}`)
			return
		}
		f.settings, f.rev = doc, f.rev+1
		f.writeSettings(w)
	})
	mux.HandleFunc("DELETE /admin/v1/settings", func(w http.ResponseWriter, r *http.Request) {
		if !f.revisionMatches(w, r) {
			return
		}
		f.settings, f.rev = csumdoc.DefaultSettings(), f.rev+1
		f.writeSettings(w)
	})
	if extra != nil {
		extra(mux)
	}
	f.srv = httptest.NewServer(contracttest.Middleware(t, "/admin", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.lastReq = r
		f.lastBody, _ = io.ReadAll(r.Body)
		if r.Header.Get("Authorization") != "Bearer "+testKey {
			writeJSON(w, 401, `{"error":{"code":"UNAUTHORIZED","message":"missing or invalid API key"}}`)
			return
		}
		mux.ServeHTTP(w, r)
	})))
	t.Cleanup(f.srv.Close)
	c, err := New(Config{AppURL: f.srv.URL + "/admin", APIKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	return f, c
}

func (f *fakeApp) revisionMatches(w http.ResponseWriter, r *http.Request) bool {
	if m := r.Header.Get("If-Match"); m != "" && m != strconv.Quote(strconv.FormatInt(f.rev, 10)) {
		writeJSON(w, 412, `{"error":{"code":"PRECONDITION_FAILED","message":"revision mismatch"}}`)
		return false
	}
	return true
}

func (f *fakeApp) writeSettings(w http.ResponseWriter) {
	w.Header().Set("ETag", strconv.Quote(strconv.FormatInt(f.rev, 10)))
	body, _ := json.Marshal(f.settings)
	writeJSON(w, 200, string(body))
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

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
