package app

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/contracttest"
	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

const (
	testKey         = "test-admin-key-123"
	testReadOnlyKey = "test-revoked-key-456"

	userValid       = "557058:valid-admin"
	userNoSiteAdmin = "557058:no-site-admin"
	userNoPerms     = "557058:no-perms"
	userInactive    = "557058:deactivated"
	userUnknown     = "557058:nobody"

	groupEngWriters  = "11111111-0000-0000-0000-000000000001"
	groupEngAdmins   = "11111111-0000-0000-0000-000000000002" // carries a global permission
	groupEngArchive  = "11111111-0000-0000-0000-000000000003"
	groupOpsOncall   = "11111111-0000-0000-0000-000000000004"
	groupAllStaff    = "11111111-0000-0000-0000-000000000005"
	groupTeamEng     = "11111111-0000-0000-0000-000000000006" // fits a suffix pattern
	groupUnknown     = "99999999-0000-0000-0000-000000000000"
	groupUnknownAlso = "99999999-0000-0000-0000-000000000001"
)

// fakeDirectory is an in-memory Directory that tests may change while the app runs.
type fakeDirectory struct {
	mu     sync.Mutex
	groups map[string]Group
	users  map[string]User
	spaces map[string]bool
}

func newFakeDirectory() *fakeDirectory {
	d := &fakeDirectory{groups: map[string]Group{}, users: map[string]User{}, spaces: map[string]bool{"ENG": true, "OPS": true}}
	for _, g := range []Group{
		{ID: groupEngWriters, Name: "eng-writers"},
		{ID: groupEngAdmins, Name: "eng-admins", GlobalPermission: true},
		{ID: groupEngArchive, Name: "eng-archive"},
		{ID: groupOpsOncall, Name: "ops-oncall"},
		{ID: groupAllStaff, Name: "all-staff"},
		{ID: groupTeamEng, Name: "team-eng"},
	} {
		d.groups[g.ID] = g
	}
	for _, u := range []User{
		{AccountID: userValid, DisplayName: "CSUM Automation", Active: true, SiteAdmin: true, CanUse: true},
		{AccountID: userNoSiteAdmin, DisplayName: "Half Admin", Active: true, CanUse: true},
		{AccountID: userNoPerms, DisplayName: "Nobody Special", Active: true},
		{AccountID: userInactive, DisplayName: "Former Admin", Active: false, SiteAdmin: true, CanUse: true},
	} {
		d.users[u.AccountID] = u
	}
	return d
}

func (d *fakeDirectory) GroupByID(id string) (Group, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	g, ok := d.groups[id]
	return g, ok
}

func (d *fakeDirectory) Groups() []Group {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]Group, 0, len(d.groups))
	for _, g := range d.groups {
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func (d *fakeDirectory) User(accountID string) (User, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	u, ok := d.users[accountID]
	return u, ok
}

func (d *fakeDirectory) SpaceExists(key string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.spaces[key]
}

func (d *fakeDirectory) deleteGroup(id string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.groups, id)
}

func (d *fakeDirectory) setUser(u User) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.users[u.AccountID] = u
}

// harness is an app under test with its directory, a count of onChange calls and a settable clock.
type harness struct {
	t       *testing.T
	app     *App
	dir     *fakeDirectory
	changes atomic.Int64
	clock   time.Time
}

func newHarness(t *testing.T, seed Seed) *harness {
	t.Helper()
	h := &harness{t: t, dir: newFakeDirectory(), clock: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
	if seed.APIKey == "" {
		seed.APIKey = testKey
	}
	if seed.WriteRevokedKey == "" {
		seed.WriteRevokedKey = testReadOnlyKey
	}
	h.app = New(h.dir, seed, func() { h.changes.Add(1) })
	h.app.now = func() time.Time { return h.clock }
	return h
}

// response is a decoded answer.
type response struct {
	status int
	header http.Header
	raw    string
	body   map[string]any
}

// request is one call to the app; a non-nil json body is sent as application/json unless header overrides.
type request struct {
	method, path string
	body         string
	header       map[string]string
}

func (h *harness) do(req request) response {
	h.t.Helper()
	var r *http.Request
	if req.body != "" {
		r = httptest.NewRequest(req.method, req.path, strings.NewReader(req.body))
		r.Header.Set("Content-Type", "application/json")
	} else {
		r = httptest.NewRequest(req.method, req.path, nil)
	}
	r.Header.Set("Authorization", "Bearer "+testKey)
	for k, v := range req.header {
		if v == "" {
			r.Header.Del(k)
		} else {
			r.Header.Set(k, v)
		}
	}
	rec := httptest.NewRecorder()
	contracttest.Middleware(h.t, "", h.app.Handler()).ServeHTTP(rec, r)
	out := response{status: rec.Code, header: rec.Header(), raw: rec.Body.String()}
	if strings.TrimSpace(out.raw) != "" {
		if err := json.Unmarshal(rec.Body.Bytes(), &out.body); err != nil {
			h.t.Fatalf("%s %s: answer is not a JSON object: %v\n%s", req.method, req.path, err, out.raw)
		}
	}
	return out
}

func (h *harness) get(path string) response { return h.do(request{method: http.MethodGet, path: path}) }

// mustStatus fails the test unless the answer has the wanted status (and, for errors, code).
func (r response) mustStatus(t *testing.T, status int, code string) response {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body %s", r.status, status, r.raw)
	}
	if code != "" {
		if got := r.errorCode(); got != code {
			t.Fatalf("error code %q, want %q; body %s", got, code, r.raw)
		}
	}
	return r
}

func (r response) errorCode() string {
	e, _ := r.body["error"].(map[string]any)
	code, _ := e["code"].(string)
	return code
}

// details returns the error envelope's problems as path -> messages.
func (r response) details() map[string][]string {
	out := map[string][]string{}
	e, _ := r.body["error"].(map[string]any)
	list, _ := e["details"].([]any)
	for _, item := range list {
		d := obj(item)
		out[str(d["path"])] = append(out[str(d["path"])], str(d["message"]))
	}
	return out
}

// at follows a JSON Pointer-like dotted path ("groupSettings.maxUsersPerAction") through the body.
func (r response) at(path string) any {
	var v any = r.body
	for _, part := range strings.Split(path, ".") {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = obj[part]
	}
	return v
}

// settingsJSON returns the default settings document with overrides applied by edit, as JSON.
func settingsJSON(t *testing.T, edit func(doc map[string]any)) string {
	t.Helper()
	return docJSON(t, defaultSettingsDoc(t), edit)
}

func defaultSettingsDoc(t *testing.T) map[string]any {
	t.Helper()
	return mustRoundTrip(t, csumdoc.DefaultSettings())
}

func docJSON(t *testing.T, doc map[string]any, edit func(doc map[string]any)) string {
	t.Helper()
	if edit != nil {
		edit(doc)
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func mustRoundTrip(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// obj, str and list read decoded JSON; a value of another kind reads as empty, which the assertions catch.
func obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func (r response) list(key string) []any {
	l, _ := r.body[key].([]any)
	return l
}

func mustMarshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
