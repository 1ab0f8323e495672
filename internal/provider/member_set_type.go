package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// memberSetType is the type of a membership's members: a set of account IDs whose checks run in linear
// time. The framework's own set type finds duplicates and compares sets by comparing every pair of
// elements (terraform-plugin-framework issue 1322), which takes minutes for a group of 20,000 members;
// account IDs are strings, so a map does the same work at once.
type memberSetType struct{ basetypes.SetType }

var (
	_ basetypes.SetTypable                    = memberSetType{}
	_ basetypes.SetValuableWithSemanticEquals = memberSetValue{}
)

func newMemberSetType() memberSetType {
	return memberSetType{basetypes.SetType{ElemType: types.StringType}}
}

func (t memberSetType) Equal(o attr.Type) bool {
	other, ok := o.(memberSetType)
	return ok && t.SetType.Equal(other.SetType)
}

func (t memberSetType) String() string { return "memberSetType" }

func (t memberSetType) ValueType(context.Context) attr.Value { return memberSetValue{} }

func (t memberSetType) ValueFromSet(_ context.Context, in basetypes.SetValue) (basetypes.SetValuable, diag.Diagnostics) {
	return memberSetValue{in}, nil
}

func (t memberSetType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.SetType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	set, ok := v.(basetypes.SetValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return memberSetValue{set}, nil
}

// Validate refuses duplicate elements, as the framework's set type does, with one pass over the set.
func (t memberSetType) Validate(_ context.Context, in tftypes.Value, p path.Path) diag.Diagnostics {
	var diags diag.Diagnostics
	if in.Type() == nil || !in.IsKnown() || in.IsNull() {
		return diags
	}
	var elems []tftypes.Value
	if err := in.As(&elems); err != nil {
		diags.AddAttributeError(p, "Set Type Validation Error", "Expected a set of strings: "+err.Error())
		return diags
	}
	seen := make(map[string]bool, len(elems))
	for _, e := range elems {
		var s string
		if !e.IsKnown() || e.IsNull() || e.As(&s) != nil {
			continue
		}
		if seen[s] {
			diags.AddAttributeError(p, "Duplicate Set Element", fmt.Sprintf("This attribute contains duplicate values of: %q", s))
		}
		seen[s] = true
	}
	return diags
}

// memberSetValue is a value of memberSetType.
type memberSetValue struct{ basetypes.SetValue }

func (v memberSetValue) Type(context.Context) attr.Type { return newMemberSetType() }

func (v memberSetValue) ToSetValue(context.Context) (basetypes.SetValue, diag.Diagnostics) {
	return v.SetValue, nil
}

// Equal compares two sets of known strings through a map; anything else the framework's way.
func (v memberSetValue) Equal(o attr.Value) bool {
	other, ok := o.(memberSetValue)
	if !ok {
		return false
	}
	a, aok := knownStrings(v.SetValue)
	b, bok := knownStrings(other.SetValue)
	if !aok || !bok {
		return v.SetValue.Equal(other.SetValue)
	}
	if len(a) != len(b) {
		return false
	}
	for s := range a {
		if !b[s] {
			return false
		}
	}
	return true
}

// SetSemanticEquals keeps the prior value when the sets hold the same accounts, which spares the
// framework its element-by-element comparison of every pair.
func (v memberSetValue) SetSemanticEquals(_ context.Context, prior basetypes.SetValuable) (bool, diag.Diagnostics) {
	return v.Equal(prior), nil
}

// knownStrings returns the elements of a known set whose elements are all known strings.
func knownStrings(s basetypes.SetValue) (map[string]bool, bool) {
	if s.IsNull() || s.IsUnknown() {
		return nil, false
	}
	elems := s.Elements()
	out := make(map[string]bool, len(elems))
	for _, e := range elems {
		str, ok := e.(basetypes.StringValue)
		if !ok || str.IsNull() || str.IsUnknown() {
			return nil, false
		}
		out[str.ValueString()] = true
	}
	return out, true
}

// memberSet is the members attribute holding ids.
func memberSet(ids []string) memberSetValue { return memberSetValue{stringSet(ids)} }
