package confluence_test

import (
	"context"
	"testing"

	"golang.org/x/time/rate"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
)

func adminClient(t *testing.T, srv *sandbox.Server, maxRetries int, limiter *rate.Limiter) *confluence.Client {
	t.Helper()
	creds := srv.Credentials()
	return newClient(t, srv, creds.Email, creds.APIToken, maxRetries, limiter)
}

func newClient(t *testing.T, srv *sandbox.Server, email, token string, maxRetries int, limiter *rate.Limiter) *confluence.Client {
	t.Helper()
	c, err := confluence.New(confluence.Config{SiteURL: srv.URL(), Email: email, APIToken: token,
		Common: httpx.Common{MaxRetries: maxRetries, Limiter: limiter, UserAgent: "client-test"}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// warmUp sends one harmless request, so that an every-2nd fault schedule hits the next one.
func warmUp(t *testing.T, c *confluence.Client) {
	t.Helper()
	if _, err := c.SpaceByKey(context.Background(), "ENG"); err != nil {
		t.Fatalf("warm-up request: %v", err)
	}
}
