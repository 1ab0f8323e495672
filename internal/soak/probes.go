package soak

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Kinds of probe: a configuration the provider must refuse, on a site set up to make it dangerous.
const (
	probeProtected = "protected account"  // a protected account added outside to a managed group
	probeLockout   = "last administrator" // a managed group left the only administrator of its space
	probeTakeover  = "takeover"           // a membership of a group that has members it does not list
)

// probe is a safety rule put to the test: changes made outside Terraform set a trap, a configuration
// walks into it, and apply must refuse before writing anything; then the trap is taken down again.
type probe struct {
	Kind    string
	Trap    []outsideChange
	Config  config
	Restore []outsideChange
	Refusal string // the error apply must report
}

// probe draws one probe of the safety rules the applied configuration lends itself to; false when none.
func (g *generator) probe(cur config, f facts) (probe, bool) {
	kinds := []func(config, facts) (probe, bool){g.protectedProbe, g.lockoutProbe, g.takeoverProbe}
	first := g.rng.IntN(len(kinds))
	for k := range kinds {
		if p, ok := kinds[(first+k)%len(kinds)](cur, f); ok {
			return p, true
		}
	}
	return probe{}, false
}

// protectedProbe adds the privileged user (or the caller, when there is none) to a group whose membership
// the configuration owns: the plan would remove it, and must be refused.
func (g *generator) protectedProbe(cur config, f facts) (probe, bool) {
	var candidates []membership
	for _, m := range cur.Memberships {
		if f["group "+m.Group] != "" {
			candidates = append(candidates, m)
		}
	}
	if len(candidates) == 0 {
		return probe{}, false
	}
	m := candidates[g.rng.IntN(len(candidates))]
	account := f.privileged()
	if account == "" || g.chance(0.3) {
		account = g.u.caller
	}
	add := outsideChange{Kind: outsideAddMember, Space: m.Space, Group: m.Group, Account: account}
	remove := add
	remove.Kind = outsideRemoveMember
	return probe{Kind: probeProtected, Trap: []outsideChange{add}, Config: cur, Restore: []outsideChange{remove},
		Refusal: "The plan would remove protected accounts"}, true
}

// lockoutProbe takes administration of a space away from everyone but one group of the configuration, then
// asks to take it from that group too (or to delete the group): apply must refuse.
func (g *generator) lockoutProbe(cur config, f facts) (probe, bool) {
	var candidates []spaceGroup
	for _, sg := range cur.SpaceGroups {
		perms, role := f.access(sg.Space, sg.group())
		// Where individual permissions count, the group must hold administer/space itself, or Confluence
		// would refuse to let the last such permission go when the trap is set.
		if g.u.hasPermissions() && slices.Contains(perms, adminPermission) || !g.u.hasPermissions() && g.u.adminRoles[role] {
			candidates = append(candidates, sg)
		}
	}
	if len(candidates) == 0 {
		return probe{}, false
	}
	sg := candidates[g.rng.IntN(len(candidates))]
	p := probe{Kind: probeLockout, Refusal: "Refusing to remove the last space administrator"}
	// Every other principal that administers the space loses it: an admin role becomes Viewer, which keeps it
	// able to see the space (the caller among them: an account that can no longer see a space cannot have its
	// administrators checked, and the provider refuses for that reason instead), and administer/space is
	// revoked. A role set replaces the principal's individual permissions, as in Confluence; taking the trap
	// down sets the role back and grants those permissions again, read/space first, where the mode has them.
	trapped, restored := f.clone(), map[string]bool{}
	for _, k := range sortedKeys(f) {
		fields := strings.Fields(k)
		if len(fields) == 3 && fields[0] == "role" && fields[1] == sg.Space && g.u.hasRoles() && g.u.adminRoles[f[k]] &&
			fields[2] != "GROUP:"+sg.group() {
			o := outsideChange{Kind: outsideSetRole, Space: sg.Space, Role: "Viewer"}
			if user, ok := strings.CutPrefix(fields[2], "USER:"); ok {
				o.User = user
			} else if o.Group, ok = strings.CutPrefix(fields[2], "GROUP:"); !ok {
				return probe{}, false // access classes are left alone
			}
			p.Trap = append(p.Trap, o)
			o.applyTo(trapped)
			o.Role = f[k]
			p.Restore = append(p.Restore, o)
			grants, ok := g.regrants(f, sg.Space, o)
			if !ok {
				return probe{}, false
			}
			p.Restore = append(p.Restore, grants...)
			restored[o.principal()] = true
		}
	}
	for _, k := range sortedKeys(trapped) {
		fields := strings.Fields(k)
		if len(fields) == 4 && fields[0] == "permission" && fields[1] == sg.Space && fields[3] == adminPermission &&
			g.u.hasPermissions() && fields[2] != "group:"+sg.group() {
			group, ok := strings.CutPrefix(fields[2], "group:")
			if !ok {
				return probe{}, false // the soak revokes groups' grants only
			}
			o := outsideChange{Kind: outsideRevoke, Space: sg.Space, Group: group, Pair: adminPermission}
			p.Trap = append(p.Trap, o)
			if !restored["GROUP:"+group] {
				o.Kind = outsideGrant
				p.Restore = append(p.Restore, o)
			}
		}
	}
	p.Config = cur.clone()
	if g.chance(0.4) {
		p.Config.dropGroup(sg.group())
		return p, true
	}
	for i, c := range p.Config.SpaceGroups {
		if c.group() != sg.group() {
			continue
		}
		if g.u.hasPermissions() {
			p.Config.SpaceGroups[i].Permissions = slices.DeleteFunc(slices.Clone(c.Permissions), func(s string) bool { return s == adminPermission })
		} else {
			p.Config.SpaceGroups[i].Role = "Viewer"
		}
	}
	return p, true
}

// regrants are the grants that give the principal of a role change back its individual permissions in the
// space, read/space first; false when the soak cannot make them (a user's grants).
func (g *generator) regrants(f facts, space string, o outsideChange) ([]outsideChange, bool) {
	if !g.u.hasPermissions() {
		return nil, true
	}
	subject := "group:" + o.Group
	if o.User != "" {
		subject = "user:" + o.User
	}
	var pairs []string
	for _, k := range sortedKeys(f) {
		if pair, ok := strings.CutPrefix(k, "permission "+space+" "+subject+" "); ok {
			pairs = append(pairs, pair)
		}
	}
	if len(pairs) > 0 && o.User != "" {
		return nil, false
	}
	slices.SortStableFunc(pairs, func(a, b string) int { return boolInt(b == "read/space") - boolInt(a == "read/space") })
	var grants []outsideChange
	for _, pair := range pairs {
		grants = append(grants, outsideChange{Kind: outsideGrant, Space: space, Group: o.Group, Pair: pair})
	}
	return grants, true
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// takeoverProbe adds a membership of a seed group that lists only some of its members: the resource must
// refuse to take the group over (import first) rather than remove the others.
func (g *generator) takeoverProbe(cur config, f facts) (probe, bool) {
	var candidates []seedGroup
	for _, sg := range g.u.seedGroups {
		_, managed := cur.membershipOf(sg.name)
		if !managed && !slices.ContainsFunc(cur.Members, func(m member) bool { return m.Group == sg.name }) &&
			len(activeMembers(f, sg.name, g.u)) > 0 {
			candidates = append(candidates, sg)
		}
	}
	if len(candidates) == 0 {
		return probe{}, false
	}
	sg := candidates[g.rng.IntN(len(candidates))]
	members := activeMembers(f, sg.name, g.u)
	listed := slices.Clone(members[:g.rng.IntN(len(members))])
	c := cur.clone()
	c.Memberships = append(c.Memberships, membership{Addr: sg.name, groupRef: groupRef{Space: sg.space, Group: sg.name}, Members: listed})
	return probe{Kind: probeTakeover, Config: c, Refusal: "The group already has other members"}, true
}

func sortedKeys(f facts) []string {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// probeStep sets the trap, applies the configuration that walks into it, which must fail with the probe's
// refusal and write nothing, and takes the trap down; a plan must then find the site as before.
func (r *runner) probeStep(ctx context.Context, st step) error {
	p := st.Probe
	site := r.site.clone()
	if err := r.makeOutside(p.Trap, site, "to set the trap"); err != nil {
		return err
	}
	if err := r.writeConfig(p.Config); err != nil {
		return err
	}
	res, pos, err := r.command(ctx, nil, 0, r.applyArgs(step{Kind: stepApply})...)
	if err != nil {
		return err
	}
	r.report.Invariants += 2
	if writes, _ := r.srv.Journal(pos); len(writes) > 0 {
		return fail(fmt.Sprintf("the %s probe: apply wrote (%s %s changed %v) instead of refusing", p.Kind, writes[0].Method,
			writes[0].Path, writes[0].Changes), res.String(), res.Output)
	}
	if res.ExitCode == 0 || !strings.Contains(res.Output, p.Refusal) {
		return fail(fmt.Sprintf("the %s probe: apply did not refuse with %q", p.Kind, p.Refusal), res.String(), res.Output)
	}
	if err := r.makeOutside(p.Restore, site, "to take the trap down"); err != nil {
		return err
	}
	if err := r.writeConfig(r.cfg); err != nil {
		return err
	}
	r.report.Invariants++
	if diff := site.diff(r.now()); len(diff) > 0 {
		return fail("after the probe the site is not as modelled (expected -> actual):\n" + strings.Join(diff, "\n"))
	}
	r.site = site
	return r.expectPlan(ctx, "after the "+p.Kind+" probe")
}
