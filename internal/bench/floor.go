package bench

import (
	"fmt"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/spacegroups"
)

// A floor is the least wall time any provider built on terraform-plugin-framework could take for a step:
// what the do-nothing framework provider (package keeper) took for the same map in the same run, plus the
// round trips the step must wait for Confluence with the provider's bounds on requests in flight. Set beside
// a target, it says whether the target leaves the provider anything to do.
type floor struct {
	framework time.Duration
	waits     int // round trips of latency
}

func (f floor) wall() time.Duration { return f.framework + time.Duration(f.waits)*latency }

// describe says what the floor is made of and what it is as a multiple of reference.
func (f floor) describe(what string, reference time.Duration) string {
	return fmt.Sprintf("that provider's time plus the %d round trips of %s %s is %s, %.1fx", f.waits, formatDuration(latency),
		what, formatDuration(f.wall()), f.wall().Seconds()/reference.Seconds())
}

// pageWaits is how many round trips reading a group's members waits: the first page alone, as it tells how
// many there are, then the rest confluence.MemberPageRequests at a time.
func pageWaits(members int) int {
	return 1 + ceilDiv(memberPages(members)-1, confluence.MemberPageRequests)
}

// memberPages is how many pages of 200, the most Confluence sends at once, hold a group's members.
func memberPages(members int) int { return ceilDiv(members, 200) }

// addWaits is how many round trips adding members waits, spacegroups.MemberWorkers at a time.
func addWaits(adds int) int { return ceilDiv(adds, spacegroups.MemberWorkers) }

func ceilDiv(a, b int) int { return (a + b - 1) / b }
