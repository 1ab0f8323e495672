package spacegroups

import (
	"maps"
	"slices"
)

// Roster is a group's members: each account ID with its label. A label is for the people who read a
// configuration and its plans, never sent to Confluence. Members are kept by account ID so that every
// comparison of two rosters is one lookup per member, however large the group.
type Roster map[string]string

// IDs returns the account IDs, sorted.
func (r Roster) IDs() []string { return slices.Sorted(maps.Keys(r)) }

// DiffMembers returns the accounts to add to current and to remove from it to reach desired, each sorted.
// Labels play no part: a roster that changes only labels needs no change in Confluence.
func DiffMembers(current, desired Roster) (add, remove []string) { return diffKeys(current, desired) }
