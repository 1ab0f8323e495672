package sandbox_test

import (
	"encoding/json"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
)

// permBody is the body of a v1 space permission write.
func permBody(subjectType, id, op, target string) map[string]any {
	return map[string]any{"subject": map[string]string{"type": subjectType, "identifier": id},
		"operation": map[string]string{"key": op, "target": target}}
}

func jsonNumber(n int64) string { b, _ := json.Marshal(n); return string(b) }

// orgLastActive is when the organization says an account last used Confluence (zero for never).
func orgLastActive(s *sandbox.Server, accountID string) time.Time {
	for _, u := range s.Admin().Snapshot().Users {
		if u.AccountID != accountID {
			continue
		}
		for _, a := range u.ProductAccess {
			if a.Key == "confluence" && a.LastActive != nil {
				return *a.LastActive
			}
		}
	}
	return time.Time{}
}
