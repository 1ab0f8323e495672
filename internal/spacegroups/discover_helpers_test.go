package spacegroups

import (
	"context"
	"errors"
	"slices"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/csumapi"
	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// fakeSite serves the spaces, the site's groups and the app's list of each space's groups, counting each
// kind of read; failSpace makes the app's list of that space fail.
type fakeSite struct {
	App
	spaces    []confluence.Space
	groups    []confluence.Group
	failSpace string

	spaceLists, siteLists, settingsReads int
	appLists                             []string // the space keys the app was asked about, in order
}

// fakePattern is the pattern the fake app lists groups under and its settings give.
var fakePattern = csumdoc.DefaultSettings().GroupSettings.SpaceGroupPattern

func (f *fakeSite) GetSettings(context.Context) (csumdoc.Settings, int64, error) {
	f.settingsReads++
	settings := csumdoc.DefaultSettings()
	settings.GroupSettings.SpaceGroupPattern = fakePattern
	return settings, 1, nil
}

var errUnavailable = errors.New("503 Service Unavailable")

func (f *fakeSite) Spaces(_ context.Context, keys []string) ([]confluence.Space, error) {
	f.spaceLists++
	return slices.DeleteFunc(slices.Clone(f.spaces), func(sp confluence.Space) bool {
		return len(keys) > 0 && !slices.Contains(keys, sp.Key)
	}), nil
}

func (f *fakeSite) ListGroups(context.Context) ([]confluence.Group, error) {
	f.siteLists++
	return f.groups, nil
}

func (f *fakeSite) SpaceGroups(_ context.Context, spaceKey string) (csumapi.SpaceGroups, error) {
	f.appLists = append(f.appLists, spaceKey)
	if spaceKey == f.failSpace {
		return csumapi.SpaceGroups{}, errUnavailable
	}
	out := csumapi.SpaceGroups{SpaceKey: spaceKey, Pattern: fakePattern}
	for _, g := range f.groups {
		if fakePattern.Belongs(spaceKey, g.Name) {
			out.Results = append(out.Results, csumapi.SpaceGroup{ID: g.ID, Name: g.Name})
		}
	}
	return out, nil
}

// newFakeSite is a site of three spaces, listed out of key order as the API orders spaces by ID, with two
// groups in ENG, none in MKT and one in OPS, and a group of no space.
func newFakeSite() *fakeSite {
	return &fakeSite{
		spaces: []confluence.Space{{ID: "1", Key: "OPS"}, {ID: "2", Key: "ENG"}, {ID: "3", Key: "MKT"}},
		groups: []confluence.Group{{ID: "g1", Name: "eng-a"}, {ID: "g2", Name: "eng-b"}, {ID: "g3", Name: "ops-a"}, {ID: "g4", Name: "staff"}},
	}
}

// foundNames names what a listing found as SPACEKEY/group name, in order.
func foundNames(found []Found) []string {
	out := make([]string, len(found))
	for i, f := range found {
		out[i] = f.Space.Key + "/" + f.Group.Name
	}
	return out
}
