package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// untidyLegacy is a legacy export with the quirks the reader tidies: a byte-order mark, numbers and
// booleans as text, lists as comma-separated text and a scheme that grants nothing.
const untidyLegacy = `` + "\ufeff" + `{
  "exportVersion": "1",
  "globalSettings": {
    "groupPrefix": "${SPACEKEY}-",
    "groupSuffix": "",
    "maxUserIdsPerAction": " 50 ",
    "groupBlocklist": "b-group, a-group, ",
    "disabledUserVisibility": "hide",
    "autoJoinGroups": [ { "groupId": "c-group", "groupName": "all-staff" } ],
    "showGroupInformation": "OFF"
  },
  "permissions": {
    "defaultSpaceAdmin": { "createGroup": true, "addUsers": "yes" },
    "userSchemes":  { "557058:alice": { "deleteGroup": true }, "557058:bob": { "deleteGroup": false } },
    "groupSchemes": { "d-group": { "editSpacePermissions": true } }
  }
}`

// readLegacyExport runs the data source's Read on a configuration with only content set.
func readLegacyExport(t *testing.T, content string) (*datasource.ReadResponse, map[string]tftypes.Value) {
	t.Helper()
	ctx := context.Background()
	ds := newLegacyExportDataSource()
	var sr datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &sr)
	objType := sr.Schema.Type().TerraformType(ctx).(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, typ := range objType.AttributeTypes {
		vals[name] = tftypes.NewValue(typ, nil)
	}
	vals["content"] = tftypes.NewValue(tftypes.String, content)
	raw := tftypes.NewValue(objType, vals)
	resp := &datasource.ReadResponse{State: tfsdk.State{Schema: sr.Schema, Raw: raw.Copy()}}
	ds.Read(ctx, datasource.ReadRequest{Config: tfsdk.Config{Schema: sr.Schema, Raw: raw}}, resp)
	out := map[string]tftypes.Value{}
	if err := resp.State.Raw.As(&out); err != nil {
		t.Fatal(err)
	}
	return resp, out
}
