package spacegroups

import (
	"context"
	"errors"
	"maps"
	"strings"
	"sync"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
)

// fakeRosters holds the members of many groups; broken groups answer every read with an error.
type fakeRosters struct {
	fakeUsers
	mu       sync.Mutex
	groups   map[string][]string
	broken   map[string]bool
	inFlight int
	most     int
}

func (f *fakeRosters) Members(_ context.Context, groupID string) ([]confluence.User, error) {
	f.mu.Lock()
	f.inFlight++
	f.most = max(f.most, f.inFlight)
	f.mu.Unlock()
	defer func() { f.mu.Lock(); f.inFlight--; f.mu.Unlock() }()
	if f.broken[groupID] {
		return nil, errors.New("503 Service Unavailable")
	}
	var out []confluence.User
	for _, id := range f.groups[groupID] {
		out = append(out, confluence.User{AccountID: id, DisplayName: displayName(id)})
	}
	return out, nil
}

func (f *fakeRosters) IsMember(context.Context, string, string) (bool, error) { return false, nil }

func TestReadRostersLabelsEveryMemberWithItsName(t *testing.T) {
	f := &fakeRosters{groups: map[string][]string{}}
	var ids []string
	for i := range 50 {
		id := "g" + string(rune('A'+i))
		f.groups[id] = []string{"a" + id, "b" + id}
		ids = append(ids, id)
	}
	got, err := ReadRosters(context.Background(), f, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 50 || !maps.Equal(got["gC"], Roster{"agC": displayName("agC"), "bgC": displayName("bgC")}) {
		t.Fatalf("got %d rosters, gC = %v; want 50, each member labelled with their display name", len(got), got["gC"])
	}
	if f.most > RosterReaders {
		t.Fatalf("%d reads at once, want at most %d", f.most, RosterReaders)
	}
}

func TestReadRostersNamesTheGroupThatFailed(t *testing.T) {
	f := &fakeRosters{groups: map[string][]string{"ok": {"a"}}, broken: map[string]bool{"bad": true}}
	_, err := ReadRosters(context.Background(), f, []string{"ok", "bad"})
	if err == nil || !strings.Contains(err.Error(), "reading the members of group bad: 503") {
		t.Fatalf("err %v, want one that names the group and the cause", err)
	}
}
