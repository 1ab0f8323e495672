package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// The Terraform types of the permission schemes document, shared by csum_permission_schemes and
// csum_legacy_export.
var (
	operationSetType = types.SetType{ElemType: types.StringType}
	schemeMapType    = types.MapType{ElemType: operationSetType}
)

// schemesValues is the permission schemes document as Terraform values.
type schemesValues struct {
	Default       types.Set
	Users, Groups types.Map
}

func schemesToValues(p csumdoc.PermissionSchemes) schemesValues {
	users := map[string]attr.Value{}
	for _, u := range p.Users {
		users[u.AccountID] = stringSet(u.Operations)
	}
	groups := map[string]attr.Value{}
	for _, g := range p.Groups {
		groups[g.GroupID] = stringSet(g.Operations)
	}
	return schemesValues{
		Default: stringSet(p.Default),
		Users:   types.MapValueMust(operationSetType, users),
		Groups:  types.MapValueMust(operationSetType, groups),
	}
}

// valuesToSchemes builds the document in a fixed order (keys sorted), so that a JSON Pointer the API
// returns can be traced back to its map key with schemesPointerPath. Null or unknown parts take defaults.
func valuesToSchemes(ctx context.Context, def types.Set, users, groups types.Map) (csumdoc.PermissionSchemes, diag.Diagnostics) {
	var diags diag.Diagnostics
	doc := csumdoc.DefaultPermissionSchemes()
	diags.Append(setStrings(ctx, &doc.Default, def)...)
	for _, kv := range sortedSchemeEntries(ctx, users, &diags) {
		doc.Users = append(doc.Users, csumdoc.UserScheme{AccountID: kv.key, Operations: kv.ops})
	}
	for _, kv := range sortedSchemeEntries(ctx, groups, &diags) {
		doc.Groups = append(doc.Groups, csumdoc.GroupScheme{GroupID: kv.key, Operations: kv.ops})
	}
	return doc, diags
}

type schemeEntry struct {
	key string
	ops []string
}

func sortedSchemeEntries(ctx context.Context, m types.Map, diags *diag.Diagnostics) []schemeEntry {
	if !known(m) {
		return nil
	}
	var raw map[string]types.Set
	diags.Append(m.ElementsAs(ctx, &raw, false)...)
	entries := make([]schemeEntry, 0, len(raw))
	for k, v := range raw {
		e := schemeEntry{key: k, ops: []string{}}
		diags.Append(setStrings(ctx, &e.ops, v)...)
		entries = append(entries, e)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].key < entries[j].key })
	return entries
}
