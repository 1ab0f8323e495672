// Package orgusers holds the rules of the organization's users and their inactivity, as the User Account
// Manager app keeps them: a warning and an overdue threshold in days of inactivity in one product, a user
// who never used the product counts as inactive, and protected accounts are left out unless asked for. It
// reads the users through a small interface of the Admin API client and returns errors, never Terraform
// diagnostics.
package orgusers

import (
	"errors"
	"fmt"
	"time"
)

// Inactivity is how long a user has not used the product, against the thresholds.
type Inactivity string

// The levels of inactivity.
const (
	Active  Inactivity = "active"  // used the product within the thresholds
	Warning Inactivity = "warning" // inactive for at least the warning threshold
	Overdue Inactivity = "overdue" // inactive for at least the overdue threshold (inactive_for_days)
)

// MaxDays is the largest threshold: ten years, longer than Atlassian keeps activity data, so anything
// above it is a mistake (seconds, or a year typed as days) rather than a policy.
const MaxDays = 3650

// day is one day of inactivity. Activity data lags up to a day, so counting in whole days loses nothing.
const day = 24 * time.Hour

// Thresholds are the days of inactivity after which a user is a warning and overdue; 0 means not set.
type Thresholds struct {
	WarningAfterDays int
	InactiveForDays  int
}

// Errors of Check.
var (
	ErrThresholdRange = fmt.Errorf("a threshold must be from 1 to %d days", MaxDays)
	ErrWarningOrder   = errors.New("the warning threshold must be shorter than the overdue threshold")
)

// Check returns what is wrong with the thresholds, or nil.
func (t Thresholds) Check() error {
	for _, d := range []int{t.WarningAfterDays, t.InactiveForDays} {
		if d < 0 || d > MaxDays {
			return fmt.Errorf("%w, not %d", ErrThresholdRange, d)
		}
	}
	if t.WarningAfterDays > 0 && t.InactiveForDays > 0 && t.WarningAfterDays >= t.InactiveForDays {
		return fmt.Errorf("%w: %d days is not less than %d", ErrWarningOrder, t.WarningAfterDays, t.InactiveForDays)
	}
	return nil
}

// Set reports whether any threshold is set; without one there is nothing to measure inactivity against.
func (t Thresholds) Set() bool { return t.WarningAfterDays > 0 || t.InactiveForDays > 0 }

// Classify gives the inactivity of a user last active at last (zero: never) at now, or "" when no
// threshold is set. A user who never used the product is past every threshold that is set.
func (t Thresholds) Classify(last, now time.Time) Inactivity {
	if !t.Set() {
		return ""
	}
	idle := now.Sub(last)
	past := func(days int) bool { return days > 0 && (last.IsZero() || idle >= time.Duration(days)*day) }
	switch {
	case past(t.InactiveForDays):
		return Overdue
	case past(t.WarningAfterDays):
		return Warning
	}
	return Active
}
