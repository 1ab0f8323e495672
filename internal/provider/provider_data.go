package provider

import (
	"context"
	"fmt"

	"golang.org/x/time/rate"

	"github.com/csum-tools/terraform-provider-csum/internal/adminapi"
	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/csumapi"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
	"github.com/csum-tools/terraform-provider-csum/internal/spacegroups"
)

// appAPI is the CSUM Admin API client as the provider data holds it: what its resources and the space-group
// domain use, each through its own narrow interface.
type appAPI interface {
	settingsAPI
	permissionSchemesAPI
	privilegedUserAPI
	spacegroups.App
}

// providerData is what every resource and data source of one provider configuration shares: the clients,
// one pacing limiter across them, and the per-run bookkeeping.
type providerData struct {
	confluence *confluence.Client // nil without site credentials
	app        appAPI             // nil without app credentials
	admin      *adminapi.Client   // nil without org_id and admin_api_key
	site       *spacegroups.Site  // the space-group domain over both, with its per-run lookups
	singletons *singletonClaims
	setupError string // why a client could not be built, reported when a resource needs it
}

func newProviderData(s settings, version string) *providerData {
	d := &providerData{singletons: &singletonClaims{}}
	var limiter *rate.Limiter
	if s.RequestsPerSecond > 0 {
		limiter = rate.NewLimiter(rate.Limit(s.RequestsPerSecond), 1)
	}
	common := httpx.Common{MaxRetries: s.MaxRetries, Limiter: limiter, UserAgent: "terraform-provider-csum/" + version}
	if s.SiteURL != "" && s.Email != "" && s.APIToken != "" {
		c, err := confluence.New(confluence.Config{SiteURL: s.SiteURL, Email: s.Email, APIToken: s.APIToken, Common: common})
		if err != nil {
			d.setupError = err.Error()
		} else {
			d.confluence = c
		}
	}
	if s.AppURL != "" && s.AppAPIKey != "" {
		c, err := csumapi.New(csumapi.Config{AppURL: s.AppURL, APIKey: s.AppAPIKey, Common: common})
		if err != nil {
			d.setupError = err.Error()
		} else {
			d.app = c
		}
	}
	if s.OrgID != "" && s.AdminAPIKey != "" {
		c, err := adminapi.New(adminapi.Config{BaseURL: s.AdminAPIURL, OrgID: s.OrgID, APIKey: s.AdminAPIKey, Common: common})
		if err != nil {
			d.setupError = err.Error()
		} else {
			d.admin = c
		}
	}
	var site spacegroups.Confluence // a nil client must stay a nil interface
	if d.confluence != nil {
		site = d.confluence
	}
	d.site = spacegroups.NewSite(site, d.app, s.Protected)
	return d
}

// configuredData returns the provider's data, or nil before the provider is configured (Terraform asks
// resources for their schema and validation before that).
func configuredData(v any, diags *diagnostics) *providerData {
	if v == nil {
		return nil
	}
	d, ok := v.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("expected *providerData, got %T; this is a bug in the provider", v))
		return nil
	}
	return d
}

func (d *providerData) appClient(diags *diagnostics) appAPI {
	if d == nil || d.app == nil {
		diags.AddError("The CSUM Admin API is not configured",
			"This resource talks to the CSUM app: set app_url and app_api_key in the provider block, or the CSUM_APP_URL and "+
				"CSUM_APP_API_KEY environment variables. A System Admin creates the key on the CSUM configuration page."+d.suffix())
		return nil
	}
	return d.app
}

func (d *providerData) confluenceClient(diags *diagnostics) *confluence.Client {
	if d == nil || d.confluence == nil {
		diags.AddError("Confluence is not configured",
			"This needs the Confluence Cloud API: set site_url, email and api_token in the provider block, or the "+
				"CSUM_SITE_URL, CSUM_EMAIL and CSUM_API_TOKEN environment variables."+d.suffix())
		return nil
	}
	return d.confluence
}

func (d *providerData) adminClient(diags *diagnostics) orgUsersAPI {
	if d == nil || d.admin == nil {
		diags.AddError("The Atlassian Admin API is not configured",
			"This reads the organization's users from the Atlassian organization Admin API: set org_id and admin_api_key "+
				"in the provider block, or the CSUM_ORG_ID and CSUM_ADMIN_API_KEY environment variables. An organization "+
				"admin creates the key in admin.atlassian.com, Settings, API keys."+d.suffix())
		return nil
	}
	return d.admin
}

func (d *providerData) suffix() string {
	if d == nil || d.setupError == "" {
		return ""
	}
	return " (" + d.setupError + ")"
}

// configured says whether a resource holds the client it took in Configure. Without one, report (the
// provider data's appClient or confluenceClient) says why: no credentials, or a client that could not be
// built. The resource then stops.
func configured[C any](client any, report func(*diagnostics) C, diags *diagnostics) bool {
	if client != nil {
		return true
	}
	report(diags)
	return false
}

// accountGetter reads one account: the resources that take an account ID check at plan that it exists.
type accountGetter interface {
	GetUser(ctx context.Context, accountID string) (confluence.User, error)
}
