package provider

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// UpgradeState upgrades state written before members became a map (schema version 0, a set of account IDs).
func (r *membershipResource) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	return map[int64]resource.StateUpgrader{0: {StateUpgrader: upgradeMemberSet}}
}

// upgradeMemberSet turns members from a set of account IDs into a map of the same accounts, each labelled
// "", and keeps every other attribute as stored. The next refresh keeps those labels, so a configuration
// rewritten as { for id in ... : id => "" } plans no change. It works on the stored JSON without a prior
// schema: decoding a set through the framework compares every pair of its elements, which takes minutes for
// a large group.
func upgradeMemberSet(_ context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
	const summary = "Could not upgrade the membership's state"
	if req.RawState == nil || req.RawState.JSON == nil {
		resp.Diagnostics.AddError(summary, "The stored state is not in JSON form. Remove the resource from state "+
			"(terraform state rm) and import the membership again.")
		return
	}
	var attrs map[string]json.RawMessage
	if err := json.Unmarshal(req.RawState.JSON, &attrs); err != nil {
		resp.Diagnostics.AddError(summary, "Reading the stored state: "+err.Error())
		return
	}
	if raw, ok := attrs["members"]; ok && string(raw) != "null" {
		var ids []string
		if err := json.Unmarshal(raw, &ids); err != nil {
			resp.Diagnostics.AddError(summary, "Reading members as a set of account IDs: "+err.Error())
			return
		}
		members := make(map[string]string, len(ids))
		for _, id := range ids {
			members[id] = ""
		}
		attrs["members"], _ = json.Marshal(members) // a map of strings always encodes
	}
	upgraded, err := json.Marshal(attrs)
	if err != nil {
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
	resp.DynamicValue = &tfprotov6.DynamicValue{JSON: upgraded}
}
