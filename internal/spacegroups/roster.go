package spacegroups

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"

	"golang.org/x/sync/errgroup"
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

// RosterReaders is how many groups ReadRosters reads at once: enough to hide a round trip's latency on a
// site of hundreds of groups, few enough to stay far below Atlassian's rate limits.
const RosterReaders = 8

// ReadRosters reads the members of each group, as ReadMembers does with nothing known (each labelled with its
// display name), RosterReaders groups at once. It stops at the first error, which names the group.
func ReadRosters(ctx context.Context, c MemberReader, groupIDs []string) (map[string]Roster, error) {
	out := make(map[string]Roster, len(groupIDs))
	var mu sync.Mutex
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(RosterReaders)
	for _, id := range groupIDs {
		g.Go(func() error {
			r, err := ReadMembers(ctx, c, id, nil)
			if err != nil {
				return fmt.Errorf("reading the members of group %s: %w", id, err)
			}
			mu.Lock()
			defer mu.Unlock()
			out[id] = r
			return nil
		})
	}
	return out, g.Wait()
}
