package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

var (
	_ resource.ResourceWithConfigure      = &globalSettingsResource{}
	_ resource.ResourceWithImportState    = &globalSettingsResource{}
	_ resource.ResourceWithValidateConfig = &globalSettingsResource{}
	_ resource.ResourceWithModifyPlan     = &globalSettingsResource{}
)

const (
	globalSettingsType = "csum_global_settings"
	globalSettingsID   = "global"
)

func newGlobalSettingsResource() resource.Resource { return &globalSettingsResource{} }

type globalSettingsResource struct {
	data *providerData
	app  settingsAPI // nil without app credentials
}

// settingsAPI is what csum_global_settings needs of the CSUM Admin API.
type settingsAPI interface {
	GetSettings(ctx context.Context) (csumdoc.Settings, int64, error)
	PutSettings(ctx context.Context, doc csumdoc.Settings, ifMatch int64) (csumdoc.Settings, int64, error)
	ResetSettings(ctx context.Context, ifMatch int64) (csumdoc.Settings, int64, error)
}

type globalSettingsModel struct {
	ID              types.String `tfsdk:"id"`
	GroupSettings   types.Object `tfsdk:"group_settings"`
	UserSettings    types.Object `tfsdk:"user_settings"`
	GeneralSettings types.Object `tfsdk:"general_settings"`
}

func newGlobalSettingsModel(doc csumdoc.Settings) globalSettingsModel {
	o := settingsToObjects(doc)
	return globalSettingsModel{
		ID:              types.StringValue(globalSettingsID),
		GroupSettings:   o.Group,
		UserSettings:    o.User,
		GeneralSettings: o.General,
	}
}

func (m globalSettingsModel) objects() settingsObjects {
	return settingsObjects{Group: m.GroupSettings, User: m.UserSettings, General: m.GeneralSettings}
}

func (m globalSettingsModel) document(ctx context.Context) (csumdoc.Settings, diagnostics) {
	return objectsToSettings(ctx, m.objects())
}

func (m globalSettingsModel) values() []attr.Value {
	return []attr.Value{m.GroupSettings, m.UserSettings, m.GeneralSettings}
}

func (r *globalSettingsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_global_settings"
}

func (r *globalSettingsResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = globalSettingsSchema()
}

func (r *globalSettingsResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
	if r.data != nil && r.data.app != nil { // no typed nil: a nil client means none
		r.app = r.data.app
	}
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

func (r *globalSettingsResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	settingsDocument.modifyPlan(ctx, r.data, r.app, r.app != nil, globalSettingsType, req, resp)
}

func (r *globalSettingsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	if configured(r.app, r.data.appClient, &resp.Diagnostics) {
		r.written(settingsDocument.apply(ctx, r.app, req.Plan.Get, nil, &resp.State, resp.Private, &resp.Diagnostics))
	}
}

func (r *globalSettingsResource) Read(ctx context.Context, _ resource.ReadRequest, resp *resource.ReadResponse) {
	if configured(r.app, r.data.appClient, &resp.Diagnostics) {
		settingsDocument.refresh(ctx, r.app, &resp.State, resp.Private, &resp.Diagnostics)
	}
}

func (r *globalSettingsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	if configured(r.app, r.data.appClient, &resp.Diagnostics) {
		r.written(settingsDocument.apply(ctx, r.app, req.Plan.Get, req.Private, &resp.State, resp.Private, &resp.Diagnostics))
	}
}

func (r *globalSettingsResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if configured(r.app, r.data.appClient, &resp.Diagnostics) {
		r.written(csumdoc.DefaultSettings(), settingsDocument.resetToDefaults(ctx, r.app, req.Private, &resp.Diagnostics))
	}
}

func (r *globalSettingsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importSingleton(ctx, globalSettingsType, globalSettingsID, req, resp)
}

// written tells the space-group domain the app's new settings, so that space groups planned later in the
// same run follow the group rules just written.
func (r *globalSettingsResource) written(saved csumdoc.Settings, ok bool) {
	if ok {
		r.data.site.RememberRules(saved)
	}
}

// settingsDocument is the app's global settings document.
var settingsDocument = appDocument[csumdoc.Settings, globalSettingsModel, settingsAPI]{
	name:     "global settings",
	get:      settingsAPI.GetSettings,
	put:      settingsAPI.PutSettings,
	reset:    settingsAPI.ResetSettings,
	defaults: csumdoc.DefaultSettings,
	model:    newGlobalSettingsModel,
	pathOf:   func(csumdoc.Settings) func(string) path.Path { return settingsPointerPath },
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
