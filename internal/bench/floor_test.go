package bench

import (
	"strings"
	"testing"
	"time"
)

func TestWaitsFollowTheProviderBounds(t *testing.T) {
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"pages of 20,000 members: 1 alone, then 99 sixteen at a time", pageWaits(20_000), 8},
		{"pages of 1,000 members: 1 alone, then 4 together", pageWaits(1000), 2},
		{"one page", pageWaits(150), 1},
		{"an empty group still reads its one page", pageWaits(0), 1},
		{"1,000 adds sixteen at a time", addWaits(1000), 63},
		{"pages of 20,001 members", memberPages(20_001), 101},
	} {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.name, c.got, c.want)
		}
	}
}

func TestFloorAddsTheWaitsToTheFrameworkTime(t *testing.T) {
	f := floor{framework: 3 * time.Second, waits: 8}
	if got, want := f.wall(), 3*time.Second+8*latency; got != want {
		t.Fatalf("wall %s, want %s", got, want)
	}
	text := f.describe("the pages wait,", time.Second)
	for _, want := range []string{"8 round trips of 20.0 ms", "is 3.16 s, 3.2x"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q does not say %q", text, want)
		}
	}
}
