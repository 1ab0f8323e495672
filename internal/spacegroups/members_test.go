package spacegroups

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// fakeGroup is one group's members behind the methods ApplyMemberChanges uses. failing
// accounts are refused; lost accounts are changed but the answer is lost; lostUnapplied lose the answer
// of a change that did not happen.
type fakeGroup struct {
	mu                           sync.Mutex
	members                      map[string]bool
	failing, lost, lostUnapplied map[string]bool
	suspended                    map[string]bool // members Confluence leaves out of the member list
	writes, reads, inFlight, max int
	delay                        time.Duration // how long each write takes, so that writes overlap
}

func newFakeGroup(members ...string) *fakeGroup {
	f := &fakeGroup{members: map[string]bool{}, failing: map[string]bool{}, lost: map[string]bool{}, lostUnapplied: map[string]bool{}, suspended: map[string]bool{}}
	for _, m := range members {
		f.members[m] = true
	}
	return f
}

func (f *fakeGroup) write(accountID string, in bool) error {
	f.mu.Lock()
	f.writes++
	f.inFlight++
	f.max = max(f.max, f.inFlight)
	f.mu.Unlock()
	time.Sleep(f.delay)
	err := f.apply(accountID, in)
	f.mu.Lock()
	f.inFlight--
	f.mu.Unlock()
	return err
}

func (f *fakeGroup) apply(accountID string, in bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	lost := &httpx.OutcomeUnknownError{Method: "POST", Path: "/group/userByGroupId", Err: errors.New("connection reset")}
	switch {
	case f.failing[accountID]:
		return errors.New("400 Bad Request: refused")
	case f.lostUnapplied[accountID]:
		return lost
	}
	if in {
		f.members[accountID] = true
	} else {
		delete(f.members, accountID)
	}
	if f.lost[accountID] {
		return lost
	}
	return nil
}

func (f *fakeGroup) AddMember(_ context.Context, _, accountID string) error {
	return f.write(accountID, true)
}
func (f *fakeGroup) RemoveMember(_ context.Context, _, accountID string) error {
	return f.write(accountID, false)
}

func (f *fakeGroup) Members(context.Context, string) ([]confluence.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reads++
	var users []confluence.User
	for id := range f.members {
		if !f.suspended[id] {
			users = append(users, confluence.User{AccountID: id, DisplayName: displayName(id)})
		}
	}
	return users, nil
}

func displayName(accountID string) string { return "Name of " + accountID }

// labelled is a roster of ids, each labelled by prefixing it with label.
func labelled(label string, ids ...string) Roster {
	r := make(Roster, len(ids))
	for _, id := range ids {
		r[id] = label + id
	}
	return r
}

func join(rosters ...Roster) Roster {
	out := Roster{}
	for _, r := range rosters {
		maps.Copy(out, r)
	}
	return out
}

func (f *fakeGroup) BulkUsers(_ context.Context, ids []string) ([]confluence.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reads++
	users := make([]confluence.User, 0, len(ids))
	for _, id := range ids {
		status := "active"
		if f.suspended[id] {
			status = "inactive"
		}
		users = append(users, confluence.User{AccountID: id, AccountStatus: status})
	}
	return users, nil
}

func (f *fakeGroup) IsMember(_ context.Context, _, accountID string) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reads++
	return f.members[accountID], nil
}

func TestReadMembersKeepsLabelsAndSuspendedMembers(t *testing.T) {
	f := newFakeGroup("a", "sleepy", "gone-sleepy", "walk-in")
	f.suspended["sleepy"], f.suspended["gone-sleepy"] = true, true
	delete(f.members, "gone-sleepy") // suspended, and removed from the group too
	got, err := ReadMembers(context.Background(), f, "g", labelled("state:", "a", "sleepy", "gone-sleepy", "left"))
	if err != nil {
		t.Fatal(err)
	}
	want := Roster{"a": "state:a", "sleepy": "state:sleepy", "walk-in": displayName("walk-in")}
	if !maps.Equal(got, want) {
		t.Fatalf("members %v, want %v: a known member keeps its label, a suspended one stays, an active one missing "+
			"from the list has left, and one who joined outside is labelled with their display name", got, want)
	}
	f.reads = 0
	if got, _ := ReadMembers(context.Background(), f, "g", labelled("", "a", "walk-in")); len(got) != 2 || f.reads != 1 {
		t.Fatalf("nothing missing: got %v after %d requests, want the member list alone", got, f.reads)
	}
}

func TestApplyMemberChangesKeepsSuspendedMembersWhenSettling(t *testing.T) {
	f := newFakeGroup("keep", "sleepy")
	f.suspended["sleepy"] = true
	f.failing["new"] = true
	now, failures, err := newTestSite().ApplyMemberChanges(context.Background(), f, "g", labelled("", "keep", "sleepy"), labelled("", "keep", "sleepy", "new"))
	if err != nil || len(failures) != 1 {
		t.Fatalf("err %v, failures %q", err, failures)
	}
	if want := []string{"keep", "sleepy"}; !slices.Equal(now.IDs(), want) {
		t.Fatalf("members now %v, want %v", now, want)
	}
}

func TestApplyMemberChangesAllSucceed(t *testing.T) {
	f := newFakeGroup("a", "b")
	desired := Roster{}
	for i := range 40 {
		desired["n"+string(rune('A'+i))] = fmt.Sprint("label ", i)
	}
	now, failures, err := newTestSite().ApplyMemberChanges(context.Background(), f, "g", labelled("", "a", "b"), desired)
	if err != nil || failures != nil {
		t.Fatalf("unexpected failure: %v %v", err, failures)
	}
	if !maps.Equal(now, desired) || f.reads != 0 {
		t.Fatalf("result %v after %d reads; want the desired set and no re-read", now, f.reads)
	}
	if f.writes != 42 || f.max > MemberWorkers {
		t.Fatalf("%d writes with up to %d at once; want 42 writes, at most %d at once", f.writes, f.max, MemberWorkers)
	}
}

func TestApplyMemberChangesPartialFailure(t *testing.T) {
	f := newFakeGroup("keep", "drop1", "drop2", "walk-in")
	f.failing["new2"], f.failing["drop2"] = true, true
	f.lost["new3"] = true          // applied, answer lost: not a failure
	f.lostUnapplied["new4"] = true // not applied, answer lost: a failure
	// walk-in joined outside Terraform after the plan: not in current, so nothing removes it.
	now, failures, err := newTestSite().ApplyMemberChanges(context.Background(), f, "g",
		labelled("old:", "keep", "drop1", "drop2"), labelled("new:", "keep", "new1", "new2", "new3", "new4"))
	if err != nil {
		t.Fatal(err)
	}
	want := join(labelled("old:", "drop2"), labelled("new:", "keep", "new1", "new3"), Roster{"walk-in": displayName("walk-in")})
	if !maps.Equal(now, want) {
		t.Fatalf("members now %v, want exactly what the group holds, labelled as planned, as before, or by name: %v", now, want)
	}
	if len(failures) != 3 || !strings.HasPrefix(failures[0], "add new2: ") || !strings.HasPrefix(failures[1], "add new4: the answer was lost") ||
		!strings.HasPrefix(failures[2], "remove drop2: ") {
		t.Fatalf("failures %q", failures)
	}
	if f.writes != 6 {
		t.Fatalf("%d writes: a lost answer must be settled by reading, never by repeating the write", f.writes)
	}
}

func TestApplyMemberChangesStopsWhenCancelled(t *testing.T) {
	f := newFakeGroup()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	now, failures, err := newTestSite().ApplyMemberChanges(ctx, f, "g", nil, labelled("", "a", "b"))
	if err != nil || f.writes != 0 || len(now) != 0 || len(failures) != 2 {
		t.Fatalf("after cancel: now %v, failures %v, err %v, %d writes", now, failures, err, f.writes)
	}
}

// fakeUsers answers bulk user lookups from a fixed directory.
type fakeUsers struct {
	known map[string]bool
}

func (f fakeUsers) BulkUsers(_ context.Context, ids []string) ([]confluence.User, error) {
	var out []confluence.User
	for _, id := range ids {
		if f.known[id] {
			out = append(out, confluence.User{AccountID: id})
		}
	}
	return out, nil
}

func TestMissingAccounts(t *testing.T) {
	got, err := MissingAccounts(context.Background(), fakeUsers{known: map[string]bool{"a": true}}, []string{"a", "gone", "typo"})
	if err != nil || !slices.Equal(got, []string{"gone", "typo"}) {
		t.Fatalf("got %v, %v", got, err)
	}
}

// A deactivated account added in a change that needs a settle read is still a member, though the group's
// list leaves it out: the result must keep it, or state would lose a member the plan added.
func TestApplyMemberChangesKeepsASuspendedAccountItAdded(t *testing.T) {
	f := newFakeGroup("keep")
	f.suspended["sleepy"] = true
	f.failing["new"] = true
	now, failures, err := newTestSite().ApplyMemberChanges(context.Background(), f, "g", labelled("", "keep"), labelled("", "keep", "sleepy", "new"))
	if err != nil || len(failures) != 1 || !strings.Contains(failures[0], "add new") {
		t.Fatalf("err %v, failures %q; want the one refused add", err, failures)
	}
	if want := []string{"keep", "sleepy"}; !slices.Equal(now.IDs(), want) {
		t.Fatalf("members now %v, want %v", now, want)
	}
}

// Writes from several groups at once share one bound: never more than MemberWorkers in flight.
func TestBoundedWritesSharesOneLimitAcrossGroups(t *testing.T) {
	f := newFakeGroup()
	f.delay = time.Millisecond
	site := newTestSite()
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			var add []string
			for i := range 40 {
				add = append(add, fmt.Sprintf("g%d-u%d", g, i))
			}
			if errs := site.runMemberChanges(context.Background(), f, "g", memberChanges(add, nil)); len(errs) > 0 {
				t.Errorf("group %d: %d writes failed", g, len(errs))
			}
		})
	}
	wg.Wait()
	if f.writes != 160 || f.max > MemberWorkers {
		t.Fatalf("%d writes with up to %d at once; want 160 writes, at most %d at once", f.writes, f.max, MemberWorkers)
	}
	if f.max < 2 {
		t.Fatalf("at most %d write at once: the bound serialised the writes", f.max)
	}
}
