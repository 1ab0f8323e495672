package spacegroups

import (
	"context"
	"errors"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/csumapi"
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
