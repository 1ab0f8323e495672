package bench

import (
	"testing"
	"time"
)

func TestMedianIsTheMiddleWallTime(t *testing.T) {
	walls := []time.Duration{5 * time.Second, time.Second, 4 * time.Second, 2 * time.Second, 3 * time.Second}
	steps := make([]step, len(walls))
	for i, w := range walls {
		steps[i] = step{Wall: w, ExitCode: i}
	}
	if got := median(steps); got.Wall != 3*time.Second || got.ExitCode != 4 {
		t.Fatalf("median %+v, want the step of 3 s (the fifth)", got)
	}
	if steps[0].Wall != 5*time.Second {
		t.Fatal("median reordered its argument")
	}
}
