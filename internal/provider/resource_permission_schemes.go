package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

const permissionSchemesID = "permission-schemes"

var (
	_ resource.ResourceWithConfigure      = &permissionSchemesResource{}
	_ resource.ResourceWithImportState    = &permissionSchemesResource{}
	_ resource.ResourceWithValidateConfig = &permissionSchemesResource{}
	_ resource.ResourceWithModifyPlan     = &permissionSchemesResource{}
)

func newPermissionSchemesResource() resource.Resource { return &permissionSchemesResource{} }

type permissionSchemesResource struct{ data *providerData }

type permissionSchemesModel struct {
	ID                types.String `tfsdk:"id"`
	DefaultOperations types.Set    `tfsdk:"default_operations"`
	UserSchemes       types.Map    `tfsdk:"user_schemes"`
	GroupSchemes      types.Map    `tfsdk:"group_schemes"`
}

func (m *permissionSchemesModel) set(doc csumdoc.PermissionSchemes) {
	v := schemesToValues(doc)
	m.ID = types.StringValue(permissionSchemesID)
	m.DefaultOperations, m.UserSchemes, m.GroupSchemes = v.Default, v.Users, v.Groups
}

func (m permissionSchemesModel) document(ctx context.Context) (csumdoc.PermissionSchemes, diagnostics) {
	return valuesToSchemes(ctx, m.DefaultOperations, m.UserSchemes, m.GroupSchemes)
}

func (r *permissionSchemesResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_permission_schemes"
}

func (r *permissionSchemesResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	ops := "`" + strings.Join(csumdoc.Operations, "`, `") + "`"
	resp.Schema = schema.Schema{
		MarkdownDescription: "The CSUM app's space-admin permission schemes (the Permissions tab of the System Admin page). " +
			"A singleton and authoritative: a scheme added on the System Admin page shows in `plan`. Schemes only grant: a " +
			"space admin may do an operation if the default scheme, their user scheme or the scheme of any group they are in " +
			"grants it. Operations: " + ops + ". Destroying it resets the default scheme and removes every user and group scheme.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Always `permission-schemes`.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"default_operations": schema.SetAttribute{
				Optional: true, Computed: true, ElementType: types.StringType,
				Default: setdefault.StaticValue(stringSet(csumdoc.DefaultOperations())),
				MarkdownDescription: "Operations every space admin may do. Default: every operation except " +
					"`MANAGE_SPACE_PERMISSIONS`. Changing it updates in place.",
			},
			"user_schemes": schema.MapAttribute{
				Optional: true, Computed: true, ElementType: operationSetType,
				Default: mapdefault.StaticValue(types.MapValueMust(operationSetType, nil)),
				MarkdownDescription: "Extra operations per account, keyed by Atlassian account ID (at most 50 accounts, each " +
					"must exist). Default empty. Changing it updates in place.",
			},
			"group_schemes": schema.MapAttribute{
				Optional: true, Computed: true, ElementType: operationSetType,
				Default: mapdefault.StaticValue(types.MapValueMust(operationSetType, nil)),
				MarkdownDescription: "Extra operations for the members of a group, keyed by group ID (at most 50 groups, each " +
					"must exist; IDs, not names, since names can change). Default empty. Changing it updates in place.",
			},
		},
	}
}

func (r *permissionSchemesResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
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

func (r *permissionSchemesResource) ModifyPlan(_ context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil {
		return
	}
	if err := r.data.singletons.claim("csum_permission_schemes"); err != nil {
		resp.Diagnostics.AddError("Duplicate csum_permission_schemes", err.Error())
	}
}

func (r *permissionSchemesResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.write(ctx, req.Plan.Get, nil, &resp.State, resp.Private, &resp.Diagnostics)
}

func (r *permissionSchemesResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.write(ctx, req.Plan.Get, req.Private, &resp.State, resp.Private, &resp.Diagnostics)
}

// schemesDocument is the app's permission schemes document.
var schemesDocument = appDocument[csumdoc.PermissionSchemes]{
	name: "permission schemes", get: appAPI.GetPermissionSchemes, put: appAPI.PutPermissionSchemes,
	reset: appAPI.ResetPermissionSchemes, defaults: csumdoc.DefaultPermissionSchemes, same: sameSchemes,
	pathOf: schemesPointerPath,
}

func (r *permissionSchemesResource) write(ctx context.Context, get getter, prior privateState, state stateSetter, private privateState, diags *diagnostics) {
	var m permissionSchemesModel
	diags.Append(get(ctx, &m)...)
	if diags.HasError() {
		return
	}
	doc, d := m.document(ctx)
	diags.Append(d...)
	if diags.HasError() {
		return
	}
	if saved, ok := schemesDocument.write(ctx, r.data, doc, prior, private, diags); ok {
		m.set(saved)
		diags.Append(state.Set(ctx, &m)...)
	}
}

func (r *permissionSchemesResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if doc, ok := schemesDocument.read(ctx, r.data, resp.Private, &resp.Diagnostics); ok {
		var m permissionSchemesModel
		m.set(doc)
		resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
	}
}

func (r *permissionSchemesResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	schemesDocument.resetToDefaults(ctx, r.data, req.Private, &resp.Diagnostics)
}

func (r *permissionSchemesResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID != permissionSchemesID {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("csum_permission_schemes is a singleton: import it with the ID %q, not %q.", permissionSchemesID, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), permissionSchemesID)...)
}

// sameSchemes reports whether a permission schemes document read back holds doc, in any order.
func sameSchemes(doc csumdoc.PermissionSchemes) func(csumdoc.PermissionSchemes) bool {
	want := schemesToValues(doc)
	return func(got csumdoc.PermissionSchemes) bool {
		v := schemesToValues(got)
		return v.Default.Equal(want.Default) && v.Users.Equal(want.Users) && v.Groups.Equal(want.Groups)
	}
}
