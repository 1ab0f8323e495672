package bench

import (
	"cmp"
	"context"
	"slices"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
)

// mapHolder is a configuration whose one resource holds a map keyed by account IDs as members is, to set
// a large group's figures against what holding a map of that size costs without the provider's work.
type mapHolder func(ids []string) map[string]any

// terraformAlone is Terraform by itself: its built-in terraform_data, with no provider at all. The map is its
// triggers_replace, the one attribute stored once (input is copied into output, which would count the map
// twice), so a change of keys replaces the resource rather than updating it.
func terraformAlone(ids []string) map[string]any {
	return map[string]any{"resource": map[string]any{"terraform_data": map[string]any{
		"members": map[string]any{"triggers_replace": unlabelled(ids)},
	}}}
}

// frameworkAlone is Terraform with a provider built on terraform-plugin-framework that only keeps the map
// (package keeper): what any framework provider pays for a map of that size before it makes a request.
func frameworkAlone(ids []string) map[string]any {
	return map[string]any{
		"terraform": map[string]any{"required_providers": map[string]any{"csumbench": map[string]any{"source": "csum-tools/csumbench"}}},
		"resource":  map[string]any{"csumbench_map": map[string]any{"members": map[string]any{"members": unlabelled(ids)}}},
	}
}

// holderWorkspace is a working directory whose configuration is holder's for ids, applied. Its sandbox
// serves nothing.
func holderWorkspace(ctx context.Context, tools Tools, name string, holder mapHolder, ids []string) (*workspace, error) {
	w, err := newWorkspace(tools, name, sandbox.GenerateSeed(sandbox.GenerateOptions{}))
	if err != nil {
		return nil, err
	}
	if _, err := w.applyConfig(ctx, holder(ids)); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

// medianPlan plans n times with nothing to change and returns the plan of median wall time: a ratio of two
// wall times on a shared machine is noisier than either.
func medianPlan(ctx context.Context, w *workspace, n int) (step, error) {
	steps := make([]step, n)
	for i := range steps {
		var err error
		if steps[i], err = w.planNoChanges(ctx); err != nil {
			return step{}, err
		}
	}
	slices.SortFunc(steps, func(a, b step) int { return cmp.Compare(a.Wall, b.Wall) })
	return steps[n/2], nil
}

// holderPlan is the median wall time of plans with nothing to change of holder's map of the first n account
// IDs of a generated seed.
func holderPlan(ctx context.Context, tools Tools, name string, holder mapHolder, n, plans int) (step, error) {
	ids, err := userIDs(sandbox.GenerateSeed(sandbox.GenerateOptions{Users: n}), n)
	if err != nil {
		return step{}, err
	}
	w, err := holderWorkspace(ctx, tools, name, holder, ids)
	if err != nil {
		return step{}, err
	}
	defer w.Close()
	return medianPlan(ctx, w, plans)
}

// holderAdds is the wall time of an apply adding adds keys to holder's map of members keys.
func holderAdds(ctx context.Context, tools Tools, name string, holder mapHolder, members, adds int) (step, error) {
	ids, err := userIDs(sandbox.GenerateSeed(sandbox.GenerateOptions{Users: members + adds}), members+adds)
	if err != nil {
		return step{}, err
	}
	w, err := holderWorkspace(ctx, tools, name, holder, ids[:members])
	if err != nil {
		return step{}, err
	}
	defer w.Close()
	return w.applyConfig(ctx, holder(ids))
}
