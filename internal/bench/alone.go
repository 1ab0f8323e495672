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

// medianPlans plans in each workspace n times with nothing to change, the workspaces taking turns, and
// returns each one's plan of median wall time. A ratio of two wall times on a shared machine is noisier than
// either; taking turns spreads the machine's slow spells over every workspace alike, so that the ratios of the
// medians compare the workspaces rather than the moments each was measured in.
func medianPlans(ctx context.Context, ws []*workspace, n int) ([]step, error) {
	steps := make([][]step, len(ws))
	for range n {
		for i, w := range ws {
			s, err := w.planNoChanges(ctx)
			if err != nil {
				return nil, err
			}
			steps[i] = append(steps[i], s)
		}
	}
	medians := make([]step, len(ws))
	for i, s := range steps {
		medians[i] = median(s)
	}
	return medians, nil
}

// median is the step of median wall time (the later of the two middle ones for an even count).
func median(steps []step) step {
	sorted := slices.SortedFunc(slices.Values(steps), func(a, b step) int { return cmp.Compare(a.Wall, b.Wall) })
	return sorted[len(sorted)/2]
}

// holderIDsWorkspace is holderWorkspace for the first n account IDs of a generated seed.
func holderIDsWorkspace(ctx context.Context, tools Tools, name string, holder mapHolder, n int) (*workspace, error) {
	ids, err := userIDs(sandbox.GenerateSeed(sandbox.GenerateOptions{Users: n}), n)
	if err != nil {
		return nil, err
	}
	return holderWorkspace(ctx, tools, name, holder, ids)
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
