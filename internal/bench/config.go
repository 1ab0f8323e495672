package bench

import (
	"fmt"
	"maps"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
)

// membership is one csum_space_group_membership resource of a generated configuration.
type membership struct {
	SpaceKey  string
	GroupName string
	Members   []string
}

// membershipConfig is a Terraform configuration (JSON syntax) managing each membership with the group given
// by name, its members labelled ""; the provider is configured from the CSUM_* environment variables.
func membershipConfig(ms []membership) map[string]any {
	resources := make(map[string]any, len(ms))
	for _, m := range ms {
		resources[resourceName(m.GroupName)] = map[string]any{
			"space_key": m.SpaceKey, "group_name": m.GroupName, "members": unlabelled(m.Members),
		}
	}
	return map[string]any{
		"terraform": map[string]any{"required_providers": map[string]any{"csum": map[string]any{"source": "csum-tools/csum"}}},
		"resource":  map[string]any{"csum_space_group_membership": resources},
	}
}

// withImports adds an import block for each membership, so that one apply brings groups that already have
// their members under Terraform without changing them.
func withImports(cfg map[string]any, ms []membership) map[string]any {
	imports := make([]map[string]string, len(ms))
	for i, m := range ms {
		imports[i] = map[string]string{"to": "csum_space_group_membership." + resourceName(m.GroupName), "id": m.SpaceKey + "/" + m.GroupName}
	}
	out := maps.Clone(cfg)
	out["import"] = imports
	return out
}

// seededMemberships lists the space groups of a generated seed with the members they were seeded with, so
// that applying the configuration changes no member.
func seededMemberships(seed sandbox.Seed) []membership {
	var out []membership
	for _, g := range seed.Groups {
		space, ok := spaceOfGroup(g.Name)
		if !ok {
			continue
		}
		out = append(out, membership{SpaceKey: space, GroupName: g.Name, Members: g.Members})
	}
	return out
}

// spaceOfGroup reads the space key out of a generated group name ("s0042-group-1" belongs to S0042).
func spaceOfGroup(name string) (string, bool) {
	prefix, _, ok := strings.Cut(name, "-")
	if !ok || len(prefix) != 5 || prefix[0] != 's' {
		return "", false
	}
	return strings.ToUpper(prefix), true
}

// unlabelled is a members map of ids, each labelled "", as { for id in ids : id => "" } gives it.
func unlabelled(ids []string) map[string]string {
	members := make(map[string]string, len(ids))
	for _, id := range ids {
		members[id] = ""
	}
	return members
}

func resourceName(groupName string) string {
	return "g_" + strings.ReplaceAll(groupName, "-", "_")
}

// userIDs returns the account IDs of the seed's ordinary users (every user but the admin), first n of them.
func userIDs(seed sandbox.Seed, n int) ([]string, error) {
	var ids []string
	for _, u := range seed.Users {
		if u.Email == seed.Credentials.Email {
			continue
		}
		ids = append(ids, u.AccountID)
		if len(ids) == n {
			return ids, nil
		}
	}
	return nil, fmt.Errorf("the seed has %d ordinary users, %d wanted", len(ids), n)
}
