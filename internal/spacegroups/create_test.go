package spacegroups

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// lateServer is a fake Confluence whose create may lose its answer and whose group shows to reads only
// from the showAt-th look on (counting every FindGroupByName, the look before the create included).
type lateServer struct {
	existing  bool  // the group exists before the create
	createErr error // what the create answers; nil creates and answers
	created   bool
	showAt    int // the look from which a created group shows (1 = the first)
	lookErr   error
	looks     int
	creates   int
}

func (s *lateServer) FindGroupByName(ctx context.Context, name string) (confluence.Group, error) {
	if err := ctx.Err(); err != nil {
		return confluence.Group{}, err
	}
	s.looks++
	if s.lookErr != nil {
		return confluence.Group{}, s.lookErr
	}
	if s.existing || (s.created && s.looks >= s.showAt) {
		return confluence.Group{ID: "g-1", Name: name}, nil
	}
	return confluence.Group{}, &confluence.NotFoundError{Kind: "group", Key: name}
}

func (s *lateServer) CreateGroup(_ context.Context, name string) (confluence.Group, error) {
	s.creates++
	s.created = true
	if s.createErr != nil {
		return confluence.Group{}, s.createErr
	}
	return confluence.Group{ID: "g-1", Name: name}, nil
}

func quickSettle(t *testing.T) {
	t.Helper()
	saved := settleDelays
	settleDelays = []time.Duration{0, time.Millisecond, time.Millisecond, time.Millisecond}
	t.Cleanup(func() { settleDelays = saved })
}

var errLost = &httpx.OutcomeUnknownError{Method: "POST", Path: "/wiki/rest/api/group", Err: context.Canceled}

func TestCreateGroupRefusesAnExistingGroupBeforeWriting(t *testing.T) {
	s := &lateServer{existing: true}
	_, err := CreateGroup(context.Background(), s, "eng-writers")
	var exists *GroupExistsError
	if !errors.As(err, &exists) || exists.Name != "eng-writers" {
		t.Fatalf("err = %v, want a GroupExistsError", err)
	}
	if s.creates != 0 {
		t.Fatalf("the create was sent %d times for a group that exists", s.creates)
	}
}

func TestCreateGroupFindsAGroupThatShowsLateAfterALostAnswer(t *testing.T) {
	quickSettle(t)
	s := &lateServer{createErr: errLost, showAt: 4}
	g, err := CreateGroup(context.Background(), s, "eng-writers")
	if err != nil || g.ID != "g-1" {
		t.Fatalf("CreateGroup = %+v, %v; want the group that showed on the third look after the create", g, err)
	}
	if s.looks != 4 || s.creates != 1 {
		t.Fatalf("looks = %d, creates = %d; want 4 looks and 1 create", s.looks, s.creates)
	}
}

func TestCreateGroupLooksOnAfterTheApplyIsInterrupted(t *testing.T) {
	quickSettle(t)
	ctx, cancel := context.WithCancel(context.Background())
	s := &lateServer{showAt: 3, createErr: errLost}
	interrupting := &interruptOnCreate{lateServer: s, cancel: cancel}
	g, err := CreateGroup(ctx, interrupting, "eng-writers")
	if err != nil || g.ID != "g-1" {
		t.Fatalf("CreateGroup = %+v, %v; want the group, found after the interrupt", g, err)
	}
}

// interruptOnCreate ends the apply's context as the create is sent.
type interruptOnCreate struct {
	*lateServer
	cancel context.CancelFunc
}

func (s *interruptOnCreate) CreateGroup(ctx context.Context, name string) (confluence.Group, error) {
	s.cancel()
	return s.lateServer.CreateGroup(ctx, name)
}

func TestCreateGroupReportsALostCreateThatNeverShows(t *testing.T) {
	quickSettle(t)
	s := &lateServer{createErr: errLost, showAt: 1000}
	_, err := CreateGroup(context.Background(), s, "eng-writers")
	var unknown *httpx.OutcomeUnknownError
	if !errors.As(err, &unknown) || !strings.Contains(err.Error(), "was not created, or not yet") {
		t.Fatalf("err = %v, want the lost answer and that the group was not created", err)
	}
	if want := 1 + len(settleDelays); s.looks != want {
		t.Fatalf("looks = %d, want %d (one before the create, then one per delay)", s.looks, want)
	}
}

func TestCreateGroupNamesAGroupMadeByAnotherInBetween(t *testing.T) {
	taken := &httpx.APIError{Status: 400, Message: "group exists"}
	s := &lateServer{createErr: taken, showAt: 2}
	_, err := CreateGroup(context.Background(), s, "eng-writers")
	var exists *GroupExistsError
	if !errors.As(err, &exists) || !errors.Is(err, taken) {
		t.Fatalf("err = %v, want a GroupExistsError wrapping the create's answer", err)
	}
}

func TestCreateGroupStopsWhenTheFirstLookFails(t *testing.T) {
	broken := errors.New("connection refused")
	s := &lateServer{lookErr: broken}
	_, err := CreateGroup(context.Background(), s, "eng-writers")
	if !errors.Is(err, broken) || s.creates != 0 {
		t.Fatalf("err = %v, creates = %d; want the read's error and no create", err, s.creates)
	}
}
