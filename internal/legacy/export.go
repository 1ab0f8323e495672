package legacy

import (
	"encoding/json"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// ExportJSON renders the result as a current format-2 export document, the file the new listing imports.
// The privileged user is never part of it, as in the app's own exports.
func (r *Result) ExportJSON() ([]byte, error) {
	doc := csumdoc.Export{
		FormatVersion:     csumdoc.CurrentFormatVersion,
		Settings:          normaliseSettings(r.Settings),
		PermissionSchemes: normaliseSchemes(r.PermissionSchemes),
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}
