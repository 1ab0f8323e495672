package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/csumapi"
)

func TestPrivilegedUserPlanWarnsAboutLegacyCredentialsWithoutTheToken(t *testing.T) {
	email := "csum-bot@example.com"
	app := privilegedUserApp{user: csumapi.PrivilegedUser{Status: csumapi.PrivilegedNotConfigured,
		LegacyCredentials: csumapi.LegacyCredentials{Present: true, Email: &email}}}
	diags := planPrivilegedUser(t, app, nil, "557058:abc")
	if diags.HasError() || len(diags.Warnings()) != 1 {
		t.Fatalf("want one warning, got %v", diags)
	}
	w := diags.Warnings()[0]
	for _, want := range []string{email, legacyCutoff, "removes them"} {
		if !strings.Contains(w.Summary()+" "+w.Detail(), want) {
			t.Errorf("warning does not say %q: %s / %s", want, w.Summary(), w.Detail())
		}
	}
}

func TestPrivilegedUserPlanIsQuietWithoutLegacyCredentials(t *testing.T) {
	app := privilegedUserApp{user: csumapi.PrivilegedUser{Status: csumapi.PrivilegedNotConfigured}}
	if diags := planPrivilegedUser(t, app, nil, "557058:abc"); len(diags) != 0 {
		t.Fatalf("want no diagnostics, got %v", diags)
	}
}

func TestPrivilegedUserPlanWarnsWhenTheStoredAccountCanNoLongerServe(t *testing.T) {
	stored := func(status string, missing ...string) *privilegedUserModel {
		return &privilegedUserModel{
			ID: types.StringValue(privilegedUserID), AccountID: types.StringValue("557058:abc"),
			DisplayName: types.StringValue("CSUM Automation"), Status: types.StringValue(status),
			MissingPermissions: stringSet(missing), ValidatedAt: types.StringValue("2026-11-23T10:00:00Z"),
		}
	}
	cases := []struct {
		name  string
		prior *privilegedUserModel
		want  []string // nil: no warning
	}{
		{"valid", stored(csumapi.PrivilegedValid), nil},
		{"lost site admin", stored("LACKS_PERMISSIONS", "SITE_ADMIN"), []string{"557058:abc", "CSUM Automation", "SITE_ADMIN", "site admin"}},
		{"lost both", stored("LACKS_PERMISSIONS", "SITE_ADMIN", "CAN_USE"), []string{"SITE_ADMIN", "CAN_USE", "confluence-users"}},
		{"left the site", stored(csumapi.PrivilegedUserNotFound), []string{"557058:abc", "no longer exists or is deactivated"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			diags := planPrivilegedUser(t, privilegedUserApp{}, tc.prior, "557058:abc")
			if tc.want == nil {
				if len(diags) != 0 {
					t.Fatalf("want no diagnostics, got %v", diags)
				}
				return
			}
			if diags.HasError() || len(diags.Warnings()) != 1 {
				t.Fatalf("want one warning, got %v", diags)
			}
			w := diags.Warnings()[0]
			if wp, ok := w.(diag.DiagnosticWithPath); !ok || !wp.Path().Equal(path.Root("account_id")) {
				t.Errorf("warning is not on account_id: %v", w)
			}
			for _, s := range tc.want {
				if !strings.Contains(w.Detail(), s) {
					t.Errorf("warning does not say %q: %s", s, w.Detail())
				}
			}
		})
	}
}
