package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
)

// appDocument is what the two app document resources (global settings, permission schemes) differ in.
// The rest is shared: writes are conditional on the revision of the last read (kept in private state), a
// write whose answer was lost is read back instead of repeated, and the app's errors land on the
// attribute paths their JSON Pointers name.
type appDocument[D any] struct {
	name     string // for diagnostics, e.g. "global settings"
	get      func(appAPI, context.Context) (D, int64, error)
	put      func(appAPI, context.Context, D, int64) (D, int64, error)
	reset    func(appAPI, context.Context, int64) (D, int64, error)
	defaults func() D
	same     func(want D) func(got D) bool
	pathOf   func(D) func(pointer string) path.Path
}

// write stores doc, conditional on the revision in prior (none on create), and returns what the app saved.
func (a appDocument[D]) write(ctx context.Context, data *providerData, doc D, prior, private privateState, diags *diagnostics) (D, bool) {
	var saved D
	app := data.appClient(diags)
	if app == nil {
		return saved, false
	}
	saved, rev, err := a.put(app, ctx, doc, readRevision(ctx, prior, diags))
	if err != nil {
		saved, rev, err = readBack(ctx, err, func(ctx context.Context) (D, int64, error) { return a.get(app, ctx) }, a.same(doc))
	}
	if err != nil {
		addAppError(diags, "write the app's "+a.name, err, a.pathOf(doc))
		return saved, false
	}
	writeRevision(ctx, private, rev, diags)
	return saved, true
}

// read returns the app's document and keeps its revision for the next write.
func (a appDocument[D]) read(ctx context.Context, data *providerData, private privateState, diags *diagnostics) (D, bool) {
	var doc D
	app := data.appClient(diags)
	if app == nil {
		return doc, false
	}
	doc, rev, err := a.get(app, ctx)
	if err != nil {
		addAppError(diags, "read the app's "+a.name, err, a.pathOf(doc))
		return doc, false
	}
	writeRevision(ctx, private, rev, diags)
	return doc, true
}

// resetToDefaults puts the app's defaults back, conditional on the revision in prior.
func (a appDocument[D]) resetToDefaults(ctx context.Context, data *providerData, prior privateState, diags *diagnostics) {
	app := data.appClient(diags)
	if app == nil {
		return
	}
	_, _, err := a.reset(app, ctx, readRevision(ctx, prior, diags))
	if err != nil {
		_, _, err = readBack(ctx, err, func(ctx context.Context) (D, int64, error) { return a.get(app, ctx) }, a.same(a.defaults()))
	}
	if err != nil {
		addAppError(diags, "reset the app's "+a.name+" to the defaults", err, a.pathOf(a.defaults()))
	}
}
