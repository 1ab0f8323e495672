package bench

import (
	"cmp"
	"context"
	"slices"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
)

// aloneWorkspace is a working directory whose only resource is Terraform's built-in terraform_data holding
// a map keyed by account IDs as members is: what Terraform by itself costs for a map of that size, with no
// provider at all, to set the provider's figures against. The map is its triggers_replace, the one attribute
// stored once (input is copied into output, which would count the map twice), so a change of keys replaces
// the resource rather than updating it. Its sandbox serves nothing.
func aloneWorkspace(ctx context.Context, tools Tools, name string, ids []string) (*workspace, error) {
	w, err := newWorkspace(tools, name, sandbox.GenerateSeed(sandbox.GenerateOptions{}))
	if err != nil {
		return nil, err
	}
	if _, err := w.applyConfig(ctx, aloneConfig(ids)); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

func aloneConfig(ids []string) map[string]any {
	return map[string]any{"resource": map[string]any{"terraform_data": map[string]any{
		"members": map[string]any{"triggers_replace": unlabelled(ids)},
	}}}
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

// alonePlan is the median wall time of plans with nothing to change of a terraform_data holding a map of
// the first n account IDs of a generated seed.
func alonePlan(ctx context.Context, tools Tools, name string, n, plans int) (step, error) {
	ids, err := userIDs(sandbox.GenerateSeed(sandbox.GenerateOptions{Users: n}), n)
	if err != nil {
		return step{}, err
	}
	w, err := aloneWorkspace(ctx, tools, name, ids)
	if err != nil {
		return step{}, err
	}
	defer w.Close()
	return medianPlan(ctx, w, plans)
}

// aloneAdds is the wall time of an apply adding adds keys to a terraform_data holding a map of members keys.
func aloneAdds(ctx context.Context, tools Tools, name string, members, adds int) (step, error) {
	ids, err := userIDs(sandbox.GenerateSeed(sandbox.GenerateOptions{Users: members + adds}), members+adds)
	if err != nil {
		return step{}, err
	}
	w, err := aloneWorkspace(ctx, tools, name, ids[:members])
	if err != nil {
		return step{}, err
	}
	defer w.Close()
	return w.applyConfig(ctx, aloneConfig(ids))
}
