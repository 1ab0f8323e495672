package app

import (
	"fmt"
	"net/http"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// Import query values.
const (
	schemesReplace = "replace"
	schemesKeep    = "keep"
	modeStrict     = "strict"
	modeLenient    = "lenient"
)

// getExport answers the whole configuration as a format-2 export file. The privileged user is never part
// of it: the export type has no place for it.
func (a *App) getExport(w http.ResponseWriter, _ *http.Request) {
	a.mu.RLock()
	doc := csumdoc.Export{
		FormatVersion:     csumdoc.CurrentFormatVersion,
		ExportedAt:        a.now().Format(time.RFC3339),
		App:               &csumdoc.ExportApp{Key: AppKey, Version: AppVersion},
		Settings:          cloneJSON(a.state.Settings),
		PermissionSchemes: cloneJSON(a.state.PermissionSchemes),
	}
	a.mu.RUnlock()
	writeJSON(w, http.StatusOK, doc)
}

type importOptions struct {
	keepSchemes bool
	lenient     bool
}

type skippedRef struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
	Value  string `json:"value"`
}

type importReport struct {
	SettingsRevision          int64        `json:"settingsRevision"`
	PermissionSchemesRevision int64        `json:"permissionSchemesRevision"`
	Applied                   []string     `json:"applied"`
	Skipped                   []skippedRef `json:"skipped"`
	Warnings                  []string     `json:"warnings"`
}

func importQuery(r *http.Request) (importOptions, error) {
	q := r.URL.Query()
	for name := range q {
		if name != "permissionSchemes" && name != "mode" {
			return importOptions{}, fmt.Errorf("unknown query parameter %q; expected permissionSchemes and mode", name)
		}
	}
	var opts importOptions
	switch v := q.Get("permissionSchemes"); {
	case !q.Has("permissionSchemes") || v == schemesReplace:
	case v == schemesKeep:
		opts.keepSchemes = true
	default:
		return opts, fmt.Errorf("permissionSchemes must be replace or keep, not %q", v)
	}
	switch v := q.Get("mode"); {
	case !q.Has("mode") || v == modeStrict:
	case v == modeLenient:
		opts.lenient = true
	default:
		return opts, fmt.Errorf("mode must be strict or lenient, not %q", v)
	}
	return opts, nil
}

// postImport applies an export file. Strict mode refuses the whole file on any problem; lenient mode, like
// the System Admin page, skips references to groups and accounts that do not exist and applies the rest.
// Every other broken rule refuses the file in both modes.
func (a *App) postImport(w http.ResponseWriter, r *http.Request) {
	opts, err := importQuery(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, codeBadRequest, err.Error())
		return
	}
	var doc csumdoc.Export
	if !decodeBody(w, r, &doc, "export document") {
		return
	}
	var report importReport
	var problems csumdoc.Problems
	a.write(func() bool {
		report, problems = a.applyImport(doc, opts)
		return len(problems) == 0
	})
	if len(problems) > 0 {
		writeProblems(w, codeValidationFailed, "export document", problems)
		return
	}
	writeJSON(w, http.StatusOK, report)
}

// applyImport validates and, when nothing is wrong, stores an export file. The caller holds the write lock.
func (a *App) applyImport(doc csumdoc.Export, opts importOptions) (importReport, csumdoc.Problems) {
	var problems csumdoc.Problems
	if doc.FormatVersion != csumdoc.CurrentFormatVersion {
		problems = append(problems, csumdoc.Problem{Path: "/formatVersion",
			Message: fmt.Sprintf("must be %d, not %d; convert older files first", csumdoc.CurrentFormatVersion, doc.FormatVersion)})
	}
	problems = append(problems, prefixed("/settings", doc.Settings.Validate())...)
	missing := prefixRefs("/settings", a.missingSettingsRefs(doc.Settings))
	if !opts.keepSchemes {
		problems = append(problems, prefixed("/permissionSchemes", doc.PermissionSchemes.Validate())...)
		missing = append(missing, prefixRefs("/permissionSchemes", a.missingSchemeRefs(doc.PermissionSchemes))...)
	}
	if !opts.lenient {
		problems = append(problems, missingProblems(missing)...)
	}
	if len(problems) > 0 {
		return importReport{}, problems
	}

	report := importReport{Applied: []string{"settings"}, Skipped: []skippedRef{}, Warnings: []string{}}
	for _, ref := range missing {
		report.Skipped = append(report.Skipped, skippedRef{Path: ref.Path, Reason: ref.Reason, Value: ref.Value})
	}
	missingGroups, missingUsers := missingValues(missing, reasonGroupNotFound), missingValues(missing, reasonUserNotFound)
	settingsDoc.replace(a, withoutMissingGroups(doc.Settings, missingGroups), channelAPI, actionConfigImported)
	if opts.keepSchemes {
		report.Warnings = append(report.Warnings, "permissionSchemes in the file were not applied (permissionSchemes=keep)")
	} else {
		schemesDoc.replace(a, withoutMissingSubjects(doc.PermissionSchemes, missingUsers, missingGroups), channelAPI, actionConfigImported)
		report.Applied = append(report.Applied, "permissionSchemes")
	}
	if doc.App != nil && doc.App.Key != AppKey {
		report.Warnings = append(report.Warnings, fmt.Sprintf("the file was written by %q, not %q", doc.App.Key, AppKey))
	}
	report.SettingsRevision, report.PermissionSchemesRevision = a.state.SettingsRevision, a.state.PermissionSchemesRevision
	return report, nil
}

func prefixRefs(prefix string, refs []missingRef) []missingRef {
	out := make([]missingRef, len(refs))
	for i, ref := range refs {
		ref.Path = prefix + ref.Path
		out[i] = ref
	}
	return out
}
