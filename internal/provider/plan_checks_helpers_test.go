package provider_test

import (
	"fmt"
)

// Checks of plans and values that the example tests share.

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
