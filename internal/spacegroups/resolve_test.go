package spacegroups

import (
	"context"
	"errors"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/csumapi"
	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// namedGroups is a site whose groups are found by ID and by name, with one space, ENG.
type namedGroups struct {
	Confluence
	groups []confluence.Group
}

func (f namedGroups) SpaceByKey(_ context.Context, key string) (confluence.Space, error) {
	if key != "ENG" {
		return confluence.Space{}, &confluence.NotFoundError{Kind: "space", Key: key}
	}
	return confluence.Space{ID: "1", Key: "ENG"}, nil
}

func (f namedGroups) GetGroup(_ context.Context, id string) (confluence.Group, error) {
	for _, g := range f.groups {
		if g.ID == id {
			return g, nil
		}
	}
	return confluence.Group{}, &confluence.NotFoundError{Kind: "group", Key: id}
}

func (f namedGroups) FindGroupByName(_ context.Context, name string) (confluence.Group, error) {
	for _, g := range f.groups {
		if g.Name == name {
			return g, nil
		}
	}
	return confluence.Group{}, &confluence.NotFoundError{Kind: "group", Key: name}
}

func (f namedGroups) ListGroups(context.Context) ([]confluence.Group, error) { return f.groups, nil }

func TestResolveGroupWithoutTheApp(t *testing.T) {
	f := namedGroups{groups: []confluence.Group{{ID: "g1", Name: "eng-writers"}, {ID: "g2", Name: "ops-oncall"}}}
	site := NewSite(f, nil, nil)
	ctx := context.Background()
	if g, err := site.ResolveGroup(ctx, "ENG", "g1", "eng-writers"); err != nil || g.ID != "g1" {
		t.Fatalf("by ID and name: %+v, %v", g, err)
	}
	var lookup *GroupLookupError
	if _, err := site.ResolveGroup(ctx, "ENG", "", "eng-nobody"); !errors.As(err, &lookup) || lookup.ByID || !lookup.NotFound() {
		t.Fatalf("unknown name: %v, want a not-found GroupLookupError by name", err)
	}
	if _, err := site.ResolveGroup(ctx, "ENG", "g9", ""); !errors.As(err, &lookup) || !lookup.ByID {
		t.Fatalf("unknown ID: %v, want a GroupLookupError by ID", err)
	}
	var mismatch *NameMismatchError
	if _, err := site.ResolveGroup(ctx, "ENG", "g1", "eng-readers"); !errors.As(err, &mismatch) || mismatch.Actual != "eng-writers" {
		t.Fatalf("ID and name of different groups: %v, want a NameMismatchError", err)
	}
	var notInSpace *NotInSpaceError
	if _, err := site.ResolveGroup(ctx, "ENG", "g2", ""); !errors.As(err, &notInSpace) {
		t.Fatalf("another space's group: %v, want a NotInSpaceError", err)
	}
}

func TestListSpaceGroupsWithoutTheAppFiltersByTheDefaultPattern(t *testing.T) {
	f := namedGroups{groups: []confluence.Group{{ID: "g1", Name: "eng-writers"}, {ID: "g2", Name: "ops-oncall"}, {ID: "g3", Name: "eng-leads"}}}
	groups, err := NewSite(f, nil, nil).ListSpaceGroups(context.Background(), f, "ENG")
	if want := []csumapi.SpaceGroup{{ID: "g1", Name: "eng-writers"}, {ID: "g3", Name: "eng-leads"}}; err != nil || len(groups) != 2 ||
		groups[0] != want[0] || groups[1] != want[1] {
		t.Fatalf("groups %v, %v; want %v", groups, err, want)
	}
	if _, err := NewSite(f, nil, nil).ListSpaceGroups(context.Background(), f, "NOPE"); err == nil {
		t.Fatal("a space that does not exist must be an error")
	}
}

// An import ID with the full group name costs one lookup; one with the name within the space too.
func TestFindByShortOrFullNameTriesTheLikelierNameFirst(t *testing.T) {
	counted := &countingNames{namedGroups: namedGroups{groups: []confluence.Group{{ID: "g1", Name: "eng-writers"}}}}
	site := NewSite(counted, nil, nil)
	rules, _ := site.Rules(context.Background())
	for _, name := range []string{"eng-writers", "writers"} {
		counted.lookups = 0
		g, err := site.FindByShortOrFullName(context.Background(), rules, Ref{SpaceKey: "ENG", Group: name})
		if err != nil || g.ID != "g1" || counted.lookups != 1 {
			t.Errorf("%q: %+v, %v after %d lookups; want g1 after 1", name, g, err, counted.lookups)
		}
	}
}

type countingNames struct {
	namedGroups
	lookups int
}

func (c *countingNames) FindGroupByName(ctx context.Context, name string) (confluence.Group, error) {
	c.lookups++
	return c.namedGroups.FindGroupByName(ctx, name)
}

// With the app, a group the space's list names is resolved by ID, by name, or by both from that list (one
// request per space); a name that does not match its ID, and a group missing from the list, are looked up.
func TestResolveGroupFromTheSpaceList(t *testing.T) {
	f := &groupLookups{
		groups:   map[string][]csumapi.SpaceGroup{"ENG": {{ID: "g1", Name: "eng-writers"}, {ID: "g2", Name: "eng-readers"}}},
		getGroup: map[string]confluence.Group{"g1": {ID: "g1", Name: "eng-writers"}},
	}
	site := NewSite(f, f, nil)
	ctx := context.Background()
	for _, ref := range [][2]string{{"g1", ""}, {"", "eng-readers"}, {"g1", "eng-writers"}} {
		if g, err := site.ResolveGroup(ctx, "ENG", ref[0], ref[1]); err != nil || (g.ID != ref[0] && g.Name != ref[1]) {
			t.Fatalf("ResolveGroup(%q, %q) = %+v, %v", ref[0], ref[1], g, err)
		}
	}
	if lists, gets := f.lists.Load(), f.gets.Load(); lists != 1 || gets != 0 {
		t.Fatalf("%d space lists and %d group reads, want the list alone", lists, gets)
	}
	rules := Rules{Pattern: csumdoc.DefaultSettings().GroupSettings.SpaceGroupPattern}
	for _, name := range []string{"g2", "eng-readers", "readers"} {
		if g, err := site.FindByShortOrFullName(ctx, rules, Ref{SpaceKey: "ENG", Group: name}); err != nil || g.ID != "g2" {
			t.Fatalf("FindByShortOrFullName(%q) = %+v, %v; want g2", name, g, err)
		}
	}
	if lists, gets := f.lists.Load(), f.gets.Load(); lists != 1 || gets != 0 {
		t.Fatalf("%d space lists and %d group reads, want the list alone", lists, gets)
	}
	var mismatch *NameMismatchError
	if _, err := site.ResolveGroup(ctx, "ENG", "g1", "eng-readers"); !errors.As(err, &mismatch) {
		t.Fatalf("ID and name of different groups: %v, want a NameMismatchError", err)
	}
	var lookup *GroupLookupError
	if _, err := site.ResolveGroup(ctx, "ENG", "g9", ""); !errors.As(err, &lookup) || !lookup.NotFound() {
		t.Fatalf("a group that does not exist: %v, want a not-found GroupLookupError", err)
	}
}
