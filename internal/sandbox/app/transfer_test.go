package app

import (
	"reflect"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

func TestExportNeverCarriesThePrivilegedUser(t *testing.T) {
	h := newHarness(t, Seed{PrivilegedUser: userValid})
	r := h.get("/v1/config/export").mustStatus(t, 200, "")
	if r.body["formatVersion"] != float64(2) || r.at("app.key") != AppKey || r.body["exportedAt"] != "2026-11-20T09:00:00Z" {
		t.Fatalf("export %s", r.raw)
	}
	if !reflect.DeepEqual(r.body["settings"], mustRoundTrip(t, csumdoc.DefaultSettings())) {
		t.Fatalf("exported settings %v", r.body["settings"])
	}
	if strings.Contains(r.raw, userValid) || strings.Contains(strings.ToLower(r.raw), "privileged") {
		t.Fatalf("the export mentions the privileged user: %s", r.raw)
	}
}

// exportWith builds an export file whose settings and schemes refer to the given groups and accounts.
func exportWith(t *testing.T, autoJoin []string, schemeUsers []string, schemeGroups []string) string {
	t.Helper()
	s := csumdoc.DefaultSettings()
	s.GroupSettings.MaxUsersPerAction = 42
	s.UserSettings.AutoJoinGroupIDs = orEmpty(autoJoin) // the API refuses null for a list
	p := csumdoc.DefaultPermissionSchemes()
	for _, id := range schemeUsers {
		p.Users = append(p.Users, csumdoc.UserScheme{AccountID: id, Operations: []string{csumdoc.OpDeleteGroup}})
	}
	for _, id := range schemeGroups {
		p.Groups = append(p.Groups, csumdoc.GroupScheme{GroupID: id, Operations: []string{csumdoc.OpAddMembers}})
	}
	return mustMarshal(t, csumdoc.Export{FormatVersion: 2, App: &csumdoc.ExportApp{Key: AppKey, Version: AppVersion}, Settings: s, PermissionSchemes: p})
}

func TestImport(t *testing.T) {
	clean := exportWith(t, []string{groupAllStaff}, []string{userNoPerms}, []string{groupEngWriters})
	withUnknowns := exportWith(t, []string{groupAllStaff, groupUnknown}, []string{userNoPerms, userUnknown}, []string{groupUnknownAlso, groupEngWriters})
	tests := []struct {
		name         string
		query        string
		body         string
		status       int
		code         string
		applied      []any
		skipped      []string // paths
		details      []string // paths
		autoJoin     []string
		schemeUsers  int
		schemeGroups int
	}{
		{name: "strict clean", body: clean, status: 200, applied: []any{"settings", "permissionSchemes"},
			autoJoin: []string{groupAllStaff}, schemeUsers: 1, schemeGroups: 1},
		{name: "strict with unknown references refuses all", query: "?mode=strict", body: withUnknowns, status: 422, code: codeValidationFailed,
			details: []string{"/settings/userSettings/autoJoinGroupIds/1", "/permissionSchemes/users/1/accountId", "/permissionSchemes/groups/0/groupId"}},
		{name: "lenient skips unknown references", query: "?mode=lenient", body: withUnknowns, status: 200, applied: []any{"settings", "permissionSchemes"},
			skipped:  []string{"/settings/userSettings/autoJoinGroupIds/1", "/permissionSchemes/users/1/accountId", "/permissionSchemes/groups/0/groupId"},
			autoJoin: []string{groupAllStaff}, schemeUsers: 1, schemeGroups: 1},
		{name: "keep leaves schemes alone and ignores their references", query: "?permissionSchemes=keep", body: exportWith(t, nil, []string{userUnknown}, nil),
			status: 200, applied: []any{"settings"}, autoJoin: []string{}, schemeUsers: 0, schemeGroups: 0},
		{name: "lenient still refuses broken rules", query: "?mode=lenient", status: 422, code: codeValidationFailed,
			body:    strings.Replace(withUnknowns, `"maxUsersPerAction":42`, `"maxUsersPerAction":0`, 1),
			details: []string{"/settings/groupSettings/maxUsersPerAction"}},
		{name: "wrong format version", body: strings.Replace(clean, `"formatVersion":2`, `"formatVersion":1`, 1), status: 422, code: codeValidationFailed,
			details: []string{"/formatVersion"}},
		{name: "unknown field in the file", body: strings.Replace(clean, `"formatVersion":2`, `"formatVersion":2,"privilegedUser":{}`, 1), status: 422, code: codeValidationFailed,
			details: []string{"/privilegedUser"}},
		{name: "bad mode", query: "?mode=loose", body: clean, status: 400, code: codeBadRequest},
		{name: "bad permissionSchemes", query: "?permissionSchemes=merge", body: clean, status: 400, code: codeBadRequest},
		{name: "unknown parameter", query: "?dryRun=true", body: clean, status: 400, code: codeBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Seed{})
			before := h.app.Snapshot()
			r := h.do(request{method: "POST", path: "/v1/config/import" + tt.query, body: tt.body}).mustStatus(t, tt.status, tt.code)
			if tt.status != 200 {
				for _, path := range tt.details {
					if _, ok := r.details()[path]; !ok {
						t.Errorf("no problem at %s: %s", path, r.raw)
					}
				}
				if len(r.details()) != len(tt.details) {
					t.Errorf("%d problems, want %d: %s", len(r.details()), len(tt.details), r.raw)
				}
				if !reflect.DeepEqual(before, h.app.Snapshot()) {
					t.Errorf("a refused import changed the state")
				}
				return
			}
			if !reflect.DeepEqual(r.body["applied"], tt.applied) {
				t.Errorf("applied %v, want %v", r.body["applied"], tt.applied)
			}
			var skipped []string
			for _, s := range r.list("skipped") {
				skipped = append(skipped, str(obj(s)["path"]))
			}
			if !reflect.DeepEqual(skipped, tt.skipped) {
				t.Errorf("skipped %v, want %v", skipped, tt.skipped)
			}
			settings, settingsRev := h.app.Settings()
			schemes, schemesRev := h.app.PermissionSchemes()
			if settings.GroupSettings.MaxUsersPerAction != 42 || !reflect.DeepEqual(settings.UserSettings.AutoJoinGroupIDs, tt.autoJoin) {
				t.Errorf("stored settings %+v", settings.UserSettings)
			}
			if len(schemes.Users) != tt.schemeUsers || len(schemes.Groups) != tt.schemeGroups {
				t.Errorf("stored schemes %+v", schemes)
			}
			if r.body["settingsRevision"] != float64(settingsRev) || r.body["permissionSchemesRevision"] != float64(schemesRev) {
				t.Errorf("report revisions %v/%v, stored %d/%d", r.body["settingsRevision"], r.body["permissionSchemesRevision"], settingsRev, schemesRev)
			}
			wantSchemesRev := int64(2)
			if tt.schemeUsers == 0 && tt.schemeGroups == 0 {
				wantSchemesRev = 1 // kept
			}
			if settingsRev != 2 || schemesRev != wantSchemesRev {
				t.Errorf("revisions %d/%d", settingsRev, schemesRev)
			}
		})
	}
}

func TestLenientImportReportsSkippedValueAndReason(t *testing.T) {
	h := newHarness(t, Seed{})
	r := h.do(request{method: "POST", path: "/v1/config/import?mode=lenient", body: exportWith(t, nil, []string{userUnknown}, nil)}).mustStatus(t, 200, "")
	want := []any{map[string]any{"path": "/permissionSchemes/users/0/accountId", "reason": reasonUserNotFound, "value": userUnknown}}
	if !reflect.DeepEqual(r.body["skipped"], want) {
		t.Fatalf("skipped %v", r.body["skipped"])
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	h := newHarness(t, Seed{})
	h.do(request{method: "PUT", path: "/v1/settings", body: settingsJSON(t, func(doc map[string]any) {
		obj(doc["groupSettings"])["groupBlocklist"] = []string{groupEngArchive}
	})}).mustStatus(t, 200, "")
	exported := h.get("/v1/config/export").raw
	want, _ := h.app.Settings()

	other := newHarness(t, Seed{})
	other.do(request{method: "POST", path: "/v1/config/import", body: exported}).mustStatus(t, 200, "")
	if got, _ := other.app.Settings(); !reflect.DeepEqual(got, want) {
		t.Fatalf("imported %+v, want %+v", got, want)
	}
}

func TestLenientImportDropsUnknownGroupsFromEverySettingsList(t *testing.T) {
	h := newHarness(t, Seed{})
	s := csumdoc.DefaultSettings()
	s.GroupSettings.GroupBlocklist = []string{groupUnknown, groupEngArchive}
	filter := groupUnknownAlso
	s.UserSettings.UserGroupFilterGroupID = &filter
	body := mustMarshal(t, csumdoc.Export{FormatVersion: 2, Settings: s, PermissionSchemes: csumdoc.DefaultPermissionSchemes()})
	r := h.do(request{method: "POST", path: "/v1/config/import?mode=lenient", body: body}).mustStatus(t, 200, "")
	if n := len(r.list("skipped")); n != 2 {
		t.Fatalf("%d skipped: %s", n, r.raw)
	}
	got, _ := h.app.Settings()
	if !reflect.DeepEqual(got.GroupSettings.GroupBlocklist, []string{groupEngArchive}) || got.UserSettings.UserGroupFilterGroupID != nil {
		t.Fatalf("stored %+v / %+v", got.GroupSettings.GroupBlocklist, got.UserSettings.UserGroupFilterGroupID)
	}
}
