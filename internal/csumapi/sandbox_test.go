package csumapi_test

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/contracttest"
	"github.com/csum-tools/terraform-provider-csum/internal/csumapi"
	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/faults"
)

// These tests run the client against the app half of the real sandbox and read its request counts.

const (
	settingsRoute = "/csum-admin/v1/settings"
	readOnlyKey   = "write-revoked-key"
)

func newClient(t *testing.T, srv *sandbox.Server, key string, maxRetries int) *csumapi.Client {
	t.Helper()
	c, err := csumapi.New(csumapi.Config{AppURL: srv.AppURL(), APIKey: key, Common: httpx.Common{MaxRetries: maxRetries,
		// Without keep-alive net/http never replays a dropped request itself: only the client's retry can.
		HTTPClient: &http.Client{Transport: contracttest.Transport(t, srv.AppURL(), &http.Transport{DisableKeepAlives: true})}}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSandboxReadIsRetriedAfterEachFault(t *testing.T) {
	for _, tt := range acctest.ReadFaults() {
		t.Run(tt.Name, func(t *testing.T) {
			t.Parallel()
			srv := acctest.StartSandbox(t, acctest.WithFaults(tt.Config)).Sandbox
			c := newClient(t, srv, srv.AppAPIKey(), 3)
			if _, _, err := c.GetPermissionSchemes(context.Background()); err != nil {
				t.Fatal(err)
			}
			doc, rev, err := c.GetSettings(context.Background())
			if err != nil || rev < 1 || doc.GroupSettings.SpaceGroupPattern.Prefix == "" {
				t.Fatalf("GetSettings = %+v, %d, %v; want the document after one retry", doc, rev, err)
			}
			counts := srv.Faults().Counts()
			if counts["GET "+settingsRoute+tt.CountSuffix] != 1 || counts["GET "+settingsRoute] != 1 {
				t.Errorf("counts = %v; want one faulted and one served attempt", counts)
			}
		})
	}
}

func TestSandboxMaxRetriesAndCancellation(t *testing.T) {
	t.Run("max_retries", func(t *testing.T) {
		t.Parallel()
		srv := acctest.StartSandbox(t, acctest.WithFaults(faults.Config{UnavailableEvery: 1})).Sandbox
		c := newClient(t, srv, srv.AppAPIKey(), 1)
		if _, _, err := c.GetSettings(context.Background()); !httpx.IsStatus(err, 503) {
			t.Fatalf("got %v, want the last 503", err)
		}
		if n := srv.Faults().Counts()["GET "+settingsRoute+faults.SuffixUnavailable]; n != 2 {
			t.Errorf("%d attempts, want 2", n)
		}
	})
	t.Run("cancelling a slow read", func(t *testing.T) {
		t.Parallel()
		srv := acctest.StartSandbox(t, acctest.WithFaults(faults.Config{Latency: 5 * time.Minute})).Sandbox
		c := newClient(t, srv, srv.AppAPIKey(), 5)
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		result := make(chan error, 1)
		go func() { _, _, err := c.GetSettings(ctx); result <- err }()
		select {
		case err := <-result:
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("got %v, want the context's error", err)
			}
		case <-time.After(30 * time.Second): // only catches a client that keeps waiting for the server
			t.Fatal("the read kept waiting after its context ended")
		}
	})
}

func TestSandboxLostWriteIsNeverRepeated(t *testing.T) {
	env := acctest.StartSandbox(t)
	srv := env.Sandbox
	c := newClient(t, srv, srv.AppAPIKey(), 5)
	ctx := context.Background()
	doc, rev, err := c.GetSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	srv.Faults().Set(faults.Config{DropEvery: 1, DropWrites: true})

	doc.GeneralSettings.AuditRetentionDays = 30
	_, _, err = c.PutSettings(ctx, doc, rev)
	var unknown *httpx.OutcomeUnknownError
	if !errors.As(err, &unknown) {
		t.Fatalf("got %v, want *httpx.OutcomeUnknownError", err)
	}
	if counts := srv.Faults().Counts(); counts["PUT "+settingsRoute] != 1 || counts["PUT "+settingsRoute+faults.SuffixDropped] != 1 {
		t.Errorf("counts = %v; want exactly one attempt", counts)
	}
	// Re-reading tells what happened: the sandbox applied it.
	stored, newRev, err := c.GetSettings(ctx)
	if err != nil || newRev != rev+1 || stored.GeneralSettings.AuditRetentionDays != 30 {
		t.Errorf("re-read = revision %d (was %d), retention %d, %v", newRev, rev, stored.GeneralSettings.AuditRetentionDays, err)
	}

	automation := env.AccountID(t, "automation@example.com")
	if _, err := c.PutPrivilegedUser(ctx, automation); !errors.As(err, &unknown) {
		t.Fatalf("PutPrivilegedUser = %v, want an outcome-unknown error", err)
	}
	if n := srv.Faults().Counts()["PUT /csum-admin/v1/privileged-user"]; n != 1 {
		t.Errorf("privileged user PUT sent %d times", n)
	}
	if u, err := c.GetPrivilegedUser(ctx); err != nil || u.AccountID == nil || *u.AccountID != automation {
		t.Errorf("re-read privileged user = %+v, %v", u, err)
	}
}

func TestSandboxWriteIsRetriedOn429Only(t *testing.T) {
	for _, tt := range []struct {
		name    string
		Config  faults.Config
		applied bool
	}{
		{"429: refused unapplied, sent again", faults.Config{RateLimitEvery: 2}, true},
		{"503: not repeated", faults.Config{UnavailableEvery: 2}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := acctest.StartSandbox(t).Sandbox
			c := newClient(t, srv, srv.AppAPIKey(), 3)
			doc, rev, err := c.GetSettings(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			srv.Faults().Set(tt.Config)
			if _, _, err := c.GetPermissionSchemes(context.Background()); err != nil { // request 1; the PUT is request 2
				t.Fatal(err)
			}
			doc.GroupSettings.MaxUsersPerAction = 7
			_, newRev, err := c.PutSettings(context.Background(), doc, rev)
			if tt.applied && (err != nil || newRev != rev+1) {
				t.Errorf("PutSettings = revision %d, %v; want applied once at %d", newRev, err, rev+1)
			}
			if !tt.applied && !httpx.IsStatus(err, 503) {
				t.Errorf("PutSettings = %v, want the 503", err)
			}
			attempts := int64(0)
			for key, n := range srv.Faults().Counts() {
				if strings.HasPrefix(key, "PUT "+settingsRoute) {
					attempts += n
				}
			}
			if want := map[bool]int64{true: 2, false: 1}[tt.applied]; attempts != want {
				t.Errorf("PUT sent %d times, want %d", attempts, want)
			}
		})
	}
}

// TestSandboxAppErrorsBecomeAPIErrors checks that every error of the app's envelope reaches the caller as
// an *httpx.APIError with the request, the status, the app's code and message and every detail.
func TestSandboxAppErrorsBecomeAPIErrors(t *testing.T) {
	seed := sandbox.DemoSeed()
	seed.App.WriteRevokedKey = readOnlyKey
	env := acctest.StartSandbox(t, acctest.WithSeed(seed))
	srv := env.Sandbox
	c := newClient(t, srv, srv.AppAPIKey(), 0)
	readOnly := newClient(t, srv, readOnlyKey, 0)
	ctx := context.Background()
	doc, rev, err := c.GetSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.PutSettings(ctx, doc, rev); err != nil { // moves the revision on
		t.Fatal(err)
	}
	invalid := csumdoc.DefaultSettings()
	invalid.GroupSettings.SpaceGroupPattern = csumdoc.Pattern{Prefix: "team-"}
	invalid.GroupSettings.MaxUsersPerAction = 0
	invalid.UserSettings.AutoJoinGroupIDs = []string{"00000000-0000-4000-8000-000000000000"}

	tests := []struct {
		name        string
		faults      faults.Config
		call        func() error
		status      int
		code        string
		request     string
		detailPaths []string
	}{
		{name: "412 on a stale revision", call: func() error { _, _, err := c.PutSettings(ctx, doc, rev); return err },
			status: 412, code: "PRECONDITION_FAILED", request: "PUT /csum-admin/v1/settings"},
		{name: "422 listing every problem", call: func() error { _, _, err := c.PutSettings(ctx, invalid, 0); return err },
			status: 422, code: "VALIDATION_FAILED", request: "PUT /csum-admin/v1/settings",
			detailPaths: []string{"/groupSettings/maxUsersPerAction", "/groupSettings/spaceGroupPattern", "/userSettings/autoJoinGroupIds/0"}},
		{name: "422 for an unfit privileged user", call: func() error {
			_, err := c.PutPrivilegedUser(ctx, env.AccountID(t, acctest.ViewerEmail))
			return err
		}, status: 422, code: "PRIVILEGED_USER_INVALID", request: "PUT /csum-admin/v1/privileged-user", detailPaths: []string{"/accountId"}},
		{name: "404 unknown space", call: func() error { _, err := c.SpaceGroups(ctx, "NOPE"); return err },
			status: 404, code: "NOT_FOUND", request: "GET /csum-admin/v1/spaces/NOPE/groups"},
		{name: "403 key revoked for writes", call: func() error { _, _, err := readOnly.ResetSettings(ctx, 0); return err },
			status: 403, code: "FORBIDDEN", request: "DELETE /csum-admin/v1/settings"},
		{name: "503 fault body", faults: faults.Config{UnavailableEvery: 1}, call: func() error { _, _, err := c.GetPermissionSchemes(ctx); return err },
			status: 503, code: "UNAVAILABLE", request: "GET /csum-admin/v1/permission-schemes"},
		// Last: its Retry-After holds the client.
		{name: "429 fault body", faults: faults.Config{RateLimitEvery: 1}, call: func() error { _, _, err := c.GetSettings(ctx); return err },
			status: 429, code: "RATE_LIMITED", request: "GET /csum-admin/v1/settings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.Faults().Set(tt.faults)
			defer srv.Faults().Set(faults.Config{})
			err := tt.call()
			var apiErr *httpx.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("got %v (%T), want an *httpx.APIError", err, err)
			}
			method, path, _ := strings.Cut(tt.request, " ")
			if apiErr.Status != tt.status || apiErr.Code != tt.code || apiErr.Message == "" || apiErr.Method != method || apiErr.Path != path {
				t.Errorf("APIError = %+v; want status %d, code %s, a message, request %s", *apiErr, tt.status, tt.code, tt.request)
			}
			var paths []string
			for _, d := range apiErr.Details {
				paths = append(paths, d.Path)
				if !strings.Contains(err.Error(), d.Path+": "+d.Message) {
					t.Errorf("error text lacks detail %s: %s", d.Path, err)
				}
			}
			slices.Sort(paths)
			if tt.detailPaths != nil && !slices.Equal(paths, tt.detailPaths) {
				t.Errorf("detail paths %v, want %v", paths, tt.detailPaths)
			}
			if !strings.Contains(err.Error(), tt.request+": ") || !strings.Contains(err.Error(), apiErr.Message) {
				t.Errorf("error text %q does not name the request and the message", err)
			}
			if tt.status == 412 && !errors.Is(err, csumapi.ErrConflict) {
				t.Errorf("a 412 is not a conflict: %v", err)
			}
			if strings.Contains(err.Error(), srv.AppAPIKey()) || strings.Contains(err.Error(), readOnlyKey) {
				t.Error("an API key is in the error text")
			}
		})
	}
}

// TestSandboxWrongKeyIsOneRequest: a wrong key is answered 401 once, not retried, readable, and never shown.
func TestSandboxWrongKeyIsOneRequest(t *testing.T) {
	srv := acctest.StartSandbox(t).Sandbox
	const wrong = "wrong-admin-key-value"
	c := newClient(t, srv, wrong, 5)
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	_, _, err := c.GetSettings(ctx)
	if !httpx.IsStatus(err, 401) || !strings.Contains(err.Error(), "GET "+settingsRoute+": 401 Unauthorized: missing or invalid API key") {
		t.Fatalf("got %v, want one readable 401", err)
	}
	if want := map[string]int64{"GET " + settingsRoute: 1}; !maps.Equal(srv.Faults().Counts(), want) {
		t.Errorf("requests = %v, want %v", srv.Faults().Counts(), want)
	}
	if strings.Contains(err.Error()+logs.String(), wrong) {
		t.Error("the key leaked into the error or the logs")
	}
}
