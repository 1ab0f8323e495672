package spacegroups

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

func TestEachSpaceGroupWithTheApp(t *testing.T) {
	f := newFakeSite()
	var found []Found
	for g, err := range NewSite(nil, f, nil).EachSpaceGroup(context.Background(), f, nil) {
		if err != nil {
			t.Fatal(err)
		}
		found = append(found, g)
	}
	if got, want := foundNames(found), []string{"ENG/eng-a", "ENG/eng-b", "OPS/ops-a"}; !slices.Equal(got, want) {
		t.Errorf("found %v, want %v", got, want)
	}
	if found[0].Space.ID != "2" || found[0].Group.ID != "g1" {
		t.Errorf("the first group found is %+v, want the space and group with their IDs", found[0])
	}
	if !slices.Equal(f.appLists, []string{"ENG", "MKT", "OPS"}) || f.spaceLists != 1 || f.siteLists != 0 {
		t.Errorf("%d space listings, %d site listings and app listings of %v; want 1, 0 and each space once in key order",
			f.spaceLists, f.siteLists, f.appLists)
	}
}

// A consumer that stops early saves the reads of the spaces after.
func TestEachSpaceGroupReadsNoFurtherThanTaken(t *testing.T) {
	f := newFakeSite()
	for g, err := range NewSite(nil, f, nil).EachSpaceGroup(context.Background(), f, nil) {
		if err != nil {
			t.Fatal(err)
		}
		if g.Group.Name == "eng-b" {
			break
		}
	}
	if !slices.Equal(f.appLists, []string{"ENG"}) {
		t.Errorf("the app was asked about %v, want ENG alone", f.appLists)
	}
}

// Without the app, one listing of the site's groups serves every space, and a site without spaces needs none.
func TestEachSpaceGroupWithoutTheApp(t *testing.T) {
	f := newFakeSite()
	var names []string
	for g, err := range NewSite(nil, nil, nil).EachSpaceGroup(context.Background(), f, []string{"OPS", "ENG"}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, g.Space.Key+"/"+g.Group.Name)
	}
	if want := []string{"ENG/eng-a", "ENG/eng-b", "OPS/ops-a"}; !slices.Equal(names, want) {
		t.Errorf("found %v, want %v", names, want)
	}
	if f.siteLists != 1 || len(f.appLists) != 0 {
		t.Errorf("%d site listings and app listings of %v, want one site listing", f.siteLists, f.appLists)
	}
	empty := &fakeSite{}
	for g, err := range NewSite(nil, nil, nil).EachSpaceGroup(context.Background(), empty, nil) {
		t.Errorf("a site without spaces has no groups: %+v, %v", g, err)
	}
	if empty.siteLists != 0 || empty.spaceLists != 1 {
		t.Errorf("an empty site: %d space listings and %d site listings, want 1 and 0", empty.spaceLists, empty.siteLists)
	}
}

// Keys of spaces the caller cannot see are one error naming them all; a failed read ends the listing after
// the groups read before it.
func TestEachSpaceGroupErrors(t *testing.T) {
	f := newFakeSite()
	var errs []error
	for _, err := range NewSite(nil, f, nil).EachSpaceGroup(context.Background(), f, []string{"ENG", "NOPE", "GONE"}) {
		errs = append(errs, err)
	}
	want := "no spaces with the keys NOPE, GONE, or the caller cannot see them"
	if len(errs) != 1 || errs[0] == nil || errs[0].Error() != want {
		t.Errorf("errors %v, want one: %s", errs, want)
	}
	if len(f.appLists) != 0 {
		t.Errorf("groups of %v read after the spaces failed", f.appLists)
	}

	f.failSpace = "OPS"
	var names []string
	var last error
	for g, err := range NewSite(nil, f, nil).EachSpaceGroup(context.Background(), f, nil) {
		if last != nil {
			t.Fatal("the listing went on after an error")
		}
		if last = err; err == nil {
			names = append(names, g.Space.Key+"/"+g.Group.Name)
		}
	}
	if !errors.Is(last, errUnavailable) || !slices.Equal(names, []string{"ENG/eng-a", "ENG/eng-b"}) {
		t.Errorf("found %v then %v, want ENG's groups then the failure", names, last)
	}
}

func TestSpaceGroupsOfWithoutTheAppListsTheSiteOnce(t *testing.T) {
	f := newFakeSite()
	got, err := NewSite(nil, nil, nil).SpaceGroupsOf(context.Background(), f, []string{"ENG", "MKT", "OPS"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got["ENG"]) != 2 || len(got["MKT"]) != 0 || len(got["OPS"]) != 1 || f.siteLists != 1 {
		t.Errorf("groups %v from %d site listings, want 2, 0 and 1 from one", got, f.siteLists)
	}
}

// The pattern that names a group within its space comes with the app's list of a space's groups: a run that
// listed one reads no settings for it.
func TestPatternComesWithTheSpaceGroups(t *testing.T) {
	f := newFakeSite()
	site := NewSite(nil, f, nil)
	if _, err := site.GroupsOf(context.Background(), "ENG", false); err != nil {
		t.Fatal(err)
	}
	p, err := site.Pattern(context.Background())
	if err != nil || p != fakePattern || f.settingsReads != 0 {
		t.Errorf("pattern %+v, %v after %d settings reads; want the listed one and none", p, err, f.settingsReads)
	}
	other := newFakeSite()
	if p, err := NewSite(nil, other, nil).Pattern(context.Background()); err != nil || p != fakePattern || other.settingsReads != 1 {
		t.Errorf("before any listing: pattern %+v, %v after %d settings reads; want the settings' one", p, err, other.settingsReads)
	}
	if p, err := NewSite(nil, nil, nil).Pattern(context.Background()); err != nil || p != csumdoc.DefaultSettings().GroupSettings.SpaceGroupPattern {
		t.Errorf("without the app: pattern %+v, %v; want the default", p, err)
	}
}

// Two listings of the same spaces in one run (two list blocks of one query) share one read; other keys, in
// any order, are another listing.
func TestSpacesListingIsReadOncePerRun(t *testing.T) {
	f := newFakeSite()
	site := NewSite(nil, f, nil)
	ctx := context.Background()
	for _, keys := range [][]string{nil, {}, {"OPS", "ENG"}, {"ENG", "OPS"}} {
		if _, err := site.Spaces(ctx, f, keys); err != nil {
			t.Fatal(err)
		}
	}
	if f.spaceLists != 2 {
		t.Fatalf("%d space listings, want 2: one of every space and one of ENG and OPS", f.spaceLists)
	}
}
