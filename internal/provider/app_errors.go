package provider

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// addAppError turns an error of the CSUM Admin API into diagnostics: a validation failure becomes one
// error per problem on the attribute it concerns, a stale revision says what to do, and anything else says
// what the provider was doing when it failed.
func addAppError(diags *diagnostics, action string, err error, pathOf func(pointer string) path.Path) {
	var apiErr *httpx.APIError
	if !errors.As(err, &apiErr) {
		diags.AddError("Could not "+action, err.Error())
		return
	}
	switch {
	case apiErr.Status == http.StatusPreconditionFailed:
		diags.AddError("The app's configuration changed outside Terraform",
			fmt.Sprintf("Could not %s: someone changed it (for example on the System Admin page) since Terraform last read it, "+
				"and this provider never overwrites a concurrent change. Run `terraform plan` again to see the change, "+
				"then apply if you still want your configuration.", action))
	case apiErr.Status == http.StatusUnprocessableEntity && len(apiErr.Details) > 0:
		for _, d := range apiErr.Details {
			diags.AddAttributeError(pathOf(d.Path), "Rejected by the app", pathOf(d.Path).String()+": "+d.Message+".")
		}
	case apiErr.Status == http.StatusUnauthorized:
		diags.AddError("The app rejected the API key",
			"Could not "+action+": the CSUM Admin API answered 401. Check app_api_key (CSUM_APP_API_KEY): a System Admin "+
				"creates the key on the CSUM configuration page.")
	case apiErr.Status == http.StatusForbidden:
		diags.AddError("The app refused the write",
			"Could not "+action+": the API key is valid but may not write (403). Ask a System Admin for a key with write access.")
	default:
		diags.AddError("Could not "+action, apiErr.Error())
	}
}
