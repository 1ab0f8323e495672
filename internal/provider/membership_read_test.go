package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/spacegroups"
)

// TestMembershipHoldsWhatWasRead covers when Read may leave the prior state as it is: only when the state
// already records the same group, name and members, and never on an import's first read.
func TestMembershipHoldsWhatWasRead(t *testing.T) {
	known := spacegroups.Roster{"a": "Alice", "b": ""}
	recorded := membershipModel{
		ID: types.StringValue("DOCS/g1"), SpaceKey: types.StringValue("DOCS"), GroupID: types.StringValue("g1"),
		GroupName: types.StringValue("docs-writers"), Members: memberMap(known),
	}
	imported := membershipModel{ID: types.StringValue("DOCS/docs-writers"), SpaceKey: types.StringValue("DOCS"),
		GroupName: types.StringValue("docs-writers"), Members: types.MapNull(types.StringType)}
	for _, tc := range []struct {
		name    string
		model   membershipModel
		groupID string
		group   types.String
		known   spacegroups.Roster
		read    spacegroups.Roster
		want    bool
	}{
		{"nothing changed", recorded, "g1", types.StringValue("docs-writers"), known, spacegroups.Roster{"b": "", "a": "Alice"}, true},
		{"a member joined", recorded, "g1", types.StringValue("docs-writers"), known, spacegroups.Roster{"a": "Alice", "b": "", "c": "Carol"}, false},
		{"a member left", recorded, "g1", types.StringValue("docs-writers"), known, spacegroups.Roster{"a": "Alice"}, false},
		{"the group was renamed", recorded, "g1", types.StringValue("docs-editors"), known, known, false},
		{"another group", recorded, "g2", types.StringValue("docs-writers"), known, known, false},
		{"import of an empty group", imported, "g1", types.StringValue("docs-writers"), nil, spacegroups.Roster{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.model.holds(tc.groupID, tc.group, tc.known, tc.read); got != tc.want {
				t.Errorf("holds = %v, want %v", got, tc.want)
			}
		})
	}
}
