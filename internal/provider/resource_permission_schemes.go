package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

var (
	_ resource.ResourceWithConfigure      = &permissionSchemesResource{}
	_ resource.ResourceWithImportState    = &permissionSchemesResource{}
	_ resource.ResourceWithValidateConfig = &permissionSchemesResource{}
	_ resource.ResourceWithModifyPlan     = &permissionSchemesResource{}
)

const (
	permissionSchemesType = "csum_permission_schemes"
	permissionSchemesID   = "permission-schemes"
)

func newPermissionSchemesResource() resource.Resource { return &permissionSchemesResource{} }

type permissionSchemesResource struct {
	data *providerData
	app  permissionSchemesAPI // nil without app credentials
}

// permissionSchemesAPI is what csum_permission_schemes needs of the CSUM Admin API.
type permissionSchemesAPI interface {
	GetPermissionSchemes(ctx context.Context) (csumdoc.PermissionSchemes, int64, error)
	PutPermissionSchemes(ctx context.Context, doc csumdoc.PermissionSchemes, ifMatch int64) (csumdoc.PermissionSchemes, int64, error)
	ResetPermissionSchemes(ctx context.Context, ifMatch int64) (csumdoc.PermissionSchemes, int64, error)
}

type permissionSchemesModel struct {
	ID                types.String `tfsdk:"id"`
	DefaultOperations types.Set    `tfsdk:"default_operations"`
	UserSchemes       types.Map    `tfsdk:"user_schemes"`
	GroupSchemes      types.Map    `tfsdk:"group_schemes"`
}

func newPermissionSchemesModel(doc csumdoc.PermissionSchemes) permissionSchemesModel {
	v := schemesToValues(doc)
	return permissionSchemesModel{
		ID:                types.StringValue(permissionSchemesID),
		DefaultOperations: v.Default,
		UserSchemes:       v.Users,
		GroupSchemes:      v.Groups,
	}
}

func (m permissionSchemesModel) document(ctx context.Context) (csumdoc.PermissionSchemes, diagnostics) {
	return valuesToSchemes(ctx, m.DefaultOperations, m.UserSchemes, m.GroupSchemes)
}

func (m permissionSchemesModel) values() []attr.Value {
	return []attr.Value{m.DefaultOperations, m.UserSchemes, m.GroupSchemes}
}

func (r *permissionSchemesResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_permission_schemes"
}

func (r *permissionSchemesResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	ops := "`" + strings.Join(csumdoc.Operations, "`, `") + "`"
	noSchemes := mapdefault.StaticValue(types.MapValueMust(operationSetType, nil))
	resp.Schema = schema.Schema{
		MarkdownDescription: "The CSUM app's space-admin permission schemes (the Permissions tab of the System Admin page). " +
			"A singleton and authoritative: a scheme added on the System Admin page shows in `plan`. Schemes only grant: a " +
			"space admin may do an operation if the default scheme, their user scheme or the scheme of any group they are in " +
			"grants it. Operations: " + ops + ". Destroying it resets the default scheme and removes every user and group scheme.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Always `permission-schemes`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"default_operations": schema.SetAttribute{
				Optional:    true,
				Computed:    true,
				ElementType: types.StringType,
				Default:     setdefault.StaticValue(stringSet(csumdoc.DefaultOperations())),
				MarkdownDescription: "Operations every space admin may do. Default: every operation except " +
					"`MANAGE_SPACE_PERMISSIONS`. Changing it updates in place.",
			},
			"user_schemes": schema.MapAttribute{
				Optional:    true,
				Computed:    true,
				ElementType: operationSetType,
				Default:     noSchemes,
				MarkdownDescription: "Extra operations per account, keyed by Atlassian account ID (at most 50 accounts, each " +
					"must exist). Default empty. Changing it updates in place.",
			},
			"group_schemes": schema.MapAttribute{
				Optional:    true,
				Computed:    true,
				ElementType: operationSetType,
				Default:     noSchemes,
				MarkdownDescription: "Extra operations for the members of a group, keyed by group ID (at most 50 groups, each " +
					"must exist; IDs, not names, since names can change). Default empty. Changing it updates in place.",
			},
		},
	}
}

func (r *permissionSchemesResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
	if r.data != nil && r.data.app != nil { // no typed nil: a nil client means none
		r.app = r.data.app
	}
}

func (r *permissionSchemesResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m permissionSchemesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for _, v := range []*types.Map{&m.UserSchemes, &m.GroupSchemes} {
		if !fullyKnown(ctx, *v) {
			*v = types.MapNull(operationSetType)
		}
	}
	if !fullyKnown(ctx, m.DefaultOperations) {
		m.DefaultOperations = types.SetNull(types.StringType)
	}
	doc, diags := m.document(ctx)
	resp.Diagnostics.Append(diags...)
	pathOf := schemesPointerPath(doc)
	for _, p := range doc.Validate() {
		resp.Diagnostics.AddAttributeError(pathOf(p.Path), "Invalid permission scheme", pathOf(p.Path).String()+": "+p.Message+".")
	}
}

func (r *permissionSchemesResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	schemesDocument.modifyPlan(ctx, r.data, r.app, r.app != nil, permissionSchemesType, req, resp)
}

func (r *permissionSchemesResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	if configured(r.app, r.data.appClient, &resp.Diagnostics) {
		schemesDocument.apply(ctx, r.app, req.Plan.Get, nil, &resp.State, resp.Private, &resp.Diagnostics)
	}
}

func (r *permissionSchemesResource) Read(ctx context.Context, _ resource.ReadRequest, resp *resource.ReadResponse) {
	if configured(r.app, r.data.appClient, &resp.Diagnostics) {
		schemesDocument.refresh(ctx, r.app, &resp.State, resp.Private, &resp.Diagnostics)
	}
}

func (r *permissionSchemesResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	if configured(r.app, r.data.appClient, &resp.Diagnostics) {
		schemesDocument.apply(ctx, r.app, req.Plan.Get, req.Private, &resp.State, resp.Private, &resp.Diagnostics)
	}
}

func (r *permissionSchemesResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if configured(r.app, r.data.appClient, &resp.Diagnostics) {
		schemesDocument.resetToDefaults(ctx, r.app, req.Private, &resp.Diagnostics)
	}
}

func (r *permissionSchemesResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importSingleton(ctx, permissionSchemesType, permissionSchemesID, req, resp)
}

// schemesDocument is the app's permission schemes document.
var schemesDocument = appDocument[csumdoc.PermissionSchemes, permissionSchemesModel, permissionSchemesAPI]{
	name:     "permission schemes",
	get:      permissionSchemesAPI.GetPermissionSchemes,
	put:      permissionSchemesAPI.PutPermissionSchemes,
	reset:    permissionSchemesAPI.ResetPermissionSchemes,
	defaults: csumdoc.DefaultPermissionSchemes,
	model:    newPermissionSchemesModel,
	pathOf:   schemesPointerPath,
}
