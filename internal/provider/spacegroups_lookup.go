package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/csumapi"
	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// noAppWarning explains what the space group resources assume when the CSUM Admin API is not configured.
const noAppWarning = "app_url and app_api_key are not set, so this provider cannot ask the CSUM app for its " +
	"space group pattern, group name regex and group blocklist. It assumes the app's defaults: the pattern " +
	"`SPACEKEY-` (so space ENG owns groups named eng-...), any name, no blocklist. If the app is configured " +
	"otherwise, set app_url and app_api_key so the provider follows it."

// groupRules say how groups are tied to spaces: the space group pattern and the name regex a space admin's
// group names must match, and whether they came from the app or are the defaults.
type groupRules struct {
	Pattern   csumdoc.Pattern
	NameRegex string
	FromApp   bool
}

func (d *providerData) groupRules(ctx context.Context) (groupRules, error) {
	if d.app == nil {
		def := csumdoc.DefaultSettings().GroupSettings
		return groupRules{Pattern: def.SpaceGroupPattern, NameRegex: def.GroupNameRegex}, nil
	}
	s, _, err := d.app.GetSettings(ctx)
	if err != nil {
		return groupRules{}, fmt.Errorf("reading the space group pattern from the CSUM app: %w", err)
	}
	return groupRules{Pattern: s.GroupSettings.SpaceGroupPattern, NameRegex: s.GroupSettings.GroupNameRegex, FromApp: true}, nil
}

// lookupSpace finds a space by key, once per run.
func (d *providerData) lookupSpace(ctx context.Context, c confluenceAPI, key string) (confluence.Space, error) {
	if s, ok := d.lookups.space(key); ok {
		return s, nil
	}
	s, err := c.SpaceByKey(ctx, key)
	if err != nil {
		return confluence.Space{}, err
	}
	d.lookups.putSpace(s)
	return s, nil
}

// lookupGroup finds a group by ID when one is given, else by its exact name.
func lookupGroup(ctx context.Context, c confluenceAPI, groupID, groupName string) (confluence.Group, error) {
	if groupID != "" {
		return c.GetGroup(ctx, groupID)
	}
	return c.FindGroupByName(ctx, groupName)
}

// checkGroupInSpace returns an error when the group is not one of the space's groups: its name must follow
// the space group pattern, and (as the app decides) it must not be blocklisted or carry a global permission.
// The app's list of a space's groups is read once per run, and again when a group is missing from it,
// because the group may have been created earlier in the same apply.
func (d *providerData) checkGroupInSpace(ctx context.Context, c confluenceAPI, spaceKey string, g confluence.Group) error {
	if d.app == nil {
		if _, err := d.lookupSpace(ctx, c, spaceKey); err != nil {
			return err
		}
		if !csumdoc.DefaultSettings().GroupSettings.SpaceGroupPattern.Belongs(spaceKey, g.Name) {
			return notInSpaceError(spaceKey, g)
		}
		return nil
	}
	for _, fresh := range []bool{false, true} {
		groups, err := d.spaceGroupsOf(ctx, spaceKey, fresh)
		if err != nil {
			return err
		}
		if slices.ContainsFunc(groups, func(sg csumapi.SpaceGroup) bool { return sg.ID == g.ID }) {
			return nil
		}
	}
	return notInSpaceError(spaceKey, g)
}

// spaceGroupsOf returns the app's list of a space's groups, read once per run unless fresh is set.
// Resources of the same space that ask at the same time share one request.
func (d *providerData) spaceGroupsOf(ctx context.Context, spaceKey string, fresh bool) ([]csumapi.SpaceGroup, error) {
	if groups, ok := d.lookups.groupsOf(spaceKey); ok && !fresh {
		return groups, nil
	}
	key := spaceKey
	if fresh {
		key += "\x00fresh"
	}
	groups, err, _ := d.lookups.flight.Do(key, func() (any, error) {
		if groups, ok := d.lookups.groupsOf(spaceKey); ok && !fresh {
			return groups, nil // listed by a request that ended while this one was on its way
		}
		listed, err := d.app.SpaceGroups(ctx, spaceKey)
		if err != nil {
			return nil, fmt.Errorf("listing the groups of space %s in the CSUM app: %w", spaceKey, err)
		}
		d.lookups.putGroupsOf(spaceKey, listed.Results)
		return listed.Results, nil
	})
	if err != nil {
		return nil, err
	}
	listed, _ := groups.([]csumapi.SpaceGroup) // the only type the function above returns
	return listed, nil
}

// currentGroup reads a space group's current name, or a not-found error when it is gone. With the app
// configured, the space's group list (one request per space and run) answers for every group still in it;
// a group missing from it is asked for by ID.
func (d *providerData) currentGroup(ctx context.Context, c confluenceAPI, spaceKey, groupID string) (confluence.Group, error) {
	if d.app != nil {
		if groups, err := d.spaceGroupsOf(ctx, spaceKey, false); err == nil {
			for _, sg := range groups {
				if sg.ID == groupID {
					return confluence.Group{ID: sg.ID, Name: sg.Name}, nil
				}
			}
		}
	}
	return c.GetGroup(ctx, groupID)
}

func notInSpaceError(spaceKey string, g confluence.Group) error {
	return fmt.Errorf("group %q (%s) is not a group of space %s: its name does not follow the space group pattern "+
		"for %s, or the app excludes it (blocklisted, or it carries a global permission such as site admin). "+
		"This provider only manages the members of a space's own groups", g.Name, g.ID, spaceKey, spaceKey)
}

// protectedAccounts returns the accounts this provider never removes from a group, each with why:
// protected_account_ids, and the app's current privileged user (read once per run).
func (d *providerData) protectedAccounts(ctx context.Context) (map[string]string, error) {
	out := make(map[string]string, len(d.protected)+1)
	for id := range d.protected {
		out[id] = "listed in the provider's protected_account_ids"
	}
	if d.app == nil {
		return out, nil
	}
	privileged, ok := d.lookups.privilegedUser()
	if !ok {
		// Resources planned at the same time share one request.
		read, err, _ := d.lookups.flight.Do("\x00privileged-user", func() (any, error) {
			if known, ok := d.lookups.privilegedUser(); ok {
				return known, nil
			}
			u, err := d.app.GetPrivilegedUser(ctx)
			if err != nil {
				return nil, fmt.Errorf("reading the CSUM privileged user, which is never removed from a group: %w", err)
			}
			d.lookups.putPrivilegedUser(derefOr(u.AccountID, ""))
			return derefOr(u.AccountID, ""), nil
		})
		if err != nil {
			return nil, err
		}
		privileged, _ = read.(string) // the only type the function above returns
	}
	if privileged != "" {
		out[privileged] = "the CSUM app's privileged user"
	}
	return out, nil
}
