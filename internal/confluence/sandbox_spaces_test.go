package confluence_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
)

// Spaces pages through every visible space, or looks keys up, at 250 per request: the API's maximum.
func TestSandboxSpaces(t *testing.T) {
	env := acctest.StartSandbox(t, acctest.WithSeed(sandbox.GenerateSeed(sandbox.GenerateOptions{Users: 1, Spaces: 520})))
	c := adminClient(t, env.Sandbox, 0, nil)
	ctx := context.Background()
	requests := func() int64 {
		defer env.Sandbox.Faults().ResetCounts()
		return env.Sandbox.Faults().Counts()["GET /wiki/api/v2/spaces"]
	}
	requests()

	all, err := c.Spaces(ctx, nil)
	if err != nil || len(all) != 520 || all[0].Key != "S0000" || all[519].Key != "S0519" || all[3].ID == "" {
		t.Fatalf("Spaces(nil) = %d spaces, %v", len(all), err)
	}
	if n := requests(); n != 3 {
		t.Errorf("listing 520 spaces took %d requests, want 3", n)
	}

	var keys []string
	for i := range 300 {
		keys = append(keys, fmt.Sprintf("S%04d", i*2))
	}
	keys = append(keys, "NOPE")
	some, err := c.Spaces(ctx, keys)
	if err != nil || len(some) != 260 {
		t.Fatalf("Spaces(301 keys) = %d spaces, %v (want the 260 that exist)", len(some), err)
	}
	if n := requests(); n != 2 {
		t.Errorf("looking up 301 keys took %d requests, want 2", n)
	}
}
