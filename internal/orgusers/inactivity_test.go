package orgusers

import (
	"errors"
	"testing"
	"time"
)

func TestCheck(t *testing.T) {
	for _, c := range []struct {
		t    Thresholds
		want error
	}{
		{Thresholds{}, nil},
		{Thresholds{WarningAfterDays: 60, InactiveForDays: 90}, nil},
		{Thresholds{InactiveForDays: MaxDays}, nil},
		{Thresholds{WarningAfterDays: -1}, ErrThresholdRange},
		{Thresholds{InactiveForDays: MaxDays + 1}, ErrThresholdRange},
		{Thresholds{WarningAfterDays: 90, InactiveForDays: 90}, ErrWarningOrder},
		{Thresholds{WarningAfterDays: 100, InactiveForDays: 90}, ErrWarningOrder},
	} {
		if err := c.t.Check(); !errors.Is(err, c.want) || (c.want == nil) != (err == nil) {
			t.Errorf("%+v.Check() = %v, want %v", c.t, err, c.want)
		}
	}
}

func TestClassify(t *testing.T) {
	both := Thresholds{WarningAfterDays: 60, InactiveForDays: 90}
	for _, c := range []struct {
		name string
		t    Thresholds
		last time.Time
		want Inactivity
	}{
		{"no thresholds: nothing to measure", Thresholds{}, daysAgo(500), ""},
		{"recent", both, daysAgo(2), Active},
		{"just under the warning", both, daysAgo(60).Add(time.Minute), Active},
		{"exactly the warning", both, daysAgo(60), Warning},
		{"between", both, daysAgo(89), Warning},
		{"exactly overdue", both, daysAgo(90), Overdue},
		{"long ago", both, daysAgo(400), Overdue},
		{"never active is overdue", both, time.Time{}, Overdue},
		{"never active with only a warning", Thresholds{WarningAfterDays: 30}, time.Time{}, Warning},
		{"never active with only overdue", Thresholds{InactiveForDays: 30}, time.Time{}, Overdue},
		{"only overdue, inactive below it", Thresholds{InactiveForDays: 30}, daysAgo(29), Active},
		{"activity stamped in the future (clock skew)", both, now.Add(time.Hour), Active},
	} {
		if got := c.t.Classify(c.last, now); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}
