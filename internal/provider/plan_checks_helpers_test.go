package provider_test

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// Checks of plans and values that the example tests share.

// onlyUpdates fails unless the plan updates exactly these resources in place and leaves every other alone.
type onlyUpdates []string

func (o onlyUpdates) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	var updated []string
	for _, rc := range req.Plan.ResourceChanges {
		switch {
		case rc.Change.Actions.NoOp() || rc.Change.Actions.Read():
		case rc.Change.Actions.Update() && slices.Contains(o, rc.Address):
			updated = append(updated, rc.Address)
		default:
			resp.Error = fmt.Errorf("the plan would %v %s", rc.Change.Actions, rc.Address)
			return
		}
	}
	if len(updated) != len(o) {
		resp.Error = fmt.Errorf("the plan updates %v, want %v", updated, []string(o))
	}
}

// change checks an attribute of a resource before and after its planned change.
type change struct {
	address, attribute string
	before, after      knownvalue.Check
}

func (c change) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.address {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		if err := c.before.CheckValue(before[c.attribute]); err != nil {
			resp.Error = fmt.Errorf("%s.%s before the change: %w", c.address, c.attribute, err)
		} else if err := c.after.CheckValue(after[c.attribute]); err != nil {
			resp.Error = fmt.Errorf("%s.%s after the change: %w", c.address, c.attribute, err)
		}
		return
	}
	resp.Error = fmt.Errorf("the plan has no change for %s", c.address)
}

// mapWithout checks that a map has none of the keys.
type mapWithout []string

func (m mapWithout) CheckValue(v any) error {
	got, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("expected a map, got %T", v)
	}
	for _, key := range m {
		if _, found := got[key]; found {
			return fmt.Errorf("the map still has %q: %v", key, got[key])
		}
	}
	return nil
}

func (m mapWithout) String() string { return fmt.Sprintf("a map without %v", []string(m)) }

// stringChecks checks each value exactly, for a list or set check.
func stringChecks(values ...string) []knownvalue.Check {
	checks := make([]knownvalue.Check, 0, len(values))
	for _, v := range values {
		checks = append(checks, knownvalue.StringExact(v))
	}
	return checks
}
