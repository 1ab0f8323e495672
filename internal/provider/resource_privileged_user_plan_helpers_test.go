package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/csum-tools/terraform-provider-csum/internal/csumapi"
)

// privilegedUserApp answers GetPrivilegedUser; the rest of privilegedUserAPI is not used by ModifyPlan.
type privilegedUserApp struct {
	privilegedUserAPI
	user csumapi.PrivilegedUser
}

func (a privilegedUserApp) GetPrivilegedUser(context.Context) (csumapi.PrivilegedUser, error) {
	return a.user, nil
}

// planPrivilegedUser runs ModifyPlan for a plan of accountID over a prior state (nil for a create).
func planPrivilegedUser(t *testing.T, app privilegedUserAPI, prior *privilegedUserModel, accountID string) diag.Diagnostics {
	t.Helper()
	ctx := context.Background()
	r := &privilegedUserResource{app: app}
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	state := tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil)}
	if prior != nil {
		if d := state.Set(ctx, prior); d.HasError() {
			t.Fatal(d)
		}
	}
	planned := privilegedUserModel{
		ID: types.StringUnknown(), AccountID: types.StringValue(accountID), DisplayName: types.StringUnknown(),
		Status: types.StringUnknown(), MissingPermissions: types.SetUnknown(types.StringType), ValidatedAt: types.StringUnknown(),
	}
	plan := tfsdk.Plan{Schema: sr.Schema}
	if d := plan.Set(ctx, &planned); d.HasError() {
		t.Fatal(d)
	}
	resp := &resource.ModifyPlanResponse{Plan: plan}
	r.ModifyPlan(ctx, resource.ModifyPlanRequest{State: state, Plan: plan}, resp)
	return resp.Diagnostics
}
