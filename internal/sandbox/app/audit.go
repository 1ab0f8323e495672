package app

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Channels through which a change was made.
const (
	channelAPI = "API"
	channelUI  = "UI"
)

// Actors recorded per channel: the Admin API key identifies no person, and out-of-band changes stand for a
// System Admin on the configuration page.
const (
	actorAPI = "admin-api-key"
	actorUI  = "system-admin"
)

// Audit actions.
const (
	actionSettingsUpdated          = "SETTINGS_UPDATED"
	actionSettingsReset            = "SETTINGS_RESET"
	actionSchemesUpdated           = "PERMISSION_SCHEMES_UPDATED"
	actionSchemesReset             = "PERMISSION_SCHEMES_RESET"
	actionConfigImported           = "CONFIG_IMPORTED"
	actionPrivilegedUserSet        = "PRIVILEGED_USER_SET"
	actionPrivilegedUserCleared    = "PRIVILEGED_USER_CLEARED"
	actionLegacyCredentialsSet     = "LEGACY_CREDENTIALS_SET"
	actionLegacyCredentialsCleared = "LEGACY_CREDENTIALS_CLEARED"
)

// Audit paging limits.
const (
	defaultAuditLimit = 50
	maxAuditLimit     = 200
	maxSummaryLen     = 500
)

// AuditEntry is one recorded change, as GET /v1/audit shows it.
type AuditEntry struct {
	ID      string `json:"id"`
	At      string `json:"at"`
	Actor   string `json:"actor"`
	Channel string `json:"channel"`
	Action  string `json:"action"`
	Target  string `json:"target"`
	Summary string `json:"summary"`
}

func auditID(sequence int64) string { return fmt.Sprintf("a-%06d", sequence) }

func auditSequence(id string) int64 {
	n, _ := strconv.ParseInt(strings.TrimPrefix(id, "a-"), 10, 64)
	return n
}

// audit records a change and drops entries older than the retention period. The caller holds the write lock.
func (a *App) audit(channel, action, target, summary string) {
	actor := actorAPI
	if channel == channelUI {
		actor = actorUI
	}
	summary = truncate(summary, maxSummaryLen)
	a.state.AuditSequence++
	now := a.now()
	a.state.Audit = append(a.state.Audit, AuditEntry{
		ID: auditID(a.state.AuditSequence), At: now.Format(time.RFC3339), Actor: actor,
		Channel: channel, Action: action, Target: target, Summary: summary,
	})
	a.state.Audit = keep(a.state.Audit, func(e AuditEntry) bool { return a.retained(e, now) })
}

// retained reports whether an entry is within the settings' audit retention period.
func (a *App) retained(e AuditEntry, now time.Time) bool {
	at, err := time.Parse(time.RFC3339, e.At)
	if err != nil {
		return true
	}
	days := a.state.Settings.GeneralSettings.AuditRetentionDays
	return days <= 0 || !at.Before(now.AddDate(0, 0, -int(days)))
}

type auditPage struct {
	Results []AuditEntry `json:"results"`
	Next    *string      `json:"next"`
}

// getAudit answers GET /v1/audit, newest first. The cursor carries the sequence number below which the next
// page starts, so entries written between two page reads neither repeat nor shift the pages.
func (a *App) getAudit(w http.ResponseWriter, r *http.Request) {
	limit, before, err := auditQuery(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, codeBadRequest, err.Error())
		return
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	now := a.now()
	page := auditPage{Results: []AuditEntry{}}
	for i := len(a.state.Audit) - 1; i >= 0; i-- {
		e := a.state.Audit[i]
		if auditSequence(e.ID) >= before || !a.retained(e, now) {
			continue
		}
		if len(page.Results) == limit {
			next := encodeCursor(auditSequence(page.Results[limit-1].ID))
			page.Next = &next
			break
		}
		page.Results = append(page.Results, e)
	}
	writeJSON(w, http.StatusOK, page)
}

func auditQuery(r *http.Request) (limit int, before int64, err error) {
	q := r.URL.Query()
	for name := range q {
		if name != "limit" && name != "cursor" {
			return 0, 0, fmt.Errorf("unknown query parameter %q; expected limit and cursor", name)
		}
	}
	limit, before = defaultAuditLimit, int64(1)<<62
	if s := q.Get("limit"); q.Has("limit") {
		n, convErr := strconv.Atoi(s)
		if convErr != nil || n < 1 || n > maxAuditLimit {
			return 0, 0, fmt.Errorf("limit must be an integer from 1 to %d, not %q", maxAuditLimit, s)
		}
		limit = n
	}
	if q.Has("cursor") {
		if before, err = decodeCursor(q.Get("cursor")); err != nil {
			return 0, 0, err
		}
	}
	return limit, before, nil
}

const cursorPrefix = "before:"

func encodeCursor(sequence int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.FormatInt(sequence, 10)))
}

func decodeCursor(cursor string) (int64, error) {
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err == nil && strings.HasPrefix(string(raw), cursorPrefix) {
		if n, convErr := strconv.ParseInt(strings.TrimPrefix(string(raw), cursorPrefix), 10, 64); convErr == nil && n > 0 {
			return n, nil
		}
	}
	return 0, fmt.Errorf("cursor is not one this API returned")
}

// describeChanges summarises what differs between two versions of a document, field by field, e.g.
// "groupSettings.maxUsersPerAction 100 -> 50". Lists count as single values.
func describeChanges(before, after any) string {
	old, updated := flatten(before), flatten(after)
	var keys []string
	for k := range updated {
		if old[k] != updated[k] {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return "no changes"
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + " " + old[k] + " -> " + updated[k]
	}
	return strings.Join(parts, "; ")
}

// flatten maps each leaf of a document's JSON form (objects descended, lists kept whole) to its JSON text.
func flatten(doc any) map[string]string {
	var tree any
	b, _ := json.Marshal(doc)
	_ = json.Unmarshal(b, &tree)
	leaves := map[string]string{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		if obj, ok := v.(map[string]any); ok {
			for k, child := range obj {
				walk(strings.TrimPrefix(prefix+"."+k, "."), child)
			}
			return
		}
		text, _ := json.Marshal(v)
		leaves[prefix] = string(text)
	}
	walk("", tree)
	return leaves
}

// truncate shortens s to at most limit bytes plus an ellipsis, never cutting a UTF-8 sequence in two.
func truncate(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	for limit > 0 && !utf8.RuneStart(s[limit]) {
		limit--
	}
	return s[:limit] + "..."
}

func describeAccountChange(before, after string) string {
	return "privileged user " + orNone(before) + " -> " + orNone(after)
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
