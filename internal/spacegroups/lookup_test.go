package spacegroups

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/csumapi"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// groupLookups counts the calls CurrentGroup makes.
type groupLookups struct {
	Confluence
	App
	groups       map[string][]csumapi.SpaceGroup // by space key
	getGroup     map[string]confluence.Group     // by ID
	lists, gets  atomic.Int32
	listsStarted chan struct{}
	release      chan struct{}
}

func (f *groupLookups) SpaceGroups(_ context.Context, spaceKey string) (csumapi.SpaceGroups, error) {
	f.lists.Add(1)
	if f.release != nil {
		f.listsStarted <- struct{}{}
		<-f.release
	}
	return csumapi.SpaceGroups{SpaceKey: spaceKey, Results: f.groups[spaceKey]}, nil
}

func (f *groupLookups) GetGroup(_ context.Context, id string) (confluence.Group, error) {
	f.gets.Add(1)
	if g, ok := f.getGroup[id]; ok {
		return g, nil
	}
	return confluence.Group{}, &confluence.NotFoundError{Kind: "group", Key: id}
}

func TestCurrentGroupUsesTheSpaceListOncePerSpace(t *testing.T) {
	f := &groupLookups{
		groups:   map[string][]csumapi.SpaceGroup{"ENG": {{ID: "g1", Name: "eng-renamed"}, {ID: "g2", Name: "eng-b"}}},
		getGroup: map[string]confluence.Group{"g9": {ID: "g9", Name: "eng-left-the-pattern"}},
	}
	d := NewSite(f, f, nil)
	ctx := context.Background()
	for _, id := range []string{"g1", "g2", "g1"} {
		g, err := d.CurrentGroup(ctx, "ENG", id)
		if err != nil || g.ID != id {
			t.Fatalf("currentGroup(%s) = %+v, %v", id, g, err)
		}
	}
	if g, _ := d.CurrentGroup(ctx, "ENG", "g1"); g.Name != "eng-renamed" {
		t.Errorf("name = %q, want the app's current name", g.Name)
	}
	if g, err := d.CurrentGroup(ctx, "ENG", "g9"); err != nil || g.Name != "eng-left-the-pattern" {
		t.Errorf("a group missing from the list is read by ID: %+v, %v", g, err)
	}
	if _, err := d.CurrentGroup(ctx, "ENG", "gone"); !httpx.IsNotFound(err) {
		t.Errorf("a deleted group: %v, want not found", err)
	}
	if lists, gets := f.lists.Load(), f.gets.Load(); lists != 1 || gets != 2 {
		t.Errorf("%d space lists and %d group reads, want 1 and 2", lists, gets)
	}
}

func TestCurrentGroupWithoutTheAppReadsByID(t *testing.T) {
	f := &groupLookups{getGroup: map[string]confluence.Group{"g1": {ID: "g1", Name: "eng-a"}}}
	d := NewSite(f, nil, nil)
	if g, err := d.CurrentGroup(context.Background(), "ENG", "g1"); err != nil || g.Name != "eng-a" {
		t.Errorf("currentGroup = %+v, %v", g, err)
	}
	if f.gets.Load() != 1 {
		t.Errorf("%d group reads, want 1", f.gets.Load())
	}
}

// Resources of one space refreshed at the same time share a single list request.
func TestGroupsOfSharesConcurrentRequests(t *testing.T) {
	f := &groupLookups{groups: map[string][]csumapi.SpaceGroup{"ENG": {{ID: "g1", Name: "eng-a"}}},
		listsStarted: make(chan struct{}), release: make(chan struct{})}
	d := NewSite(f, f, nil)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			_, err := d.CurrentGroup(context.Background(), "ENG", "g1")
			errs <- err
		})
	}
	<-f.listsStarted // one request is in flight; the others wait for it or find the cache
	close(f.release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := f.lists.Load(); n != 1 {
		t.Errorf("%d list requests, want 1", n)
	}
}

// A fresh read made after a write sees the write, even while another fresh read that started before the
// write is still on its way: the two must not share one request.
func TestFreshReadsDoNotShareAReadThatStartedEarlier(t *testing.T) {
	f := &slowPermissions{fakeSpace: newFakeSpace(), started: make(chan struct{}), release: make(chan struct{})}
	f.mode = confluence.ModePreRoles
	site := NewSite(f, nil, nil)
	ctx := context.Background()
	earlier := make(chan SpaceAccess)
	go func() {
		a, _ := site.Access(ctx, f.space, true) // B's read, held on its way
		earlier <- a
	}()
	<-f.started
	f.perms = append(f.perms, groupPerm(7, "g", ReadSpace)) // A's write, done
	readBack := make(chan SpaceAccess, 1)
	go func() {
		a, _ := site.Access(ctx, f.space, true) // A's read-back
		readBack <- a
	}()
	select {
	case later := <-readBack:
		if len(later.Permissions) != 1 {
			t.Errorf("the read after the write found %v; want the permission just written", later.Permissions)
		}
	case <-time.After(5 * time.Second):
		t.Error("the read after the write waited for the read that started before it")
	}
	close(f.release)
	if a := <-earlier; len(a.Permissions) != 0 {
		t.Fatalf("the read held before the write found %v", a.Permissions)
	}
}

// slowPermissions holds its first permission read until released, after taking a copy of the permissions.
type slowPermissions struct {
	*fakeSpace
	started, release chan struct{}
	once             sync.Once
}

func (f *slowPermissions) SpacePermissions(ctx context.Context, spaceID string) ([]confluence.SpacePermission, error) {
	held := false
	f.once.Do(func() { held = true })
	perms, err := f.fakeSpace.SpacePermissions(ctx, spaceID)
	if held {
		close(f.started)
		<-f.release
	}
	return perms, err
}
