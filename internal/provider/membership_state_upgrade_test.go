package provider_test

import (
	"context"
	"encoding/json"
	"maps"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/csum-tools/terraform-provider-csum/internal/provider"
)

// membershipStateV0 is a state file written by the resource while members was a set of account IDs
// (schema version 0): `terraform apply` of a membership of eng-leads in the demo seed, with a timeouts block.
const membershipStateV0 = "testdata/membership-set-v0-state.json"

// storedMembershipV0 returns the attributes of the membership in the version 0 state file.
func storedMembershipV0(t *testing.T) (json.RawMessage, []string) {
	t.Helper()
	data, err := os.ReadFile(membershipStateV0)
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Resources []struct {
			Instances []struct {
				SchemaVersion int64           `json:"schema_version"`
				Attributes    json.RawMessage `json:"attributes"`
			}
		}
	}
	if err := json.Unmarshal(data, &st); err != nil {
		t.Fatal(err)
	}
	inst := st.Resources[0].Instances[0]
	var attrs struct{ Members []string }
	if err := json.Unmarshal(inst.Attributes, &attrs); err != nil || inst.SchemaVersion != 0 || len(attrs.Members) == 0 {
		t.Fatalf("%s does not hold a version 0 membership with members (%v)", membershipStateV0, err)
	}
	return inst.Attributes, attrs.Members
}

// upgradeMembership runs Terraform's UpgradeResourceState for a stored membership through the provider server.
func upgradeMembership(t *testing.T, version int64, attributes []byte) (map[string]tftypes.Value, []*tfprotov6.Diagnostic) {
	t.Helper()
	ctx := context.Background()
	server := providerserver.NewProtocol6(provider.New("test")())()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	schema := schemas.ResourceSchemas["csum_space_group_membership"]
	if schema.Version != 1 {
		t.Fatalf("schema version %d, want 1", schema.Version)
	}
	resp, err := server.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{
		TypeName: "csum_space_group_membership", Version: version, RawState: &tfprotov6.RawState{JSON: attributes},
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp.UpgradedState == nil {
		return nil, resp.Diagnostics
	}
	v, err := resp.UpgradedState.Unmarshal(schema.ValueType())
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		t.Fatal(err)
	}
	return attrs, resp.Diagnostics
}

// State written with members as a set upgrades to a map of the same accounts, each labelled "", and keeps
// every other attribute.
func TestMembershipStateUpgradeFromSet(t *testing.T) {
	stored, ids := storedMembershipV0(t)
	attrs, diags := upgradeMembership(t, 0, stored)
	if len(diags) > 0 || attrs == nil {
		t.Fatalf("upgrade diagnostics: %+v", diags)
	}
	var members map[string]tftypes.Value
	if err := attrs["members"].As(&members); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for id, v := range members {
		var label string
		if err := v.As(&label); err != nil {
			t.Fatal(err)
		}
		got[id] = label
	}
	want := map[string]string{}
	for _, id := range ids {
		want[id] = ""
	}
	if !maps.Equal(got, want) {
		t.Errorf("members upgraded to %v, want %v", got, want)
	}
	var before map[string]any
	if err := json.Unmarshal(stored, &before); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"id", "space_key", "group_id", "group_name"} {
		var s string
		if err := attrs[name].As(&s); err != nil || s != before[name] {
			t.Errorf("%s upgraded to %q (%v), want %q", name, s, err, before[name])
		}
	}
	var timeouts map[string]tftypes.Value
	var update string
	if err := attrs["timeouts"].As(&timeouts); err != nil || timeouts["update"].As(&update) != nil || update != "1h" {
		t.Errorf("timeouts upgraded to %v, want update = 1h kept", attrs["timeouts"])
	}
}

func TestMembershipStateUpgradeOfAnEmptySet(t *testing.T) {
	attrs, diags := upgradeMembership(t, 0, []byte(`{"id":"ENG/g","space_key":"ENG","group_id":"g","group_name":"eng-x","members":[],"timeouts":null}`))
	if len(diags) > 0 {
		t.Fatalf("upgrade diagnostics: %+v", diags)
	}
	var members map[string]tftypes.Value
	if err := attrs["members"].As(&members); err != nil || members == nil || len(members) != 0 {
		t.Errorf("members upgraded to %v (%v), want an empty map", attrs["members"], err)
	}
	if _, diags := upgradeMembership(t, 0, []byte(`{"members":"not a set"}`)); len(diags) == 0 {
		t.Error("members that are not a set of strings upgraded without an error")
	}
}
