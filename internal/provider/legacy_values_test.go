package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestLegacyExportValues_convertsLegacyFile(t *testing.T) {
	values, warnings, err := legacyExportValues([]byte(untidyLegacy))
	if err != nil {
		t.Fatal(err)
	}
	obj, diags := types.ObjectValue(legacyExportAttrTypes, values)
	if diags.HasError() {
		t.Fatalf("outputs do not fit their declared types: %v", diags)
	}
	get := func(names ...string) attr.Value {
		var v attr.Value = obj
		for _, n := range names {
			v = v.(types.Object).Attributes()[n]
		}
		return v
	}
	checks := []struct {
		name string
		got  attr.Value
		want string
	}{
		{"format", get("format"), "1"},
		{"pattern token normalised", get("group_settings", "space_group_pattern", "prefix"), `"SPACEKEY-"`},
		{"integer from a padded string", get("group_settings", "max_users_per_action"), "50"},
		{"comma list as a set", get("group_settings", "group_blocklist"), `["a-group","b-group"]`},
		{"visibility mapped", get("user_settings", "disabled_user_visibility"), `"HIDE"`},
		{"auto-join objects to IDs", get("user_settings", "auto_join_group_ids"), `["c-group"]`},
		{"missing filter is null", get("user_settings", "user_group_filter_group_id"), "<null>"},
		{"boolean string", get("general_settings", "show_group_information"), "false"},
		{"default kept", get("general_settings", "audit_retention_days"), "90"},
		{"default scheme", get("default_operations"), `["ADD_MEMBERS","CREATE_GROUP"]`},
		{"empty user scheme dropped", get("user_schemes"), `{"557058:alice":["DELETE_GROUP"]}`},
		{"group scheme", get("group_schemes"), `{"d-group":["MANAGE_SPACE_PERMISSIONS"]}`},
		{"no email is null", get("legacy_privileged_user_email"), "<null>"},
	}
	for _, c := range checks {
		if got := c.got.String(); got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, got, c.want)
		}
	}
	list := get("warnings").(types.List).Elements()
	if len(list) == 0 || len(list) != len(warnings) {
		t.Fatalf("warnings output has %d entries, the reader gave %d", len(list), len(warnings))
	}
	for i, w := range warnings {
		if want := w.Path + ": " + w.Message; list[i].(types.String).ValueString() != want {
			t.Errorf("warning %d = %q, want %q", i, list[i], want)
		}
	}
}

func TestLegacyExportValues_settingsJSONReadsBackAsTheSameDocuments(t *testing.T) {
	values, _, err := legacyExportValues([]byte(untidyLegacy))
	if err != nil {
		t.Fatal(err)
	}
	exported := values["settings_json"].(types.String).ValueString()
	again, _, err := legacyExportValues([]byte(exported))
	if err != nil {
		t.Fatalf("settings_json is not a readable export: %v\n%s", err, exported)
	}
	if again["format"].String() != "2" {
		t.Errorf("settings_json is format %s, want 2", again["format"])
	}
	for _, name := range []string{"group_settings", "user_settings", "general_settings", "default_operations", "user_schemes", "group_schemes"} {
		if !again[name].Equal(values[name]) {
			t.Errorf("%s changed through settings_json: %s became %s", name, values[name], again[name])
		}
	}
}

func TestLegacyExportValues_tokenReachesNoOutput(t *testing.T) {
	const token = "ATATT3x-unit-test-token-9f8e"
	file := `{"exportVersion": 1, "privilegedUser": {"email": "bot@example.com", "apiToken": "` + token + `"}}`
	values, _, err := legacyExportValues([]byte(file))
	if err != nil {
		t.Fatal(err)
	}
	sawTokenWarning := false
	for name, v := range values {
		if strings.Contains(v.String(), token) {
			t.Errorf("output %s holds the token", name)
		}
		if name == "warnings" && strings.Contains(v.String(), "/privilegedUser/apiToken") {
			sawTokenWarning = true
		}
	}
	if !sawTokenWarning {
		t.Error("no warning about the token in the file")
	}
	if got := values["legacy_privileged_user_email"].String(); got != `"bot@example.com"` {
		t.Errorf("email = %s", got)
	}
}

func TestLegacyErrorMessage(t *testing.T) {
	cases := []struct {
		name, file, want string
	}{
		{"syntax error placed by line and column", "{\n  \"exportVersion\": 1,\n  oops\n}", "line 3, column 3: not valid JSON"},
		{"wrong kind placed by JSON path", `{"exportVersion": 1, "globalSettings": {"maxUserIdsPerAction": "lots"}}`, "/globalSettings/maxUserIdsPerAction: "},
		{"unknown format", `{"formatVersion": 3}`, "/formatVersion: unknown format version"},
		{"empty file", "  ", "the file is empty"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := legacyExportValues([]byte(c.file))
			if err == nil {
				t.Fatal("no error")
			}
			if got := legacyErrorMessage(err); !strings.HasPrefix(got, c.want) && !strings.Contains(got, c.want) {
				t.Errorf("got %q, want it to contain %q", got, c.want)
			}
		})
	}
}

// The data source's outputs must have exactly the resources' attribute types, or assigning them fails.
func TestLegacyExportOutputs_matchResourceTypes(t *testing.T) {
	ctx := context.Background()
	var ds datasource.SchemaResponse
	newLegacyExportDataSource().Schema(ctx, datasource.SchemaRequest{}, &ds)
	for _, r := range []struct {
		res   resource.Resource
		attrs []string
	}{
		{newGlobalSettingsResource(), []string{"group_settings", "user_settings", "general_settings"}},
		{newPermissionSchemesResource(), []string{"default_operations", "user_schemes", "group_schemes"}},
	} {
		var rs resource.SchemaResponse
		r.res.Schema(ctx, resource.SchemaRequest{}, &rs)
		for _, name := range r.attrs {
			want := rs.Schema.Attributes[name].GetType()
			if got := ds.Schema.Attributes[name].GetType(); !got.Equal(want) {
				t.Errorf("%s: data source type %s, resource type %s", name, got, want)
			}
			if got := legacyExportAttrTypes[name]; !got.Equal(want) {
				t.Errorf("%s: function type %s, resource type %s", name, got, want)
			}
		}
	}
}
