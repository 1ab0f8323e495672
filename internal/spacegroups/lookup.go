package spacegroups

import (
	"context"
	"fmt"
	"slices"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/csumapi"
	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// Rules say how groups are tied to spaces: the space group pattern and the name regex a space admin's
// group names must match, and whether they came from the app or are the defaults.
type Rules struct {
	Pattern   csumdoc.Pattern
	NameRegex string
	FromApp   bool
}

// Rules reads the app's group rules once per run, or returns the app's defaults when the app is not
// configured.
func (s *Site) Rules(ctx context.Context) (Rules, error) {
	if s.app == nil {
		def := csumdoc.DefaultSettings().GroupSettings
		return Rules{Pattern: def.SpaceGroupPattern, NameRegex: def.GroupNameRegex}, nil
	}
	return once(s, keyRules, false, func() (Rules, error) {
		settings, _, err := s.app.GetSettings(ctx)
		if err != nil {
			return Rules{}, fmt.Errorf("reading the space group pattern from the CSUM app: %w", err)
		}
		g := settings.GroupSettings
		return Rules{Pattern: g.SpaceGroupPattern, NameRegex: g.GroupNameRegex, FromApp: true}, nil
	})
}

// CheckName returns an error when name does not match the rules' group name regex.
func (r Rules) CheckName(name string) error {
	if ok, err := csumdoc.NameMatches(r.NameRegex, name); err != nil || !ok {
		return fmt.Errorf("%q must match the group name regex %q of the CSUM app (group_settings.group_name_regex)", name, r.NameRegex)
	}
	return nil
}

// NameInSpace returns the group's name within the space (as a space admin types it in CSUM), or a
// *NotInSpaceError when its name does not follow the space group pattern for the space.
func NameInSpace(pattern csumdoc.Pattern, spaceKey string, g confluence.Group) (string, error) {
	short, ok := pattern.ShortName(spaceKey, g.Name)
	if !ok {
		return "", &NotInSpaceError{SpaceKey: spaceKey, Group: g}
	}
	return short, nil
}

// Pattern returns the space group pattern: as the app's list of a space's groups gave it earlier in the run,
// which saves a read of the app's settings, else as Rules reads it.
func (s *Site) Pattern(ctx context.Context) (csumdoc.Pattern, error) {
	if v, ok := s.recall(keyPattern); ok {
		p, _ := v.(csumdoc.Pattern) // only patterns are remembered under keyPattern
		return p, nil
	}
	rules, err := s.Rules(ctx)
	return rules.Pattern, err
}

// Space finds a space by key, once per run; resources of one space planned together share one request.
func (s *Site) Space(ctx context.Context, key string) (confluence.Space, error) {
	return once(s, keySpace(key), false, func() (confluence.Space, error) { return s.confluence.SpaceByKey(ctx, key) })
}

// FindGroup finds a group by ID when one is given, else by its exact name.
func FindGroup(ctx context.Context, c GroupFinder, groupID, groupName string) (confluence.Group, error) {
	if groupID != "" {
		return c.GetGroup(ctx, groupID)
	}
	return c.FindGroupByName(ctx, groupName)
}

// CheckGroupInSpace returns a *NotInSpaceError when the group is not one of the space's groups: its name
// must follow the space group pattern, and (as the app decides) it must not be blocklisted or carry a global
// permission. The app's list of a space's groups is read once per run, and again when a group is missing
// from it, because the group may have been created earlier in the same apply.
func (s *Site) CheckGroupInSpace(ctx context.Context, spaceKey string, g confluence.Group) error {
	if s.app == nil {
		if _, err := s.Space(ctx, spaceKey); err != nil {
			return err
		}
		if !csumdoc.DefaultSettings().GroupSettings.SpaceGroupPattern.Belongs(spaceKey, g.Name) {
			return &NotInSpaceError{SpaceKey: spaceKey, Group: g}
		}
		return nil
	}
	for _, fresh := range []bool{false, true} {
		groups, err := s.GroupsOf(ctx, spaceKey, fresh)
		if err != nil {
			return err
		}
		if slices.ContainsFunc(groups, func(sg csumapi.SpaceGroup) bool { return sg.ID == g.ID }) {
			return nil
		}
	}
	return &NotInSpaceError{SpaceKey: spaceKey, Group: g}
}

// GroupsOf returns the app's list of a space's groups, read once per run unless fresh is set. Resources of
// the same space that ask at the same time share one request.
func (s *Site) GroupsOf(ctx context.Context, spaceKey string, fresh bool) ([]csumapi.SpaceGroup, error) {
	return once(s, keyGroupsOf(spaceKey), fresh, func() ([]csumapi.SpaceGroup, error) {
		listed, err := s.app.SpaceGroups(ctx, spaceKey)
		if err != nil {
			return nil, fmt.Errorf("listing the groups of space %s in the CSUM app: %w", spaceKey, err)
		}
		s.remember(keyPattern, listed.Pattern)
		return listed.Results, nil
	})
}

// CurrentGroup reads a space group's current name, or a not-found error when it is gone. With the app
// configured, the space's group list (one request per space and run) answers for every group still in it;
// a group missing from it is asked for by ID.
func (s *Site) CurrentGroup(ctx context.Context, spaceKey, groupID string) (confluence.Group, error) {
	if g, ok := s.listedGroup(ctx, spaceKey, func(sg csumapi.SpaceGroup) bool { return sg.ID == groupID }); ok {
		return g, nil
	}
	return s.confluence.GetGroup(ctx, groupID)
}

// listedGroup finds a group that matches in the app's list of the space's groups, read once per run. Without
// the app, or when the list cannot be read, it finds none and the caller asks Confluence, which reports
// what went wrong.
func (s *Site) listedGroup(ctx context.Context, spaceKey string, match func(csumapi.SpaceGroup) bool) (confluence.Group, bool) {
	if s.app == nil {
		return confluence.Group{}, false
	}
	groups, err := s.GroupsOf(ctx, spaceKey, false)
	if err != nil {
		return confluence.Group{}, false
	}
	if i := slices.IndexFunc(groups, match); i >= 0 {
		return confluence.Group{ID: groups[i].ID, Name: groups[i].Name}, true
	}
	return confluence.Group{}, false
}

// ProtectedAccounts returns the accounts this provider never removes from a group, each with why:
// protected_account_ids, and the app's current privileged user (read once per run).
func (s *Site) ProtectedAccounts(ctx context.Context) (map[string]string, error) {
	out := make(map[string]string, len(s.protected)+1)
	for _, id := range s.protected {
		out[id] = "listed in the provider's protected_account_ids"
	}
	if s.app == nil {
		return out, nil
	}
	privileged, err := once(s, keyPrivileged, false, func() (string, error) {
		u, err := s.app.GetPrivilegedUser(ctx)
		if err != nil {
			return "", fmt.Errorf("reading the CSUM privileged user, which is never removed from a group: %w", err)
		}
		if u.AccountID == nil {
			return "", nil
		}
		return *u.AccountID, nil
	})
	if err != nil {
		return nil, err
	}
	if privileged != "" {
		out[privileged] = "the CSUM app's privileged user"
	}
	return out, nil
}

// GroupLister lists every group of the site.
type GroupLister interface {
	ListGroups(ctx context.Context) ([]confluence.Group, error)
}

// ListSpaceGroups returns the groups that belong to a space, as the app lists them (once per run).
// Without the app, it assumes the app's default pattern and filters every group of the site, after
// checking that the space exists.
func (s *Site) ListSpaceGroups(ctx context.Context, c GroupLister, spaceKey string) ([]csumapi.SpaceGroup, error) {
	if s.app == nil {
		if _, err := s.Space(ctx, spaceKey); err != nil {
			return nil, fmt.Errorf("finding space %s: %w", spaceKey, err)
		}
	}
	groups, err := s.SpaceGroupsOf(ctx, c, []string{spaceKey})
	return groups[spaceKey], err
}
