package provider

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/csum-tools/terraform-provider-csum/internal/adminapi"
)

// Environment variables that stand in for provider attributes left out of the configuration.
const (
	envSiteURL   = "CSUM_SITE_URL"
	envEmail     = "CSUM_EMAIL"
	envAPIToken  = "CSUM_API_TOKEN"
	envAppURL    = "CSUM_APP_URL"
	envAppAPIKey = "CSUM_APP_API_KEY"

	envOrgID       = "CSUM_ORG_ID"
	envAdminAPIKey = "CSUM_ADMIN_API_KEY"
	envAdminAPIURL = "CSUM_ADMIN_API_URL"

	defaultMaxRetries = 5
)

// providerModel is the provider block as Terraform hands it over.
type providerModel struct {
	SiteURL             types.String  `tfsdk:"site_url"`
	Email               types.String  `tfsdk:"email"`
	APIToken            types.String  `tfsdk:"api_token"`
	AppURL              types.String  `tfsdk:"app_url"`
	AppAPIKey           types.String  `tfsdk:"app_api_key"`
	OrgID               types.String  `tfsdk:"org_id"`
	AdminAPIKey         types.String  `tfsdk:"admin_api_key"`
	AdminAPIURL         types.String  `tfsdk:"admin_api_url"`
	ProtectedAccountIDs types.Set     `tfsdk:"protected_account_ids"`
	MaxRetries          types.Int64   `tfsdk:"max_retries"`
	RequestsPerSecond   types.Float64 `tfsdk:"requests_per_second"`
}

// settings are the provider's resolved values: configuration first, then environment, then defaults.
type settings struct {
	SiteURL, Email, APIToken string
	AppURL, AppAPIKey        string
	OrgID, AdminAPIKey       string
	AdminAPIURL              string // adminapi.DefaultURL unless configured
	Protected                []string
	MaxRetries               int
	RequestsPerSecond        float64
}

// field pairs an attribute with the environment variable that can stand in for it.
type field struct {
	attr, env string
	value     types.String
}

func (m providerModel) fields() []field {
	return []field{
		{"site_url", envSiteURL, m.SiteURL},
		{"email", envEmail, m.Email},
		{"api_token", envAPIToken, m.APIToken},
		{"app_url", envAppURL, m.AppURL},
		{"app_api_key", envAppAPIKey, m.AppAPIKey},
		{"org_id", envOrgID, m.OrgID},
		{"admin_api_key", envAdminAPIKey, m.AdminAPIKey},
		{"admin_api_url", envAdminAPIURL, m.AdminAPIURL},
	}
}

// resolve reads the configuration and environment into settings and reports, on the attribute that
// carries it, every value that is malformed or missing its partner. Unknown values (known only at apply)
// are skipped so validation can run at plan time.
func (m providerModel) resolve(ctx context.Context) (settings, diag.Diagnostics) {
	var diags diag.Diagnostics
	vals := map[string]string{}
	unknown := map[string]bool{}
	for _, f := range m.fields() {
		switch {
		case f.value.IsUnknown():
			unknown[f.attr] = true
		case !f.value.IsNull():
			vals[f.attr] = strings.TrimSpace(f.value.ValueString())
		default:
			vals[f.attr] = strings.TrimSpace(os.Getenv(f.env))
		}
	}
	s := settings{
		SiteURL: strings.TrimRight(vals["site_url"], "/"), Email: vals["email"], APIToken: vals["api_token"],
		AppURL: strings.TrimRight(vals["app_url"], "/"), AppAPIKey: vals["app_api_key"],
		OrgID: vals["org_id"], AdminAPIKey: vals["admin_api_key"], AdminAPIURL: strings.TrimRight(vals["admin_api_url"], "/"),
		MaxRetries: defaultMaxRetries,
	}
	if s.AdminAPIURL == "" {
		s.AdminAPIURL = adminapi.DefaultURL
	}
	for _, f := range []field{{"site_url", envSiteURL, m.SiteURL}, {"app_url", envAppURL, m.AppURL}, {"admin_api_url", envAdminAPIURL, m.AdminAPIURL}} {
		if v := vals[f.attr]; v != "" {
			if msg := checkURL(v); msg != "" {
				diags.AddAttributeError(path.Root(f.attr), "Invalid "+f.attr,
					fmt.Sprintf("%s (from %s) %s", f.attr, sourceOf(f), msg))
			}
		}
	}
	requirePair := func(group []field) {
		var set, missing []field
		for _, f := range group {
			if unknown[f.attr] {
				return
			}
			if vals[f.attr] != "" {
				set = append(set, f)
			} else {
				missing = append(missing, f)
			}
		}
		if len(set) == 0 || len(missing) == 0 {
			return
		}
		for _, f := range missing {
			diags.AddAttributeError(path.Root(f.attr), "Missing "+f.attr,
				fmt.Sprintf("%s is set, so %s is needed too: set it in the provider block or in the %s environment variable.",
					names(set), f.attr, f.env))
		}
	}
	fs := m.fields()
	requirePair(fs[0:3])
	requirePair(fs[3:5])
	requirePair(fs[5:7])
	if vals["admin_api_url"] != "" && vals["org_id"] == "" && vals["admin_api_key"] == "" {
		requirePair(fs[5:8]) // an Admin API URL alone is of no use
	}
	if id := vals["org_id"]; id != "" && strings.ContainsAny(id, "/?#% \t") {
		diags.AddAttributeError(path.Root("org_id"), "Invalid org_id",
			fmt.Sprintf("org_id (from %s) is not an organization ID: it has a space or one of / ? # %%. Copy the ID from the "+
				"URL of admin.atlassian.com (admin.atlassian.com/o/<org_id>/...) or from the page that created the API key.", sourceOf(fs[5])))
	}

	if !m.ProtectedAccountIDs.IsNull() && !m.ProtectedAccountIDs.IsUnknown() {
		diags.Append(m.ProtectedAccountIDs.ElementsAs(ctx, &s.Protected, false)...)
	}
	if !m.MaxRetries.IsNull() && !m.MaxRetries.IsUnknown() {
		s.MaxRetries = int(m.MaxRetries.ValueInt64())
	}
	if !m.RequestsPerSecond.IsNull() && !m.RequestsPerSecond.IsUnknown() {
		s.RequestsPerSecond = m.RequestsPerSecond.ValueFloat64()
	}
	return s, diags
}

func sourceOf(f field) string {
	if f.value.IsNull() {
		return "the " + f.env + " environment variable"
	}
	return "the provider block"
}

func names(fs []field) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.attr
	}
	return strings.Join(parts, " and ")
}

// checkURL returns why u cannot be a base URL, or "". Only https is accepted, except on loopback hosts
// (the sandbox), so that credentials never cross a network in clear text.
func checkURL(u string) string {
	parsed, err := url.Parse(u)
	if err != nil || parsed.Host == "" || (parsed.Scheme != "http" && parsed.Scheme != "https") {
		return fmt.Sprintf("must be an absolute http(s) URL such as https://example.atlassian.net, not %q", u)
	}
	if parsed.User != nil {
		return "must not carry credentials in the URL; use email and api_token"
	}
	if parsed.RawQuery != "" || parsed.Fragment != "" {
		return "must not have a query or fragment"
	}
	if parsed.Scheme == "http" && !isLoopback(parsed.Hostname()) {
		return fmt.Sprintf("must use https: %q would send credentials in clear text (http is accepted only for localhost, 127.0.0.0/8 and [::1])", u)
	}
	return ""
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
