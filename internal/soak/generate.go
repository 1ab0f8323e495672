package soak

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// Kinds of step.
const (
	stepApply   = "apply"   // a new configuration, applied with or without faults, perhaps interrupted
	stepOutside = "outside" // changes made outside Terraform, then a plan that must show exactly them
	stepPlan    = "plan"    // a plan under read faults, which must write nothing and plan what a clean one would
	stepDestroy = "destroy" // terraform destroy, with or without faults, perhaps interrupted
	stepProbe   = "probe"   // a safety rule put to the test (see probe)
)

// step is one step of a soak run, a pure function of the seed and of the steps before it.
type step struct {
	N       int
	Kind    string
	Config  config          // apply: the configuration to apply
	Outside []outsideChange // outside: the changes
	Probe   probe           // probe: the trap and the configuration to refuse
	Faults  *faults.Random  // the first command's faults; nil for none
	// Interrupt, when positive, sends SIGINT to the first command as the Interrupt-th write reaches the sandbox.
	Interrupt   int
	Parallelism int // terraform -parallelism
}

func (s step) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "step %d: %s", s.N, s.Kind)
	if s.Faults != nil {
		r := s.Faults
		fmt.Fprintf(&b, ", faults 429 %.2f / 503 %.2f / drop %.2f / lost answer %.2f, latency up to %s",
			r.RateLimited, r.Unavailable, r.DropBefore, r.DropAfter, r.MaxLatency)
	}
	if s.Interrupt > 0 {
		fmt.Fprintf(&b, ", SIGINT at write %d", s.Interrupt)
	}
	if s.Parallelism > 0 {
		fmt.Fprintf(&b, ", -parallelism=%d", s.Parallelism)
	}
	for _, o := range s.Outside {
		fmt.Fprintf(&b, "\n  outside: %s", o)
	}
	if s.Kind == stepProbe {
		fmt.Fprintf(&b, " of the %s rule", s.Probe.Kind)
		for _, o := range s.Probe.Trap {
			fmt.Fprintf(&b, "\n  trap: %s", o)
		}
	}
	return b.String()
}

// Management styles of a group, fixed for the run so that one step never hands a group from one kind of
// resource to the other, which Terraform would apply in no set order.
const (
	styleMembership = "membership" // one authoritative csum_space_group_membership
	styleMembers    = "members"    // csum_space_group_member resources, one per account
)

// generator draws the steps of a run from its seed with a PCG generator. It reads only its own model of
// the site (facts) and the configuration, never the sandbox, so that the same seed draws the same steps.
type generator struct {
	rng    *rand.Rand
	seed   uint64
	u      *universe
	styles map[string]string // group name -> style
	made   int               // space groups named so far
}

// newGenerator draws the management style of every seed group.
func newGenerator(seed uint64, u *universe) *generator {
	g := &generator{rng: rand.New(rand.NewPCG(seed, 0x50a4)), seed: seed, u: u, styles: map[string]string{}}
	for _, sg := range u.seedGroups {
		g.styles[sg.name] = g.pick([]string{styleMembership, styleMembership, styleMembers})
	}
	return g
}

// spaceRoleMode draws the site's mode for a seed: the first draw of its own generator, so that it is
// known before the sandbox starts.
func spaceRoleMode(seed uint64) string {
	modes := []string{confluence.RoleModePreRoles, confluence.RoleModeTransition, confluence.RoleModeRoles}
	return modes[rand.New(rand.NewPCG(seed, 0x30de)).IntN(len(modes))]
}

func (g *generator) pick(options []string) string { return options[g.rng.IntN(len(options))] }

func (g *generator) chance(p float64) bool { return g.rng.Float64() < p }

// next draws step n from the applied configuration and the site.
func (g *generator) next(n int, cur config, f facts) step {
	st := step{N: n}
	r := g.rng.Float64()
	// A probe must meet no pending drift: the apply that walks into its trap would repair that first.
	if r >= 0.82 && r < 0.92 && len(expectedPlan(f, cur, g.u)) == 0 {
		if p, ok := g.probe(cur, f); ok {
			st.Kind, st.Probe = stepProbe, p
			return st
		}
		r = 0 // nothing to probe yet: apply instead
	}
	switch {
	case r < 0.5 || cur.empty():
		st.Kind = stepApply
		st.Config = g.mutate(cur, f)
	case r < 0.7:
		st.Kind = stepOutside
		st.Outside = g.outside(cur, f)
		return st
	case r < 0.82:
		st.Kind = stepPlan
		st.Faults = g.faults(n, true)
		return st
	default:
		st.Kind = stepDestroy
	}
	if g.chance(0.3) {
		st.Parallelism = 1
	}
	if g.chance(0.75) {
		st.Faults = g.faults(n, false)
	}
	next := st.Config
	if st.Kind == stepDestroy {
		next = config{}
	}
	want, _ := expected(f, cur, next, g.u)
	if writes := len(want.diff(f)); writes > 0 && g.chance(0.3) {
		st.Interrupt = 1 + g.rng.IntN(writes)
	}
	return st
}

// finalDestroy is the last step of every run: a destroy, with faults or without.
func (g *generator) finalDestroy(n int) step {
	st := step{N: n, Kind: stepDestroy}
	if g.chance(0.5) {
		st.Faults = g.faults(n, false)
	}
	return st
}

// faults draws the fault shares of one command. Reads met by a fault are retried after Retry-After or a
// backoff of about a second, so the share of reads faulted is what a run's length is made of; writes
// cannot be retried blindly and fail, or are read back, at once.
func (g *generator) faults(n int, readsOnly bool) *faults.Random {
	total := 0.06 + 0.2*g.rng.Float64()
	w := [4]float64{0.5 * g.rng.Float64(), g.rng.Float64(), g.rng.Float64(), 1.5 * g.rng.Float64()}
	if readsOnly {
		w[3] = 0
	}
	sum := w[0] + w[1] + w[2] + w[3]
	r := &faults.Random{Seed: g.seed, Stream: uint64(n), MaxPerRequest: 2,
		RateLimited: total * w[0] / sum, Unavailable: total * w[1] / sum, DropBefore: total * w[2] / sum, DropAfter: total * w[3] / sum}
	if g.chance(0.5) {
		r.MaxLatency = []time.Duration{10 * time.Millisecond, 40 * time.Millisecond, 120 * time.Millisecond}[g.rng.IntN(3)]
	}
	return r
}

// mutate draws a new configuration: one to four changes of the current one.
func (g *generator) mutate(cur config, f facts) config {
	c := cur.clone()
	for range 1 + g.rng.IntN(4) {
		switch g.rng.IntN(9) {
		case 0, 1:
			g.changeSpaceGroups(&c)
		case 2, 3, 4:
			g.changeMemberships(&c, cur, f)
		case 5, 6:
			g.changeMembers(&c, f)
		case 7:
			g.changeDocuments(&c)
		case 8:
			g.changePrivileged(&c)
		}
	}
	return c
}

// changeSpaceGroups adds, removes, changes or replaces (moves to another name) one space group.
func (g *generator) changeSpaceGroups(c *config) {
	switch r := g.rng.IntN(4); {
	case len(c.SpaceGroups) == 0 || (r == 0 && len(c.SpaceGroups) < 5):
		g.made++
		sg := spaceGroup{Space: g.pick(g.u.spaces), Name: fmt.Sprintf("soak-%d", g.made)}
		sg.Addr = sg.group()
		sg.Permissions, sg.Role = g.access()
		g.styles[sg.group()] = g.pick([]string{styleMembership, styleMembers, ""})
		c.SpaceGroups = append(c.SpaceGroups, sg)
	case r == 1:
		i := g.rng.IntN(len(c.SpaceGroups))
		c.dropGroup(c.SpaceGroups[i].group())
	case r == 2:
		i := g.rng.IntN(len(c.SpaceGroups))
		c.SpaceGroups[i].Permissions, c.SpaceGroups[i].Role = g.access()
	default:
		i := g.rng.IntN(len(c.SpaceGroups))
		old := c.SpaceGroups[i]
		g.made++
		moved := spaceGroup{Space: g.pick(g.u.spaces), Name: fmt.Sprintf("soak-%d", g.made), Permissions: old.Permissions, Role: old.Role}
		moved.Addr = moved.group()
		g.styles[moved.group()] = g.styles[old.group()]
		c.moveGroup(old, moved)
	}
}

// access draws a space group's access as the site's mode allows: individual permissions, or a role.
func (g *generator) access() ([]string, string) {
	useRole := g.u.hasRoles() && (!g.u.hasPermissions() || g.chance(0.5))
	if useRole {
		if g.chance(0.15) {
			return nil, ""
		}
		return nil, g.pick([]string{"Admin", "Manager", "Collaborator", "Viewer"})
	}
	if g.chance(0.1) {
		return nil, ""
	}
	perms := []string{"read/space"}
	for _, p := range spacePermissions[1:] {
		if g.chance(0.25) {
			perms = append(perms, p)
		}
	}
	slices.Sort(perms)
	return perms, ""
}

// groupsOfStyle lists the groups a configuration could manage in that style: seed groups, and its own
// space groups.
func (g *generator) groupsOfStyle(c config, style string) []groupRef {
	var refs []groupRef
	for _, sg := range g.u.seedGroups {
		if g.styles[sg.name] == style {
			refs = append(refs, groupRef{Space: sg.space, Group: sg.name})
		}
	}
	for _, sg := range c.SpaceGroups {
		if g.styles[sg.group()] == style {
			refs = append(refs, groupRef{Space: sg.Space, Group: sg.group(), SpaceGroup: sg.Addr})
		}
	}
	return refs
}

// changeMemberships adds, removes or changes one membership. A membership not applied yet only grows: the
// resource refuses to take a group over without listing everyone it has.
func (g *generator) changeMemberships(c *config, cur config, f facts) {
	refs := g.groupsOfStyle(*c, styleMembership)
	if len(refs) == 0 {
		return
	}
	ref := refs[g.rng.IntN(len(refs))]
	i := slices.IndexFunc(c.Memberships, func(m membership) bool { return m.Group == ref.Group })
	switch {
	case i < 0:
		members := activeMembers(f, ref.Group, g.u)
		c.Memberships = append(c.Memberships, membership{Addr: ref.Group, groupRef: ref, Members: g.resize(members, false)})
	case g.chance(0.2):
		c.Memberships = slices.Delete(c.Memberships, i, i+1)
	default:
		_, applied := cur.membershipOf(ref.Group)
		c.Memberships[i].Members = g.resize(c.Memberships[i].Members, applied)
	}
}

// resize draws a new member set from members: some removed (when it may), some added, to a size drawn
// from a spread that is mostly small and sometimes large.
func (g *generator) resize(members []string, remove bool) []string {
	var target int
	switch r := g.rng.Float64(); {
	case r < 0.55:
		target = g.rng.IntN(9)
	case r < 0.9:
		target = 9 + g.rng.IntN(17)
	default:
		target = 26 + g.rng.IntN(20)
	}
	out := slices.Clone(members)
	for remove && len(out) > 0 && (len(out) > target || g.chance(0.2)) {
		i := g.rng.IntN(len(out))
		out = slices.Delete(out, i, i+1)
		if len(out) <= target && g.chance(0.5) {
			break
		}
	}
	for len(out) < target {
		id := g.u.accounts[g.rng.IntN(len(g.u.accounts))]
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// changeMembers adds or removes one csum_space_group_member.
func (g *generator) changeMembers(c *config, f facts) {
	if len(c.Members) > 0 && g.chance(0.4) {
		i := g.rng.IntN(len(c.Members))
		c.Members = slices.Delete(c.Members, i, i+1)
		return
	}
	refs := g.groupsOfStyle(*c, styleMembers)
	if len(refs) == 0 {
		return
	}
	ref := refs[g.rng.IntN(len(refs))]
	account := g.u.accounts[g.rng.IntN(len(g.u.accounts))]
	// An account the group already has would be removed with the resource: the soak adds newcomers only.
	if c.hasMember(ref.Group, account) || f["member "+ref.Group+" "+account] != "" {
		return
	}
	c.Members = append(c.Members, member{Addr: ref.Group + "_" + shortID(account), groupRef: ref, Account: account})
}

// shortID is a short, stable stand-in for an account ID in a resource address.
func shortID(account string) string {
	_, id, _ := strings.Cut(account, ":")
	return strings.ReplaceAll(id, "-", "")[:12]
}

// changeDocuments adds, changes or removes the app's settings or permission schemes.
func (g *generator) changeDocuments(c *config) {
	if g.chance(0.5) {
		switch {
		case c.Settings != nil && g.chance(0.25):
			c.Settings = nil
		default:
			c.Settings = &settings{AuditRetentionDays: int64(1 + g.rng.IntN(3650)), ShowGroupInformation: g.chance(0.5),
				MaxUsersPerAction: int64(1 + g.rng.IntN(1000)), UserSearchEnabled: g.chance(0.7)}
		}
		return
	}
	if c.Schemes != nil && g.chance(0.25) {
		c.Schemes = nil
		return
	}
	s := &schemes{Default: g.operations(), Users: map[string][]string{}, Groups: map[string][]string{}}
	for range g.rng.IntN(3) {
		s.Users[g.u.accounts[g.rng.IntN(len(g.u.accounts))]] = g.operations()
	}
	for range g.rng.IntN(3) {
		s.Groups[g.u.seedGroups[g.rng.IntN(len(g.u.seedGroups))].name] = g.operations()
	}
	c.Schemes = s
}

func (g *generator) operations() []string {
	var ops []string
	for _, op := range csumdoc.Operations {
		if g.chance(0.5) {
			ops = append(ops, op)
		}
	}
	if len(ops) == 0 {
		ops = []string{csumdoc.OpAddMembers}
	}
	return ops
}

// changePrivileged chooses, changes or drops the privileged user, among the site admins.
func (g *generator) changePrivileged(c *config) {
	if c.Privileged != "" && g.chance(0.3) {
		c.Privileged = ""
		return
	}
	c.Privileged = g.pick(g.u.siteAdmins)
}

// outside draws one to three changes made outside Terraform: to what the configuration manages (which
// the next plan must show) and to what it does not (which it must not).
func (g *generator) outside(cur config, f facts) []outsideChange {
	var changes []outsideChange
	f = f.clone()
	for want := 1 + g.rng.IntN(3); len(changes) < want; {
		if o, ok := g.outsideChange(cur, f); ok {
			o.applyTo(f) // later changes of the same step see earlier ones
			changes = append(changes, o)
		}
	}
	return changes
}

func (g *generator) outsideChange(cur config, f facts) (outsideChange, bool) {
	switch g.rng.IntN(10) {
	case 0, 1, 2, 3:
		sg := g.u.seedGroups[g.rng.IntN(len(g.u.seedGroups))]
		group, space := sg.name, sg.space
		if len(cur.SpaceGroups) > 0 && g.chance(0.4) {
			own := cur.SpaceGroups[g.rng.IntN(len(cur.SpaceGroups))]
			group, space = own.group(), own.Space
		}
		if f["group "+group] == "" {
			return outsideChange{}, false // deleted by an earlier change
		}
		members := activeMembers(f, group, g.u)
		if len(members) > 0 && g.chance(0.5) {
			return outsideChange{Kind: outsideRemoveMember, Space: space, Group: group, Account: members[g.rng.IntN(len(members))]}, true
		}
		account := g.u.accounts[g.rng.IntN(len(g.u.accounts))]
		if slices.Contains(members, account) {
			return outsideChange{}, false
		}
		return outsideChange{Kind: outsideAddMember, Space: space, Group: group, Account: account}, true
	case 4, 5:
		if len(cur.SpaceGroups) == 0 {
			return outsideChange{}, false
		}
		sg := cur.SpaceGroups[g.rng.IntN(len(cur.SpaceGroups))]
		if f["group "+sg.group()] == "" {
			return outsideChange{}, false
		}
		return g.outsideAccess(sg, f)
	case 6:
		return outsideChange{Kind: outsideSettings, AuditRetentionDays: int64(1 + g.rng.IntN(3650))}, true
	case 7:
		return outsideChange{Kind: outsideSchemes, DefaultOperations: g.operations()}, true
	case 8:
		if f.privileged() != "" && g.chance(0.3) {
			return outsideChange{Kind: outsideClearPriv}, true
		}
		return outsideChange{Kind: outsidePrivileged, Account: g.pick(g.u.siteAdmins)}, true
	default:
		if len(cur.SpaceGroups) == 0 || !g.chance(0.5) {
			return outsideChange{}, false
		}
		sg := cur.SpaceGroups[g.rng.IntN(len(cur.SpaceGroups))]
		if f["group "+sg.group()] == "" {
			return outsideChange{}, false
		}
		return outsideChange{Kind: outsideDeleteGroup, Space: sg.Space, Group: sg.group()}, true
	}
}

// outsideAccess draws a change of a space group's access, as the site's mode allows.
func (g *generator) outsideAccess(sg spaceGroup, f facts) (outsideChange, bool) {
	perms, role := f.access(sg.Space, sg.group())
	o := outsideChange{Space: sg.Space, Group: sg.group()}
	if g.u.hasPermissions() && (!g.u.hasRoles() || g.chance(0.5)) {
		if len(perms) > 0 && g.chance(0.5) {
			o.Kind, o.Pair = outsideRevoke, perms[g.rng.IntN(len(perms))]
			return o, true
		}
		o.Kind, o.Pair = outsideGrant, "read/space"
		if slices.Contains(perms, "read/space") {
			o.Pair = spacePermissions[1+g.rng.IntN(len(spacePermissions)-1)]
		}
		return o, !slices.Contains(perms, o.Pair)
	}
	if role != "" && g.chance(0.4) {
		o.Kind, o.Role = outsideRemoveRole, role
		return o, true
	}
	o.Kind, o.Role = outsideSetRole, g.pick([]string{"Admin", "Manager", "Collaborator", "Viewer"})
	return o, o.Role != role
}

// dropGroup removes a space group and every resource that names it.
func (c *config) dropGroup(group string) {
	c.SpaceGroups = slices.DeleteFunc(c.SpaceGroups, func(g spaceGroup) bool { return g.group() == group })
	c.Memberships = slices.DeleteFunc(c.Memberships, func(m membership) bool { return m.Group == group })
	c.Members = slices.DeleteFunc(c.Members, func(m member) bool { return m.Group == group })
}

// moveGroup replaces a space group by one of another name, its membership and members following.
func (c *config) moveGroup(old, moved spaceGroup) {
	for i, g := range c.SpaceGroups {
		if g.group() == old.group() {
			c.SpaceGroups[i] = moved
		}
	}
	ref := groupRef{Space: moved.Space, Group: moved.group(), SpaceGroup: moved.Addr}
	for i, m := range c.Memberships {
		if m.Group == old.group() {
			c.Memberships[i].groupRef, c.Memberships[i].Addr = ref, moved.group()
		}
	}
	for i, m := range c.Members {
		if m.Group == old.group() {
			c.Members[i].groupRef, c.Members[i].Addr = ref, moved.group()+"_"+shortID(m.Account)
		}
	}
}
