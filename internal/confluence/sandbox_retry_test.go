package confluence_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/csumapi"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
	sandboxconfluence "github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// These tests run the client against the real sandbox, with its fault injector playing Confluence under
// load, and read the sandbox's request counts to see exactly what went over the wire.

func TestSandboxReadIsRetriedAfterEachFault(t *testing.T) {
	for _, tt := range acctest.ReadFaults() {
		t.Run(tt.Name, func(t *testing.T) {
			t.Parallel()
			env := acctest.StartSandbox(t)
			srv := env.Sandbox
			// Without keep-alive every attempt has a fresh connection, which net/http never replays by
			// itself: a dropped answer can only be recovered by the client's own retry.
			creds := srv.Credentials()
			c, err := confluence.New(confluence.Config{SiteURL: srv.URL(), Email: creds.Email, APIToken: creds.APIToken,
				Common: httpx.Common{MaxRetries: 3, HTTPClient: &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}}})
			if err != nil {
				t.Fatal(err)
			}
			id := env.GroupID(t, "eng-writers")
			warmUp(t, c)
			srv.Faults().Set(tt.Config)
			warmUp(t, c)

			g, err := c.GetGroup(context.Background(), id)
			if err != nil || g.Name != "eng-writers" {
				t.Fatalf("GetGroup = %+v, %v; want the group after one retry", g, err)
			}
			counts := srv.Faults().Counts()
			const route = "GET /wiki/rest/api/group/by-id"
			if counts[route+tt.CountSuffix] != 1 || counts[route] != 1 {
				t.Errorf("counts = %v; want one faulted and one served attempt", counts)
			}
		})
	}
}

func TestSandboxRetryAfterIsHonoured(t *testing.T) {
	for _, cfg := range []faults.Config{
		{RateLimitEvery: 2, RetryAfter: 2 * time.Second},
		{UnavailableEvery: 2, RetryAfter: 2 * time.Second},
	} {
		t.Run(fmt.Sprintf("the retry after a %d waits Retry-After, not the shorter backoff", map[bool]int{true: 429, false: 503}[cfg.RateLimitEvery > 0]), func(t *testing.T) {
			t.Parallel()
			srv := acctest.StartSandbox(t).Sandbox
			c := adminClient(t, srv, 2, nil)
			srv.Faults().Set(cfg)
			warmUp(t, c)
			started := time.Now()
			if _, err := c.ListGroups(context.Background()); err != nil {
				t.Fatal(err)
			}
			// A lower bound, so never flaky: the first exponential step would be at most 1.3s.
			if waited := time.Since(started); waited < 2*time.Second {
				t.Errorf("retried after %v, before the server's Retry-After of 2s", waited)
			}
		})
	}
	t.Run("a long Retry-After holds every request of the client", func(t *testing.T) {
		t.Parallel()
		srv := acctest.StartSandbox(t).Sandbox
		c := adminClient(t, srv, 0, nil)
		srv.Faults().Set(faults.Config{RateLimitEvery: 1, RetryAfter: 2 * time.Minute})
		_, err := c.ListGroups(context.Background())
		var apiErr *httpx.APIError
		if !errors.As(err, &apiErr) || apiErr.Status != 429 || apiErr.RetryAfter != 2*time.Minute {
			t.Fatalf("got %v, want a 429 carrying Retry-After 2m0s", err)
		}
		srv.Faults().Set(faults.Config{}) // the server would answer now; the client must still wait
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		if _, err := c.SpaceByKey(ctx, "ENG"); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("got %v, want the request held back until its context ended", err)
		}
		if n := srv.Faults().Counts()["GET /wiki/api/v2/spaces"]; n != 0 {
			t.Errorf("a held request reached the server %d times", n)
		}
	})
}

func TestSandboxLostWriteIsNeverRepeated(t *testing.T) {
	env := acctest.StartSandbox(t, acctest.WithSpaceRoleMode(sandboxconfluence.RoleModePreRoles)) // classic permission writes
	srv := env.Sandbox
	c := adminClient(t, srv, 5, nil)
	ctx := context.Background()
	oncall := env.GroupID(t, "ops-oncall")
	vera := env.AccountID(t, acctest.ViewerEmail)
	// Every write is applied and then its connection closed without an answer; reads pass.
	srv.Faults().Set(faults.Config{DropEvery: 1, DropWrites: true})

	tests := []struct {
		name  string
		route string
		write func() error
		check func() (bool, error) // re-read: did the write take effect?
	}{
		{"add member", "POST /wiki/rest/api/group/userByGroupId",
			func() error { return c.AddMember(ctx, oncall, vera) },
			func() (bool, error) { return c.IsMember(ctx, oncall, vera) }},
		{"remove member", "DELETE /wiki/rest/api/group/userByGroupId",
			func() error { return c.RemoveMember(ctx, oncall, vera) },
			func() (bool, error) { in, err := c.IsMember(ctx, oncall, vera); return !in, err }},
		{"create group", "POST /wiki/rest/api/group",
			func() error { _, err := c.CreateGroup(ctx, "lost-answer"); return err },
			func() (bool, error) { _, err := c.FindGroupByName(ctx, "lost-answer"); return err == nil, err }},
		{"add space permission", "POST /wiki/rest/api/space/{spaceKey}/permission",
			func() error {
				_, err := c.AddSpacePermission(ctx, "OPS", confluence.SubjectGroup, oncall, "export", "space")
				return err
			},
			func() (bool, error) {
				return slices.ContainsFunc(srv.Store().SpacePermissions("OPS"), func(p sandboxconfluence.SpacePermission) bool {
					return p.SubjectType == confluence.SubjectGroup && p.SubjectID == oncall && p.Operation == "export" && p.Target == "space"
				}), nil
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.write()
			var unknown *httpx.OutcomeUnknownError
			if !errors.As(err, &unknown) {
				t.Fatalf("got %v, want *httpx.OutcomeUnknownError", err)
			}
			counts := srv.Faults().Counts()
			if counts[tt.route] != 1 || counts[tt.route+faults.SuffixDropped] != 1 {
				t.Errorf("counts[%s] = %d (dropped %d); want exactly one attempt", tt.route, counts[tt.route], counts[tt.route+faults.SuffixDropped])
			}
			applied, err := tt.check()
			if err != nil || !applied {
				t.Errorf("re-read after the lost answer: applied=%v, %v; the sandbox applied it", applied, err)
			}
		})
	}
}

func TestSandboxWriteIsRetriedOn429Only(t *testing.T) {
	t.Run("429: the write was refused unapplied, so it is sent again", func(t *testing.T) {
		t.Parallel()
		srv := acctest.StartSandbox(t).Sandbox
		c := adminClient(t, srv, 3, nil)
		srv.Faults().Set(faults.Config{RateLimitEvery: 2})
		warmUp(t, c)
		if _, err := c.CreateGroup(context.Background(), "after-429"); err != nil {
			t.Fatal(err)
		}
		counts := srv.Faults().Counts()
		if counts["POST /wiki/rest/api/group"+faults.SuffixRateLimited] != 1 || counts["POST /wiki/rest/api/group"] != 1 {
			t.Errorf("counts = %v", counts)
		}
	})
	t.Run("503: the write may have been applied, so it is not repeated", func(t *testing.T) {
		t.Parallel()
		srv := acctest.StartSandbox(t).Sandbox
		c := adminClient(t, srv, 3, nil)
		srv.Faults().Set(faults.Config{UnavailableEvery: 2})
		warmUp(t, c)
		_, err := c.CreateGroup(context.Background(), "after-503")
		if !httpx.IsStatus(err, 503) {
			t.Fatalf("got %v, want the 503", err)
		}
		if n := srv.Faults().Counts()["POST /wiki/rest/api/group"+faults.SuffixUnavailable]; n != 1 {
			t.Errorf("the write was sent %d times", n)
		}
	})
}

func TestSandboxMaxRetriesIsRespected(t *testing.T) {
	for _, maxRetries := range []int{0, 2} {
		t.Run(fmt.Sprintf("max_retries=%d", maxRetries), func(t *testing.T) {
			t.Parallel()
			srv := acctest.StartSandbox(t, acctest.WithFaults(faults.Config{UnavailableEvery: 1})).Sandbox
			c := adminClient(t, srv, maxRetries, nil)
			if _, err := c.SpaceByKey(context.Background(), "ENG"); !httpx.IsStatus(err, 503) {
				t.Fatalf("got %v, want the last 503", err)
			}
			if n := srv.Faults().Counts()["GET /wiki/api/v2/spaces"+faults.SuffixUnavailable]; n != int64(maxRetries+1) {
				t.Errorf("%d attempts, want %d", n, maxRetries+1)
			}
		})
	}
}

func TestSandboxPacingIsSharedAcrossClients(t *testing.T) {
	// The sandbox limits at 5 requests per second (bursts of 5). Twelve concurrent requests from a
	// Confluence client and an app client sharing one 5-per-second limiter are never refused; without the
	// limiter the same burst is.
	const requests = 12
	burst := func(t *testing.T, limiter *rate.Limiter) (refused int) {
		srv := acctest.StartSandbox(t, acctest.WithFaults(faults.Config{RateLimitRPS: 5})).Sandbox
		site := adminClient(t, srv, 0, limiter)
		app, err := csumapi.New(csumapi.Config{AppURL: srv.AppURL(), APIKey: srv.AppAPIKey(), Common: httpx.Common{Limiter: limiter}})
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, requests)
		for i := range requests {
			wg.Go(func() {
				if i%2 == 0 {
					_, err := site.SpaceByKey(context.Background(), "ENG")
					errs <- err
				} else {
					_, _, err := app.GetSettings(context.Background())
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if httpx.IsStatus(err, 429) {
				refused++
			} else if err != nil {
				t.Errorf("unexpected error: %v", err)
			}
		}
		return refused
	}
	t.Run("paced", func(t *testing.T) {
		if refused := burst(t, rate.NewLimiter(5, 1)); refused != 0 {
			t.Errorf("%d of %d paced requests were rate limited", refused, requests)
		}
	})
	t.Run("unpaced control", func(t *testing.T) {
		if refused := burst(t, nil); refused == 0 {
			t.Error("an unpaced burst was never rate limited: the paced case proves nothing")
		}
	})
}

func TestSandboxCancellationStopsPromptly(t *testing.T) {
	// The bound only catches a client that keeps waiting: the server would make it wait minutes.
	const hang = 30 * time.Second
	await := func(t *testing.T, run func(context.Context) error, cancelWhen func() bool) error {
		t.Helper()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		result := make(chan error, 1)
		go func() { result <- run(ctx) }()
		for !cancelWhen() {
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
		select {
		case err := <-result:
			return err
		case <-time.After(hang):
			t.Fatal("the call kept going after its context was cancelled")
			return nil
		}
	}
	t.Run("a read waiting for a slow answer", func(t *testing.T) {
		t.Parallel()
		srv := acctest.StartSandbox(t, acctest.WithFaults(faults.Config{Latency: 5 * time.Minute})).Sandbox
		c := adminClient(t, srv, 5, nil)
		started := time.Now()
		err := await(t, func(ctx context.Context) error { _, err := c.ListGroups(ctx); return err },
			func() bool { return time.Since(started) > 100*time.Millisecond })
		if !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want context.Canceled", err)
		}
	})
	t.Run("a read waiting out Retry-After", func(t *testing.T) {
		t.Parallel()
		srv := acctest.StartSandbox(t, acctest.WithFaults(faults.Config{RateLimitEvery: 1, RetryAfter: 2 * time.Minute})).Sandbox
		c := adminClient(t, srv, 5, nil)
		const limited = "GET /wiki/rest/api/group" + faults.SuffixRateLimited
		err := await(t, func(ctx context.Context) error { _, err := c.ListGroups(ctx); return err },
			func() bool { return srv.Faults().Counts()[limited] == 1 })
		if !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want context.Canceled", err)
		}
		if n := srv.Faults().Counts()[limited]; n != 1 {
			t.Errorf("%d attempts after cancelling, want 1", n)
		}
	})
	t.Run("a write in flight has an unknown outcome", func(t *testing.T) {
		t.Parallel()
		srv := acctest.StartSandbox(t, acctest.WithFaults(faults.Config{Latency: 5 * time.Minute})).Sandbox
		c := adminClient(t, srv, 5, nil)
		started := time.Now()
		err := await(t, func(ctx context.Context) error { _, err := c.CreateGroup(ctx, "cancelled"); return err },
			func() bool { return time.Since(started) > 100*time.Millisecond })
		var unknown *httpx.OutcomeUnknownError
		if !errors.As(err, &unknown) || !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want an outcome-unknown error caused by the cancellation", err)
		}
	})
}
