package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// Small shapes of the framework's request and response types, so one helper serves create and update.
type (
	diagnostics = diag.Diagnostics
	getter      func(ctx context.Context, target any) diag.Diagnostics
	stateSetter interface {
		Set(ctx context.Context, val any) diag.Diagnostics
	}
	privateState interface {
		GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
		SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
	}
)

// readRevision returns the document revision seen at the last read, kept in private state, or 0 when
// there is none (a create), which makes the write unconditional.
func readRevision(ctx context.Context, private privateState, diags *diagnostics) int64 {
	if private == nil {
		return 0
	}
	raw, d := private.GetKey(ctx, revisionKey)
	diags.Append(d...)
	if len(raw) == 0 {
		return 0
	}
	rev, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil {
		return 0
	}
	return rev
}

func writeRevision(ctx context.Context, private privateState, rev int64, diags *diagnostics) {
	if private == nil {
		return
	}
	diags.Append(private.SetKey(ctx, revisionKey, []byte(strconv.FormatInt(rev, 10)))...)
}

func fullyKnown(ctx context.Context, v attr.Value) bool {
	tv, err := v.ToTerraformValue(ctx)
	return err == nil && tv.IsFullyKnown()
}

func hasRoot(p path.Path, name string) bool {
	steps := p.Steps()
	if len(steps) == 0 {
		return false
	}
	return steps[0].String() == name
}

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

// joinQuoted renders values for a message: "a", "b" and "c".
func joinQuoted(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = strconv.Quote(v)
	}
	return strings.Join(quoted, ", ")
}

// readBack resolves a write whose answer was lost (err is an *httpx.OutcomeUnknownError): it reads the
// document again and returns it when it holds what was written, as if the write had answered. Any other
// error, a failed read or a document that differs leaves err standing. The write is never sent again.
func readBack[T any](ctx context.Context, err error, read func(context.Context) (T, int64, error), written func(T) bool) (T, int64, error) {
	var zero T
	var unknown *httpx.OutcomeUnknownError
	if !errors.As(err, &unknown) {
		return zero, 0, err
	}
	got, rev, readErr := read(ctx)
	if readErr != nil || !written(got) {
		return zero, 0, err
	}
	return got, rev, nil
}
