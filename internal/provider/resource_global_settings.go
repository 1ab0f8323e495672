package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

const globalSettingsID = "global"

var (
	_ resource.ResourceWithConfigure      = &globalSettingsResource{}
	_ resource.ResourceWithImportState    = &globalSettingsResource{}
	_ resource.ResourceWithValidateConfig = &globalSettingsResource{}
	_ resource.ResourceWithModifyPlan     = &globalSettingsResource{}
)

func newGlobalSettingsResource() resource.Resource { return &globalSettingsResource{} }

type globalSettingsResource struct{ data *providerData }

type globalSettingsModel struct {
	ID              types.String `tfsdk:"id"`
	GroupSettings   types.Object `tfsdk:"group_settings"`
	UserSettings    types.Object `tfsdk:"user_settings"`
	GeneralSettings types.Object `tfsdk:"general_settings"`
}

func (m globalSettingsModel) objects() settingsObjects {
	return settingsObjects{Group: m.GroupSettings, User: m.UserSettings, General: m.GeneralSettings}
}

func (m *globalSettingsModel) set(doc csumdoc.Settings) {
	o := settingsToObjects(doc)
	m.ID = types.StringValue(globalSettingsID)
	m.GroupSettings, m.UserSettings, m.GeneralSettings = o.Group, o.User, o.General
}

func (r *globalSettingsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_global_settings"
}

func (r *globalSettingsResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (r *globalSettingsResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m globalSettingsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Only fully known blocks are checked now; the rest is checked by the API at apply.
	o := m.objects()
	for _, v := range []*types.Object{&o.Group, &o.User, &o.General} {
		if !fullyKnown(ctx, *v) {
			*v = types.ObjectNull(v.AttributeTypes(ctx))
		}
	}
	doc, diags := objectsToSettings(ctx, o)
	resp.Diagnostics.Append(diags...)
	for _, p := range doc.Validate() {
		attrPath := settingsPointerPath(p.Path)
		if blockIsNull(o, attrPath) {
			continue
		}
		resp.Diagnostics.AddAttributeError(attrPath, "Invalid app setting", attrPath.String()+" "+p.Message+".")
	}
}

// blockIsNull reports whether the problem lies in a block that was left out or not yet known, so that the
// default stood in for it and the problem is not the user's.
func blockIsNull(o settingsObjects, p path.Path) bool {
	switch {
	case p.Equal(path.Empty()):
		return false
	case hasRoot(p, "group_settings"):
		return o.Group.IsNull()
	case hasRoot(p, "user_settings"):
		return o.User.IsNull()
	case hasRoot(p, "general_settings"):
		return o.General.IsNull()
	}
	return false
}

func hasRoot(p path.Path, name string) bool {
	steps := p.Steps()
	if len(steps) == 0 {
		return false
	}
	return steps[0].String() == name
}

func (r *globalSettingsResource) ModifyPlan(_ context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil {
		return
	}
	if err := r.data.singletons.claim("csum_global_settings"); err != nil {
		resp.Diagnostics.AddError("Duplicate csum_global_settings", err.Error())
	}
}

func (r *globalSettingsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.write(ctx, req.Plan.Get, nil, &resp.State, resp.Private, &resp.Diagnostics)
}

func (r *globalSettingsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.write(ctx, req.Plan.Get, req.Private, &resp.State, resp.Private, &resp.Diagnostics)
}

// settingsDocument is the app's global settings document.
var settingsDocument = appDocument[csumdoc.Settings]{
	name: "global settings", get: appAPI.GetSettings, put: appAPI.PutSettings, reset: appAPI.ResetSettings,
	defaults: csumdoc.DefaultSettings, same: sameSettings,
	pathOf: func(csumdoc.Settings) func(string) path.Path { return settingsPointerPath },
}

func (r *globalSettingsResource) write(ctx context.Context, get getter, prior privateState, state stateSetter, private privateState, diags *diagnostics) {
	var m globalSettingsModel
	diags.Append(get(ctx, &m)...)
	if diags.HasError() {
		return
	}
	doc, d := objectsToSettings(ctx, m.objects())
	diags.Append(d...)
	if diags.HasError() {
		return
	}
	if saved, ok := settingsDocument.write(ctx, r.data, doc, prior, private, diags); ok {
		m.set(saved)
		diags.Append(state.Set(ctx, &m)...)
	}
}

func (r *globalSettingsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if doc, ok := settingsDocument.read(ctx, r.data, resp.Private, &resp.Diagnostics); ok {
		var m globalSettingsModel
		m.set(doc)
		resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
	}
}

func (r *globalSettingsResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	settingsDocument.resetToDefaults(ctx, r.data, req.Private, &resp.Diagnostics)
}

func (r *globalSettingsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID != globalSettingsID {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("csum_global_settings is a singleton: import it with the ID %q, not %q.", globalSettingsID, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), globalSettingsID)...)
}

// sameSettings reports whether a settings document read back holds doc, comparing them as Terraform values
// so that the order of set elements does not matter.
func sameSettings(doc csumdoc.Settings) func(csumdoc.Settings) bool {
	want := settingsToObjects(doc)
	return func(got csumdoc.Settings) bool {
		o := settingsToObjects(got)
		return o.Group.Equal(want.Group) && o.User.Equal(want.User) && o.General.Equal(want.General)
	}
}
