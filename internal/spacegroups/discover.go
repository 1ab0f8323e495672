package spacegroups

import (
	"context"
	"fmt"
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
// and remembers each for the run, so that later lookups of one of them ask nothing. A key that names no
// space the caller can see is an error that names every such key.
func (s *Site) Spaces(ctx context.Context, c SpaceLister, keys []string) ([]confluence.Space, error) {
	spaces, err := c.Spaces(ctx, keys)
	if err != nil {
		return nil, fmt.Errorf("listing the spaces: %w", err)
	}
	slices.SortFunc(spaces, func(a, b confluence.Space) int { return strings.Compare(a.Key, b.Key) })
	var missing []string
	for _, k := range keys {
		if _, found := slices.BinarySearchFunc(spaces, k, func(sp confluence.Space, k string) int { return strings.Compare(sp.Key, k) }); !found {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("no space with the key %s, or the caller cannot see it", strings.Join(missing, ", "))
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
	out := make(map[string][]csumapi.SpaceGroup, len(spaceKeys))
	if s.app != nil {
		for _, k := range spaceKeys {
			groups, err := s.GroupsOf(ctx, k, false)
			if err != nil {
				return nil, err
			}
			out[k] = groups
		}
		return out, nil
	}
	all, err := c.ListGroups(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing the site's groups: %w", err)
	}
	pattern := csumdoc.DefaultSettings().GroupSettings.SpaceGroupPattern
	for _, k := range spaceKeys {
		out[k] = nil
		for _, g := range all {
			if pattern.Belongs(k, g.Name) {
				out[k] = append(out[k], csumapi.SpaceGroup{ID: g.ID, Name: g.Name})
			}
		}
	}
	return out, nil
}
