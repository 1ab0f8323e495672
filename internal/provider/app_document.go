package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// appDocument is a document of the app that a singleton resource manages whole (the global settings, the
// permission schemes): D is the document, M the resource's model and C the narrow client of the CSUM Admin
// API that reads and writes it. The resources differ only in these; the rest is shared: writes are
// conditional on the revision of the last read (kept in private state), a write whose answer was lost is
// read back instead of repeated, and the app's errors land on the attribute paths their JSON Pointers name.
type appDocument[D any, M documentModel[D], C any] struct {
	name     string // for diagnostics, e.g. "global settings"
	get      func(C, context.Context) (D, int64, error)
	put      func(C, context.Context, D, int64) (D, int64, error)
	reset    func(C, context.Context, int64) (D, int64, error)
	defaults func() D
	model    func(D) M
	pathOf   func(D) func(pointer string) path.Path
}

// documentModel is the model of a resource that manages a document D whole.
type documentModel[D any] interface {
	// document is the document the model asks for.
	document(ctx context.Context) (D, diagnostics)
	// values are the model's values that make up the document, to compare two documents as Terraform
	// values, in which the order of set elements does not matter.
	values() []attr.Value
}

// apply writes the document a plan asks for, conditional on the revision in prior (none on create), sets
// the state to what the app saved, and returns it.
func (a appDocument[D, M, C]) apply(ctx context.Context, app C, plan getter, prior privateState, state stateSetter, private privateState, diags *diagnostics) (D, bool) {
	var m M
	diags.Append(plan(ctx, &m)...)
	if diags.HasError() {
		var zero D
		return zero, false
	}
	doc, d := m.document(ctx)
	diags.Append(d...)
	if diags.HasError() {
		return doc, false
	}
	saved, rev, err := a.put(app, ctx, doc, readRevision(ctx, prior, diags))
	if err != nil {
		saved, rev, err = readBack(ctx, err, a.reader(app), a.holds(doc))
	}
	if err != nil {
		addAppError(diags, "write the app's "+a.name, err, a.pathOf(doc))
		return saved, false
	}
	writeRevision(ctx, private, rev, diags)
	m = a.model(saved)
	diags.Append(state.Set(ctx, &m)...)
	return saved, true
}

// refresh sets the state to the app's document and keeps its revision for the next write.
func (a appDocument[D, M, C]) refresh(ctx context.Context, app C, state stateSetter, private privateState, diags *diagnostics) {
	doc, rev, err := a.get(app, ctx)
	if err != nil {
		addAppError(diags, "read the app's "+a.name, err, a.pathOf(doc))
		return
	}
	writeRevision(ctx, private, rev, diags)
	m := a.model(doc)
	diags.Append(state.Set(ctx, &m)...)
}

// modifyPlan is the ModifyPlan of a resource that manages the document: one declaration per configuration,
// and a destroy conditional on the revision this plan reads (planDestroy). hasApp tells that app is set.
func (a appDocument[D, M, C]) modifyPlan(ctx context.Context, data *providerData, app C, hasApp bool, typeName string,
	req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	claimSingleton(data, req.Plan, typeName, &resp.Diagnostics)
	if req.Plan.Raw.IsNull() && !req.State.Raw.IsNull() && hasApp {
		a.planDestroy(ctx, app, resp.Private, &resp.Diagnostics)
	}
}

// planDestroy keeps, in a destroy's planned private state, the revision the document has now, so that the
// reset is conditional on what this plan read. Terraform 1.11 plans the destroy of a resource removed from
// the configuration before it refreshes it, from the state the last apply left: the private state it hands
// to Delete then holds that apply's revision, and after any change made outside Terraform since (which the
// refresh then reads) the reset was refused as a concurrent change, by every later apply too.
func (a appDocument[D, M, C]) planDestroy(ctx context.Context, app C, private privateState, diags *diagnostics) {
	doc, rev, err := a.get(app, ctx)
	if err != nil {
		addAppError(diags, "read the app's "+a.name, err, a.pathOf(doc))
		return
	}
	writeRevision(ctx, private, rev, diags)
}

// resetToDefaults puts the app's defaults back, conditional on the revision in prior, and tells whether it
// did.
func (a appDocument[D, M, C]) resetToDefaults(ctx context.Context, app C, prior privateState, diags *diagnostics) bool {
	_, _, err := a.reset(app, ctx, readRevision(ctx, prior, diags))
	if err != nil {
		_, _, err = readBack(ctx, err, a.reader(app), a.holds(a.defaults()))
	}
	if err != nil {
		addAppError(diags, "reset the app's "+a.name+" to the defaults", err, a.pathOf(a.defaults()))
	}
	return err == nil
}

func (a appDocument[D, M, C]) reader(app C) func(context.Context) (D, int64, error) {
	return func(ctx context.Context) (D, int64, error) { return a.get(app, ctx) }
}

// holds reports whether a document read back holds want.
func (a appDocument[D, M, C]) holds(want D) func(got D) bool {
	w := a.model(want).values()
	return func(got D) bool {
		return slices.EqualFunc(a.model(got).values(), w, attr.Value.Equal)
	}
}
