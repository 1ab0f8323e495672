package app

import (
	"reflect"
	"strings"
	"testing"
)

func TestPrivilegedUserStatusOnRead(t *testing.T) {
	tests := []struct {
		name        string
		stored      string
		status      string
		missing     []any
		displayName any
	}{
		{"not configured", "", statusNotConfigured, []any{}, nil},
		{"valid", userValid, statusValid, []any{}, "CSUM Automation"},
		{"lacks site admin", userNoSiteAdmin, statusLacksPermissions, []any{permissionSiteAdmin}, "Half Admin"},
		{"lacks both", userNoPerms, statusLacksPermissions, []any{permissionSiteAdmin, permissionCanUse}, "Nobody Special"},
		{"deactivated", userInactive, statusUserNotFound, []any{}, "Former Admin"},
		{"unknown", userUnknown, statusUserNotFound, []any{}, nil},
		{"stale malformed value", "not an id!", statusUserNotFound, []any{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Seed{})
			h.app.SetPrivilegedUser(tt.stored)
			r := h.get("/v1/privileged-user").mustStatus(t, 200, "")
			if r.body["status"] != tt.status || !reflect.DeepEqual(r.body["missingPermissions"], tt.missing) || r.body["displayName"] != tt.displayName {
				t.Fatalf("answered %s", r.raw)
			}
			if tt.stored == "" && (r.body["accountId"] != nil || r.body["validatedAt"] != nil) {
				t.Fatalf("an unconfigured user has an account or validation time: %s", r.raw)
			}
			if tt.stored != "" && (r.body["accountId"] != tt.stored || r.body["validatedAt"] != "2026-11-20T09:00:00Z") {
				t.Fatalf("answered %s", r.raw)
			}
		})
	}
}

func TestPrivilegedUserRevalidatedOnEveryRead(t *testing.T) {
	h := newHarness(t, Seed{})
	h.do(request{method: "PUT", path: "/v1/privileged-user", body: `{"accountId":"` + userValid + `"}`}).mustStatus(t, 200, "")
	h.dir.setUser(User{AccountID: userValid, DisplayName: "CSUM Automation", Active: true, CanUse: true})
	if r := h.get("/v1/privileged-user"); r.body["status"] != statusLacksPermissions {
		t.Fatalf("after losing site admin: %s", r.raw)
	}
	h.dir.setUser(User{AccountID: userValid, Active: false})
	if r := h.get("/v1/privileged-user"); r.body["status"] != statusUserNotFound {
		t.Fatalf("after deactivation: %s", r.raw)
	}
}

func TestPutPrivilegedUser(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		status  int
		code    string
		details []string // messages at /accountId
	}{
		{"valid", `{"accountId":"` + userValid + `"}`, 200, "", nil},
		{"bad format before lookup", `{"accountId":"has spaces"}`, 422, codeValidationFailed, []string{"must be 1 to 128 characters of A-Z a-z 0-9 : -"}},
		{"empty", `{"accountId":""}`, 422, codeValidationFailed, []string{"must be 1 to 128 characters of A-Z a-z 0-9 : -"}},
		{"too long", `{"accountId":"` + strings.Repeat("a", 129) + `"}`, 422, codeValidationFailed, nil},
		{"missing field", `{}`, 422, codeValidationFailed, []string{"is required"}},
		{"unknown field", `{"accountId":"` + userValid + `","email":"x@example.com"}`, 422, codeValidationFailed, nil},
		{"unknown user", `{"accountId":"` + userUnknown + `"}`, 422, codePrivilegedUserBad, []string{"account " + userUnknown + " does not exist"}},
		{"deactivated", `{"accountId":"` + userInactive + `"}`, 422, codePrivilegedUserBad, []string{"account " + userInactive + " is deactivated"}},
		{"lacks site admin", `{"accountId":"` + userNoSiteAdmin + `"}`, 422, codePrivilegedUserBad,
			[]string{"lacks SITE_ADMIN, needed to search, create and delete groups and change their members"}},
		{"lacks both", `{"accountId":"` + userNoPerms + `"}`, 422, codePrivilegedUserBad,
			[]string{"lacks SITE_ADMIN, needed to search, create and delete groups and change their members", "lacks CAN_USE, needed to read groups and their members"}},
		{"not JSON", `accountId=x`, 400, codeBadRequest, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Seed{LegacyCredentials: &struct{ Email, APIToken string }{"old@example.com", "legacy-secret-token"}})
			r := h.do(request{method: "PUT", path: "/v1/privileged-user", body: tt.body}).mustStatus(t, tt.status, tt.code)
			if tt.details != nil && !reflect.DeepEqual(r.details()["/accountId"], tt.details) {
				t.Fatalf("details %v, want %v", r.details(), tt.details)
			}
			state := h.app.Snapshot()
			if tt.status != 200 {
				if state.PrivilegedUser != "" || state.LegacyCredentials == nil || h.changes.Load() != 0 {
					t.Fatalf("a refused PUT stored something: %+v", state)
				}
				return
			}
			if state.PrivilegedUser != userValid || state.LegacyCredentials != nil {
				t.Fatalf("after PUT: %+v", state)
			}
			if r.body["status"] != statusValid || r.at("legacyCredentials.present") != false {
				t.Fatalf("PUT answered %s", r.raw)
			}
		})
	}
}

func TestLegacyCredentialsShownButNeverTheToken(t *testing.T) {
	h := newHarness(t, Seed{PrivilegedUser: userValid})
	h.app.SetLegacyCredentials("old@example.com", "legacy-secret-token")
	r := h.get("/v1/privileged-user")
	if r.at("legacyCredentials.present") != true || r.at("legacyCredentials.email") != "old@example.com" {
		t.Fatalf("answered %s", r.raw)
	}
	for _, where := range []string{r.raw, h.get("/v1/audit").raw, h.get("/v1/config/export").raw, mustMarshal(t, h.app.Snapshot())} {
		if strings.Contains(where, "legacy-secret-token") {
			t.Fatalf("the legacy token leaked: %s", where)
		}
	}
}

func TestDeletePrivilegedUserIsIdempotentAndClearsLegacyCredentials(t *testing.T) {
	h := newHarness(t, Seed{PrivilegedUser: userValid, LegacyCredentials: &struct{ Email, APIToken string }{"old@example.com", "t"}})
	for i := range 2 {
		r := h.do(request{method: "DELETE", path: "/v1/privileged-user"}).mustStatus(t, 204, "")
		if r.raw != "" {
			t.Fatalf("DELETE %d answered a body: %s", i, r.raw)
		}
	}
	r := h.get("/v1/privileged-user")
	if r.body["status"] != statusNotConfigured || r.at("legacyCredentials.present") != false || r.at("legacyCredentials.email") != nil {
		t.Fatalf("after DELETE: %s", r.raw)
	}
}
