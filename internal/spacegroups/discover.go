package spacegroups

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/csumapi"
	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// SpaceLister lists the spaces the caller can see: every one, or those of keys.
type SpaceLister interface {
	Spaces(ctx context.Context, keys []string) ([]confluence.Space, error)
}

// Spaces returns the spaces of keys, or every space the caller can see when keys is empty, sorted by key,
// and remembers each for the run, so that later lookups of one of them ask nothing. The same listing is
// read once per run: two list blocks of one query share it. A key that names no space the caller can see
// is an error that names every such key.
func (s *Site) Spaces(ctx context.Context, c SpaceLister, keys []string) ([]confluence.Space, error) {
	sorted := slices.Sorted(slices.Values(keys))
	spaces, err := once(s, keySpaces(sorted), false, func() ([]confluence.Space, error) {
		listed, err := c.Spaces(ctx, sorted)
		slices.SortFunc(listed, func(a, b confluence.Space) int { return strings.Compare(a.Key, b.Key) })
		return listed, err
	})
	if err != nil {
		return nil, fmt.Errorf("listing the spaces: %w", err)
	}
	var missing []string
	for _, k := range keys {
		if _, found := slices.BinarySearchFunc(spaces, k, func(sp confluence.Space, k string) int { return strings.Compare(sp.Key, k) }); !found {
			missing = append(missing, k)
		}
	}
	switch len(missing) {
	case 0:
	case 1:
		return nil, fmt.Errorf("no space with the key %s, or the caller cannot see it", missing[0])
	default:
		return nil, fmt.Errorf("no spaces with the keys %s, or the caller cannot see them", strings.Join(missing, ", "))
	}
	for _, sp := range spaces {
		s.remember(keySpace(sp.Key), sp)
	}
	return spaces, nil
}

// SpaceGroupsOf returns the groups that belong to each of the spaces, by space key: as the app lists them
// (once per space and run), or, without the app, by the app's default pattern from one listing of every
// group of the site, whatever the number of spaces.
func (s *Site) SpaceGroupsOf(ctx context.Context, c GroupLister, spaceKeys []string) (map[string][]csumapi.SpaceGroup, error) {
	groupsOf := s.spaceGroupReader(ctx, c)
	out := make(map[string][]csumapi.SpaceGroup, len(spaceKeys))
	for _, k := range spaceKeys {
		groups, err := groupsOf(k)
		if err != nil {
			return nil, err
		}
		out[k] = groups
	}
	return out, nil
}

// Found is one group of one space, as a listing of many spaces finds it.
type Found struct {
	Space confluence.Space
	Group confluence.Group
}

// SpaceGroupLister is what a listing of the groups of many spaces reads of Confluence.
type SpaceGroupLister interface {
	SpaceLister
	GroupLister
}

// EachSpaceGroup yields the groups of the spaces of keys, or of every space the caller can see when keys is
// empty: space by space in key order, and within a space as SpaceGroupsOf lists them. It reads only as far
// as the consumer takes: the spaces first, in one listing (paged by the API, which orders spaces by ID, not
// key), then the groups space by space as the app lists them, or, without the app, every group of the site in
// one listing made when the first space is reached. A consumer that stops early saves the reads of the
// spaces after. An error is yielded once and ends the sequence.
func (s *Site) EachSpaceGroup(ctx context.Context, c SpaceGroupLister, keys []string) iter.Seq2[Found, error] {
	return func(yield func(Found, error) bool) {
		spaces, err := s.Spaces(ctx, c, keys)
		if err != nil {
			yield(Found{}, err)
			return
		}
		groupsOf := s.spaceGroupReader(ctx, c)
		for _, sp := range spaces {
			groups, err := groupsOf(sp.Key)
			if err != nil {
				yield(Found{}, err)
				return
			}
			for _, g := range groups {
				if !yield(Found{Space: sp, Group: confluence.Group{ID: g.ID, Name: g.Name}}, nil) {
					return
				}
			}
		}
	}
}

// spaceGroupReader returns a function that gives the groups of one space at a time: the app's list of them
// (once per space and run), or, without the app, the site's groups that follow the app's default pattern
// for the space, out of one listing of every group of the site made at the first call that needs it.
func (s *Site) spaceGroupReader(ctx context.Context, c GroupLister) func(spaceKey string) ([]csumapi.SpaceGroup, error) {
	if s.app != nil {
		return func(spaceKey string) ([]csumapi.SpaceGroup, error) { return s.GroupsOf(ctx, spaceKey, false) }
	}
	var all []confluence.Group
	listed := false
	pattern := csumdoc.DefaultSettings().GroupSettings.SpaceGroupPattern
	return func(spaceKey string) ([]csumapi.SpaceGroup, error) {
		if !listed {
			var err error
			if all, err = c.ListGroups(ctx); err != nil {
				return nil, fmt.Errorf("listing the site's groups: %w", err)
			}
			listed = true
		}
		var out []csumapi.SpaceGroup
		for _, g := range all {
			if pattern.Belongs(spaceKey, g.Name) {
				out = append(out, csumapi.SpaceGroup{ID: g.ID, Name: g.Name})
			}
		}
		return out, nil
	}
}
