package bench

import (
	"testing"
	"time"
)

func TestMedianIsTheMiddleWallTime(t *testing.T) {
	walls := []time.Duration{5, 1, 4, 2, 3}
	steps := make([]step, len(walls))
	for i, w := range walls {
		steps[i] = step{Wall: w * time.Second, ExitCode: i}
	}
	if got := median(steps); got.Wall != 3*time.Second || got.ExitCode != 4 {
		t.Fatalf("median %+v, want the step of 3 s (the fifth)", got)
	}
	if walls[0] != 5 || steps[0].Wall != 5*time.Second {
		t.Fatal("median reordered its argument")
	}
}
