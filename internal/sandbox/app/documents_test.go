package app

import (
	"net/http"
	"reflect"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

func TestSettingsGetPutDelete(t *testing.T) {
	h := newHarness(t, Seed{})
	r := h.get("/v1/settings").mustStatus(t, 200, "")
	if r.header.Get("ETag") != `"1"` {
		t.Fatalf("ETag %q, want \"1\"", r.header.Get("ETag"))
	}
	if !reflect.DeepEqual(r.body, mustRoundTrip(t, csumdoc.DefaultSettings())) {
		t.Fatalf("GET answered %s, not the defaults", r.raw)
	}

	body := settingsJSON(t, func(doc map[string]any) {
		g := obj(doc["groupSettings"])
		g["maxUsersPerAction"] = 50
		g["groupBlocklist"] = []string{groupOpsOncall}
		obj(doc["userSettings"])["userGroupFilterGroupId"] = groupAllStaff
	})
	r = h.do(request{method: "PUT", path: "/v1/settings", body: body, header: map[string]string{"If-Match": `"1"`}}).mustStatus(t, 200, "")
	if r.header.Get("ETag") != `"2"` || r.at("groupSettings.maxUsersPerAction") != float64(50) {
		t.Fatalf("PUT answered ETag %q and %s", r.header.Get("ETag"), r.raw)
	}
	stored, rev := h.app.Settings()
	if rev != 2 || stored.GroupSettings.MaxUsersPerAction != 50 || *stored.UserSettings.UserGroupFilterGroupID != groupAllStaff {
		t.Fatalf("stored revision %d, document %+v", rev, stored)
	}

	r = h.do(request{method: "DELETE", path: "/v1/settings", header: map[string]string{"If-Match": `"2"`}}).mustStatus(t, 200, "")
	if r.header.Get("ETag") != `"3"` || !reflect.DeepEqual(r.body, mustRoundTrip(t, csumdoc.DefaultSettings())) {
		t.Fatalf("DELETE answered ETag %q and %s", r.header.Get("ETag"), r.raw)
	}
	if h.changes.Load() != 2 {
		t.Fatalf("onChange called %d times, want 2", h.changes.Load())
	}
}

func TestPermissionSchemesGetPutDelete(t *testing.T) {
	h := newHarness(t, Seed{})
	r := h.get("/v1/permission-schemes").mustStatus(t, 200, "")
	if r.header.Get("ETag") != `"1"` || !reflect.DeepEqual(r.body, mustRoundTrip(t, csumdoc.DefaultPermissionSchemes())) {
		t.Fatalf("GET answered ETag %q and %s", r.header.Get("ETag"), r.raw)
	}
	body := `{"default":["CREATE_GROUP"],"users":[{"accountId":"` + userNoPerms + `","operations":["DELETE_GROUP"]}],` +
		`"groups":[{"groupId":"` + groupEngWriters + `","operations":["MANAGE_SPACE_PERMISSIONS"]}]}`
	r = h.do(request{method: "PUT", path: "/v1/permission-schemes", body: body}).mustStatus(t, 200, "")
	if r.header.Get("ETag") != `"2"` {
		t.Fatalf("ETag %q", r.header.Get("ETag"))
	}
	got, _ := h.app.PermissionSchemes()
	if len(got.Users) != 1 || got.Users[0].AccountID != userNoPerms || len(got.Groups) != 1 {
		t.Fatalf("stored %+v", got)
	}
	r = h.do(request{method: "DELETE", path: "/v1/permission-schemes"}).mustStatus(t, 200, "")
	if r.header.Get("ETag") != `"3"` || !reflect.DeepEqual(r.body, mustRoundTrip(t, csumdoc.DefaultPermissionSchemes())) {
		t.Fatalf("DELETE answered %s", r.raw)
	}
}

// TestDocumentWritesRefused covers every way a write is refused; none may change anything.
func TestDocumentWritesRefused(t *testing.T) {
	valid := settingsJSON(t, nil)
	tests := []struct {
		name    string
		req     request
		status  int
		code    string
		details map[string]string // path -> a message expected there ("" = any)
	}{
		{name: "stale If-Match on PUT", req: request{method: "PUT", path: "/v1/settings", body: valid, header: map[string]string{"If-Match": `"0"`}}, status: 412, code: codePreconditionFailed},
		{name: "stale If-Match on DELETE", req: request{method: "DELETE", path: "/v1/permission-schemes", header: map[string]string{"If-Match": `"7"`}}, status: 412, code: codePreconditionFailed},
		{name: "unquoted If-Match", req: request{method: "PUT", path: "/v1/settings", body: valid, header: map[string]string{"If-Match": `1`}}, status: 400, code: codeBadRequest},
		{name: "text/plain", req: request{method: "PUT", path: "/v1/settings", body: valid, header: map[string]string{"Content-Type": "text/plain"}}, status: 415, code: codeUnsupportedMediaType},
		{name: "no content type", req: request{method: "PUT", path: "/v1/permission-schemes", body: `{}`, header: map[string]string{"Content-Type": ""}}, status: 415, code: codeUnsupportedMediaType},
		{name: "malformed JSON", req: request{method: "PUT", path: "/v1/settings", body: `{"groupSettings":`}, status: 400, code: codeBadRequest},
		{name: "two JSON values", req: request{method: "PUT", path: "/v1/settings", body: valid + ` {}`}, status: 400, code: codeBadRequest},
		{name: "not an object", req: request{method: "PUT", path: "/v1/settings", body: `[]`}, status: 422, code: codeValidationFailed,
			details: map[string]string{"": "must be an object, not an array"}},
		{name: "unknown fields everywhere", status: 422, code: codeValidationFailed,
			req: request{method: "PUT", path: "/v1/settings", body: settingsJSON(t, func(doc map[string]any) {
				doc["extra"] = true
				obj(doc["groupSettings"])["maxUserPerAction"] = 5
				obj(obj(doc["groupSettings"])["spaceGroupPattern"])["sufix"] = ""
			})},
			details: map[string]string{"/extra": "unknown field", "/groupSettings/maxUserPerAction": "unknown field", "/groupSettings/spaceGroupPattern/sufix": "unknown field"}},
		{name: "missing fields", status: 422, code: codeValidationFailed,
			req: request{method: "PUT", path: "/v1/settings", body: settingsJSON(t, func(doc map[string]any) {
				delete(obj(doc["groupSettings"]), "groupBlocklist")
				delete(obj(doc["userSettings"]), "userGroupFilterGroupId")
				delete(doc, "generalSettings")
			})},
			details: map[string]string{"/groupSettings/groupBlocklist": "is required", "/userSettings/userGroupFilterGroupId": "is required", "/generalSettings": "is required"}},
		{name: "wrong kinds", status: 422, code: codeValidationFailed,
			req: request{method: "PUT", path: "/v1/settings", body: settingsJSON(t, func(doc map[string]any) {
				g := obj(doc["groupSettings"])
				g["maxUsersPerAction"] = 1.5
				g["allowSpaceGroupActions"] = "yes"
				g["groupBlocklist"] = nil
				obj(doc["userSettings"])["autoJoinGroupIds"] = []any{7}
			})},
			details: map[string]string{"/groupSettings/maxUsersPerAction": "must be an integer, not the number 1.5",
				"/groupSettings/allowSpaceGroupActions": "must be a boolean, not a string",
				"/groupSettings/groupBlocklist":         "must be an array, not null",
				"/userSettings/autoJoinGroupIds/0":      "must be a string, not the number 7"}},
		{name: "several broken rules", status: 422, code: codeValidationFailed,
			req: request{method: "PUT", path: "/v1/settings", body: settingsJSON(t, func(doc map[string]any) {
				g := obj(doc["groupSettings"])
				g["spaceGroupPattern"] = map[string]any{"prefix": "eng-", "suffix": ""}
				g["maxGroupsPerAction"] = 0
				g["groupBlocklist"] = []string{groupEngWriters, groupUnknown}
				u := obj(doc["userSettings"])
				u["autoJoinGroupIds"] = []string{groupAllStaff, groupAllStaff, groupUnknownAlso}
				u["disabledUserVisibility"] = "SHOW"
				u["userGroupFilterGroupId"] = groupUnknown
				obj(doc["generalSettings"])["auditRetentionDays"] = 4000
			})},
			details: map[string]string{
				"/groupSettings/spaceGroupPattern":     "",
				"/groupSettings/maxGroupsPerAction":    "",
				"/groupSettings/groupBlocklist/1":      "no group with id " + groupUnknown,
				"/userSettings/autoJoinGroupIds/1":     "duplicate group ID " + groupAllStaff,
				"/userSettings/autoJoinGroupIds/2":     "no group with id " + groupUnknownAlso,
				"/userSettings/disabledUserVisibility": "",
				"/userSettings/userGroupFilterGroupId": "no group with id " + groupUnknown,
				"/generalSettings/auditRetentionDays":  "",
			}},
		{name: "broken scheme rules", status: 422, code: codeValidationFailed,
			req: request{method: "PUT", path: "/v1/permission-schemes", body: `{"default":["CREATE_GROUP","CREATE_GROUP"],` +
				`"users":[{"accountId":"` + userUnknown + `","operations":[]},{"accountId":"bad id!","operations":["FLY"]}],` +
				`"groups":[{"groupId":"` + groupUnknown + `","operations":["ADD_MEMBERS"]}]}`},
			details: map[string]string{
				"/default/1":            "duplicate operation CREATE_GROUP",
				"/users/0/accountId":    "no user with account ID " + userUnknown,
				"/users/1/accountId":    "",
				"/users/1/operations/0": "",
				"/groups/0/groupId":     "no group with id " + groupUnknown,
			}},
		{name: "scheme unknown field and missing operations", status: 422, code: codeValidationFailed,
			req:     request{method: "PUT", path: "/v1/permission-schemes", body: `{"default":[],"users":[{"accountId":"` + userValid + `","ops":[]}],"groups":[]}`},
			details: map[string]string{"/users/0/operations": "is required", "/users/0/ops": "unknown field"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Seed{})
			before := h.app.Snapshot()
			r := h.do(tt.req).mustStatus(t, tt.status, tt.code)
			got := r.details()
			if tt.details != nil && len(got) != len(tt.details) {
				t.Errorf("details at %d paths, want %d: %s", len(got), len(tt.details), r.raw)
			}
			for path, message := range tt.details {
				msgs, ok := got[path]
				if !ok {
					t.Errorf("no problem reported at %q: %s", path, r.raw)
					continue
				}
				if message != "" && !contains(msgs, message) {
					t.Errorf("at %q: %q, want %q", path, msgs, message)
				}
			}
			if after := h.app.Snapshot(); !reflect.DeepEqual(before, after) || h.changes.Load() != 0 {
				t.Errorf("a refused write changed the state")
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, item := range list {
		if item == s {
			return true
		}
	}
	return false
}

func TestIfMatch(t *testing.T) {
	tests := []struct {
		header string
		allows bool
		bad    bool
	}{
		{"", true, false},
		{"*", true, false},
		{`"5"`, true, false},
		{`W/"5"`, true, false},
		{`"4", "5"`, true, false},
		{`"4"`, false, false},
		{`5`, false, true},
		{`"five"`, false, true},
	}
	for _, tt := range tests {
		r, _ := http.NewRequest(http.MethodPut, "/", nil)
		r.Header.Set("If-Match", tt.header)
		allows, err := ifMatchAllows(r, 5)
		if allows != tt.allows || (err != nil) != tt.bad {
			t.Errorf("If-Match %q: allows %v, err %v", tt.header, allows, err)
		}
	}
}

func TestDriftSettersUseUIChannelAndBumpRevisions(t *testing.T) {
	h := newHarness(t, Seed{})
	s, rev := h.app.Settings()
	s.GroupSettings.MaxUsersPerAction = 7
	if got := h.app.SetSettings(s); got != rev+1 {
		t.Fatalf("SetSettings revision %d, want %d", got, rev+1)
	}
	p, prev := h.app.PermissionSchemes()
	p.Default = nil
	if got := h.app.SetPermissionSchemes(p); got != prev+1 {
		t.Fatalf("SetPermissionSchemes revision %d", got)
	}
	r := h.get("/v1/settings")
	if r.header.Get("ETag") != `"2"` || r.at("groupSettings.maxUsersPerAction") != float64(7) {
		t.Fatalf("GET after drift: %q %s", r.header.Get("ETag"), r.raw)
	}
	if d := h.get("/v1/permission-schemes").body["default"]; d == nil {
		t.Fatalf("a nil default scheme must be answered as [], got null")
	}
	// The document handed to SetSettings is copied: changing it afterwards changes nothing stored.
	s.GroupSettings.GroupBlocklist = append(s.GroupSettings.GroupBlocklist, "x")
	if stored, _ := h.app.Settings(); len(stored.GroupSettings.GroupBlocklist) != 0 {
		t.Fatalf("stored settings alias the caller's slice")
	}
	audit := h.get("/v1/audit").list("results")
	if len(audit) != 2 || obj(audit[0])["channel"] != channelUI || obj(audit[0])["action"] != actionSchemesUpdated {
		t.Fatalf("audit after drift: %v", audit)
	}
	if h.changes.Load() != 2 {
		t.Fatalf("onChange called %d times", h.changes.Load())
	}
}

func TestJSONWithCharsetIsAccepted(t *testing.T) {
	h := newHarness(t, Seed{})
	h.do(request{method: "PUT", path: "/v1/settings", body: settingsJSON(t, nil),
		header: map[string]string{"Content-Type": "application/json; charset=utf-8"}}).mustStatus(t, 200, "")
}
