package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func tfStringSet(values ...string) tftypes.Value {
	elems := make([]tftypes.Value, len(values))
	for i, v := range values {
		elems[i] = tftypes.NewValue(tftypes.String, v)
	}
	return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, elems)
}

func TestMemberSetValidate(t *testing.T) {
	ctx, typ := context.Background(), newMemberSetType()
	if diags := typ.Validate(ctx, tfStringSet("a", "b", "c"), path.Root("members")); diags.HasError() {
		t.Errorf("distinct members: %v", diags)
	}
	diags := typ.Validate(ctx, tfStringSet("a", "b", "a"), path.Root("members"))
	if !diags.HasError() || diags[0].Summary() != "Duplicate Set Element" {
		t.Errorf("a repeated member: %v, want a Duplicate Set Element error", diags)
	}
	unknown := tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{
		tftypes.NewValue(tftypes.String, tftypes.UnknownValue), tftypes.NewValue(tftypes.String, tftypes.UnknownValue)})
	if diags := typ.Validate(ctx, unknown, path.Root("members")); diags.HasError() {
		t.Errorf("unknown members are not duplicates: %v", diags)
	}
}

func TestMemberSetEqual(t *testing.T) {
	unknownElem := types.SetValueMust(types.StringType, []attr.Value{types.StringUnknown()})
	tests := []struct {
		name string
		a, b attr.Value
		want bool
	}{
		{"same members in another order", memberSet([]string{"a", "b"}), memberSetValue{types.SetValueMust(types.StringType, []attr.Value{types.StringValue("b"), types.StringValue("a")})}, true},
		{"one member differs", memberSet([]string{"a", "b"}), memberSet([]string{"a", "c"}), false},
		{"one more member", memberSet([]string{"a"}), memberSet([]string{"a", "b"}), false},
		{"both empty", memberSet(nil), memberSet([]string{}), true},
		{"null and empty", memberSetValue{types.SetNull(types.StringType)}, memberSet(nil), false},
		{"both null", memberSetValue{types.SetNull(types.StringType)}, memberSetValue{types.SetNull(types.StringType)}, true},
		{"unknown element against known", memberSetValue{unknownElem}, memberSet([]string{"a"}), false},
		{"a plain set is another type", memberSet([]string{"a"}), stringSet([]string{"a"}), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.Equal(tt.b); got != tt.want {
				t.Errorf("Equal = %v, want %v", got, tt.want)
			}
			if prior, ok := tt.b.(memberSetValue); ok {
				if same, _ := tt.a.(memberSetValue).SetSemanticEquals(context.Background(), prior); same != tt.want {
					t.Errorf("SetSemanticEquals = %v, want %v", same, tt.want)
				}
			}
		})
	}
}

func TestMemberSetRoundTrip(t *testing.T) {
	ctx, typ := context.Background(), newMemberSetType()
	v, err := typ.ValueFromTerraform(ctx, tfStringSet("x", "y"))
	if err != nil {
		t.Fatal(err)
	}
	if !v.Equal(memberSet([]string{"y", "x"})) || !v.Type(ctx).Equal(typ) {
		t.Errorf("ValueFromTerraform = %v (%T)", v, v)
	}
	var ids []string
	if diags := v.(memberSetValue).ElementsAs(ctx, &ids, false); diags.HasError() || len(ids) != 2 {
		t.Errorf("ElementsAs = %v, %v", ids, diags)
	}
}

// A large set is compared without looking at every pair: 50,000 members against themselves.
func TestMemberSetLargeEqual(t *testing.T) {
	ids := make([]string, 50_000)
	for i := range ids {
		ids[i] = fmt.Sprintf("557058:%08d", i)
	}
	a, b := memberSet(ids), memberSet(append([]string(nil), ids...))
	if !a.Equal(b) {
		t.Fatal("equal sets compare unequal")
	}
	if diags := newMemberSetType().Validate(context.Background(), tfStringSet(ids...), path.Root("members")); diags.HasError() {
		t.Fatal(diags)
	}
}
