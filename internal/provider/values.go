package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type maybeKnown interface {
	IsNull() bool
	IsUnknown() bool
}

func known(v maybeKnown) bool { return !v.IsNull() && !v.IsUnknown() }

func fullyKnown(ctx context.Context, v attr.Value) bool {
	tv, err := v.ToTerraformValue(ctx)
	return err == nil && tv.IsFullyKnown()
}

// stringSet builds a set of strings, sorted so that equal sets hold their elements in one order.
func stringSet(values []string) types.Set {
	elems := make([]attr.Value, 0, len(values))
	sorted := append([]string(nil), values...)
	sort.Strings(sorted)
	for _, v := range sorted {
		elems = append(elems, types.StringValue(v))
	}
	return types.SetValueMust(types.StringType, elems)
}

// setStrings stores a known set's elements in dst and leaves dst alone when the set is null or unknown.
func setStrings(ctx context.Context, dst *[]string, v types.Set) diag.Diagnostics {
	if !known(v) {
		return nil
	}
	out := []string{}
	diags := v.ElementsAs(ctx, &out, false)
	*dst = out
	return diags
}

func optionalString(p *string) types.String {
	if p == nil {
		return types.StringNull()
	}
	return types.StringValue(*p)
}

func derefOr(p *string, fallback string) string {
	if p == nil || *p == "" {
		return fallback
	}
	return *p
}
