package bench

import (
	"encoding/json"
	"strings"
	"testing"
)

// The scenario's configuration is one csum_org_users read, with thresholds so that every user is measured.
func TestOrgUsersConfig(t *testing.T) {
	data, err := json.Marshal(orgUsersConfig())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"data":{"csum_org_users":{"all":{`, `"warning_after_days":60`, `"source":"csum-tools/csum"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("configuration %s lacks %s", data, want)
		}
	}
	if strings.Contains(string(data), "inactive_for_days") {
		t.Error("a filter would measure fewer users than the scenario says")
	}
}
