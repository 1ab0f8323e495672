package provider

import (
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/spacegroups"
)

// members is a map keyed by account ID rather than a set of IDs because Terraform, terraform-plugin-go and
// the framework compare two sets element against every element (in Terraform's apply-time checks, its plan
// renderer, and the framework's validation and equality), which takes minutes for a group of 20,000, while
// they compare maps key by key. Every conversion below is one pass over the map.

// rosterOf returns the members a members map holds; nil when the map is null, as before an import's first read.
func rosterOf(m types.Map) spacegroups.Roster {
	if m.IsNull() || m.IsUnknown() {
		return nil
	}
	elems := m.Elements()
	r := make(spacegroups.Roster, len(elems))
	for id, v := range elems {
		label, _ := v.(types.String) // the schema's element type
		r[id] = label.ValueString()
	}
	return r
}

// memberIDs returns the sorted account IDs of a members map. The keys of a known map are known even where
// a label is not yet, so a plan can check the members before every label is known.
func memberIDs(m types.Map) []string {
	if m.IsNull() || m.IsUnknown() {
		return nil
	}
	return slices.Sorted(maps.Keys(m.Elements()))
}

// memberMap is the members attribute holding r.
func memberMap(r spacegroups.Roster) types.Map {
	elems := make(map[string]attr.Value, len(r))
	for id, label := range r {
		elems[id] = types.StringValue(label)
	}
	return types.MapValueMust(types.StringType, elems)
}

// namedMembers lists ids one per line, each followed by its label in r when it has one.
func namedMembers(ids []string, r spacegroups.Roster) []string {
	lines := make([]string, len(ids))
	for i, id := range ids {
		lines[i] = id
		if label := r[id]; label != "" {
			lines[i] += " (" + label + ")"
		}
	}
	return lines
}
