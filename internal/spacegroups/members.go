package spacegroups

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

const (
	// MemberWorkers bounds how many membership writes run at once, in one resource and, through the
	// Site's bound, in the whole provider. The provider's pacing (requests_per_second and Retry-After)
	// applies across them, so this only caps the requests in flight. 16 keeps a 1,000-member change to about
	// 60 round trips, and stays below the burst a rate limit of 20 requests per second lets through, so that
	// after a 429 the retried writes all fit in the next second.
	MemberWorkers = 16
	// settleTimeout bounds the re-read after failed writes; it runs even when the apply's own deadline has
	// passed, so that state records what really happened.
	settleTimeout = 2 * time.Minute
)

// Settling returns the context of a read that settles what writes did: whether one whose answer was lost
// took effect, or what a group holds after a change. It outlives the end of ctx, bounded by its own
// timeout: an apply that is interrupted (Terraform stops the provider, which ends ctx) or that runs out of
// time must still learn what its writes did, or state would record them wrongly, and a group created just
// before the interrupt would be left out of state for the next apply to refuse as a takeover.
func Settling(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
}

// memberChange is one account to add to or remove from a group.
type memberChange struct {
	AccountID string
	Add       bool
}

func (c memberChange) String() string {
	if c.Add {
		return "add " + c.AccountID
	}
	return "remove " + c.AccountID
}

func memberChanges(add, remove []string) []memberChange {
	changes := make([]memberChange, 0, len(add)+len(remove))
	for _, id := range add {
		changes = append(changes, memberChange{AccountID: id, Add: true})
	}
	for _, id := range remove {
		changes = append(changes, memberChange{AccountID: id})
	}
	return changes
}

// runMemberChanges sends the changes with a bounded pool of workers and returns the error of each change
// that failed. Once ctx ends, the changes not yet sent fail with its error.
func (s *Site) runMemberChanges(ctx context.Context, c MemberWriter, groupID string, changes []memberChange) map[memberChange]error {
	jobs := make(chan memberChange)
	var mu sync.Mutex
	errs := map[memberChange]error{}
	var wg sync.WaitGroup
	for range min(MemberWorkers, len(changes)) {
		wg.Go(func() {
			for ch := range jobs {
				var err error
				if err = ctx.Err(); err == nil {
					if ch.Add {
						err = s.AddMember(ctx, c, groupID, ch.AccountID)
					} else {
						err = s.RemoveMember(ctx, c, groupID, ch.AccountID)
					}
				}
				if err != nil {
					mu.Lock()
					errs[ch] = err
					mu.Unlock()
				}
			}
		})
	}
	for _, ch := range changes {
		jobs <- ch
	}
	close(jobs)
	wg.Wait()
	return errs
}

// ApplyMemberChanges makes the group's members go from current to desired and returns the members the
// group has afterwards, with one line per change that did not take effect. When every write succeeded the
// result is desired, with no further read. Otherwise the members are read again: a write whose answer was
// lost counts by what the group shows (never by repeating it), and the result is what the group holds,
// labelled as desired where desired lists the account and as current where only current does.
func (s *Site) ApplyMemberChanges(ctx context.Context, c Members, groupID string, current, desired Roster) (Roster, []string, error) {
	add, remove := DiffMembers(current, desired)
	errs := s.runMemberChanges(ctx, c, groupID, memberChanges(add, remove))
	if len(errs) == 0 {
		return desired, nil, nil
	}
	readCtx, cancel := Settling(ctx)
	defer cancel()
	// Accounts added just now count as known too: a deactivated one is left out of the list like any other.
	known := make(Roster, len(current)+len(add))
	maps.Copy(known, current)
	maps.Copy(known, desired)
	now, err := ReadMembers(readCtx, c, groupID, known)
	if err != nil {
		return nil, nil, fmt.Errorf("some membership changes failed, and reading the group again to learn which took effect failed too: %w", err)
	}
	return now, settleFailures(errs, now), nil
}

// settleFailures keeps the failed changes the group does not show as done, each with its reason.
func settleFailures(errs map[memberChange]error, members Roster) []string {
	var lines []string
	for ch, err := range errs {
		if _, in := members[ch.AccountID]; in == ch.Add {
			continue // it took effect after all (an answer lost after the write was applied)
		}
		reason := err.Error()
		var unknown *httpx.OutcomeUnknownError
		switch {
		case errors.As(err, &unknown):
			reason = "the answer was lost and the group does not show the change"
		case errors.Is(err, context.DeadlineExceeded):
			reason = "not done before the timeout ran out (it can be raised in the resource's timeouts block)"
		case errors.Is(err, context.Canceled):
			reason = "not done: the apply was interrupted"
		}
		lines = append(lines, ch.String()+": "+reason)
	}
	slices.Sort(lines)
	return lines
}

// MissingAccounts returns the account IDs among ids that Confluence does not know, asking in bulk.
func MissingAccounts(ctx context.Context, c AccountFinder, ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	users, err := c.BulkUsers(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("looking up the accounts to add: %w", err)
	}
	known := make(map[string]bool, len(users))
	for _, u := range users {
		known[u.AccountID] = true
	}
	var missing []string
	for _, id := range ids {
		if !known[id] {
			missing = append(missing, id)
		}
	}
	return missing, nil
}

// ReadMembers reads a group's members. A member of known keeps its label; any other account is labelled
// with its display name, which the member list carries, so that a plan that would remove someone added
// outside Terraform names them.
//
// Confluence leaves deactivated accounts out of a group's member list although they are still members, so
// the members of known missing from the list are looked up: one that is deactivated and that user/memberof
// still shows in the group stays. Only those are asked about, so a read without drift costs the member
// pages alone.
func ReadMembers(ctx context.Context, c MemberReader, groupID string, known Roster) (Roster, error) {
	users, err := c.Members(ctx, groupID)
	if err != nil {
		return nil, err
	}
	out := make(Roster, len(users))
	for _, u := range users {
		label, ok := known[u.AccountID]
		if !ok {
			label = u.DisplayName
		}
		out[u.AccountID] = label
	}
	missing, _ := DiffMembers(out, known)
	if len(missing) == 0 {
		return out, nil
	}
	listed, err := c.BulkUsers(ctx, missing)
	if err != nil {
		return nil, fmt.Errorf("looking up members missing from the group's list: %w", err)
	}
	for _, u := range listed {
		if u.AccountStatus == "" || u.AccountStatus == "active" {
			continue // an active account missing from the list has left the group
		}
		in, err := c.IsMember(ctx, groupID, u.AccountID)
		if err != nil {
			return nil, fmt.Errorf("checking whether deactivated account %s is still a member: %w", u.AccountID, err)
		}
		if in {
			out[u.AccountID] = known[u.AccountID]
		}
	}
	return out, nil
}

// AddOne adds one account to a group. An add whose answer was lost counts as done when the account is now a
// member; it is never sent again.
func (s *Site) AddOne(ctx context.Context, c Members, groupID, accountID string) error {
	err := s.AddMember(ctx, c, groupID, accountID)
	var unknown *httpx.OutcomeUnknownError
	if errors.As(err, &unknown) {
		readCtx, cancel := Settling(ctx)
		defer cancel()
		if in, checkErr := c.IsMember(readCtx, groupID, accountID); checkErr == nil && in {
			return nil
		}
	}
	return err
}

// RemoveOne removes one account from a group. A removal whose answer was lost counts as done when the
// account is no longer a member, and a group or membership that is gone needs no removal.
func (s *Site) RemoveOne(ctx context.Context, c Members, groupID, accountID string) error {
	err := s.RemoveMember(ctx, c, groupID, accountID)
	var unknown *httpx.OutcomeUnknownError
	if errors.As(err, &unknown) {
		readCtx, cancel := Settling(ctx)
		defer cancel()
		if in, checkErr := c.IsMember(readCtx, groupID, accountID); checkErr == nil && !in {
			return nil
		}
	}
	if httpx.IsNotFound(err) {
		return nil
	}
	return err
}
