package spacegroups

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// GroupCreator creates groups and finds them by name.
type GroupCreator interface {
	FindGroupByName(ctx context.Context, name string) (confluence.Group, error)
	CreateGroup(ctx context.Context, name string) (confluence.Group, error)
}

// GroupExistsError says that a group of the name exists already, so creating it would take over a group
// this configuration did not make.
type GroupExistsError struct {
	Name string
	Err  error // the create's own error, when the group appeared in between
}

func (e *GroupExistsError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s; the group %q exists now, made by someone else", e.Err, e.Name)
	}
	return fmt.Sprintf("the group %q already exists", e.Name)
}

func (e *GroupExistsError) Unwrap() error { return e.Err }

// settleDelays are the waits between the reads that look for a group whose create lost its answer. A server
// can carry out a write after the client stopped waiting, and after a read the client sent later: the
// group may show a moment after the first look. About four seconds in all, so that an interrupted apply
// still stops promptly when the create never arrived.
var settleDelays = []time.Duration{0, 250 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second}

// CreateGroup creates the group name. A group of that name found before the write is refused with a
// *GroupExistsError, so that a create whose answer is lost can never mistake another's group for its own.
// When the answer is lost (the connection dropped, or the apply was interrupted while it was on its way),
// it looks for the group by name for a few seconds, with a context that outlives ctx: a group that shows
// is the one it made and is returned, so that state records it rather than leaving it for the next apply
// to refuse as a takeover.
func CreateGroup(ctx context.Context, c GroupCreator, name string) (confluence.Group, error) {
	if _, err := c.FindGroupByName(ctx, name); err == nil {
		return confluence.Group{}, &GroupExistsError{Name: name}
	} else if !httpx.IsNotFound(err) {
		return confluence.Group{}, fmt.Errorf("looking for a group named %q before creating it: %w", name, err)
	}
	g, err := c.CreateGroup(ctx, name)
	if err == nil {
		return g, nil
	}
	readCtx, cancel := Settling(ctx)
	defer cancel()
	var unknown *httpx.OutcomeUnknownError
	if !errors.As(err, &unknown) {
		if _, found := c.FindGroupByName(readCtx, name); found == nil { // made by someone else in between
			return confluence.Group{}, &GroupExistsError{Name: name, Err: err}
		}
		return confluence.Group{}, err
	}
	return awaitGroup(readCtx, c, name, err)
}

// awaitGroup looks for the group name until it shows or settleDelays run out; it returns lost, the write's
// error, when the group never shows, and a failed read's error joined to it.
func awaitGroup(ctx context.Context, c GroupCreator, name string, lost error) (confluence.Group, error) {
	for _, delay := range settleDelays {
		if err := httpx.Sleep(ctx, delay); err != nil {
			return confluence.Group{}, errors.Join(lost, err)
		}
		g, err := c.FindGroupByName(ctx, name)
		if err == nil {
			return g, nil
		}
		if !httpx.IsNotFound(err) {
			return confluence.Group{}, errors.Join(lost, fmt.Errorf("reading whether the group was created: %w", err))
		}
	}
	return confluence.Group{}, fmt.Errorf("%w; the group did not show in %s of looking: it was not created, or not yet", lost, total(settleDelays))
}

func total(delays []time.Duration) time.Duration {
	var sum time.Duration
	for _, d := range delays {
		sum += d
	}
	return sum
}
