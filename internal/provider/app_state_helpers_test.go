package provider_test

import (
	"fmt"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// expectDefaultSettings fails unless the settings that tests change hold their defaults. It takes what the
// sandbox's Settings returns.
func expectDefaultSettings(doc csumdoc.Settings, _ int64) error {
	want := csumdoc.DefaultSettings()
	if doc.GroupSettings.MaxUsersPerAction != want.GroupSettings.MaxUsersPerAction ||
		doc.UserSettings.DisabledUserVisibility != want.UserSettings.DisabledUserVisibility ||
		doc.GroupSettings.GroupNameRegex != want.GroupSettings.GroupNameRegex {
		return fmt.Errorf("app settings are not the defaults: %+v", doc)
	}
	return nil
}

// privilegedUser is the account the app holds as its privileged user, or empty.
func privilegedUser(t *testing.T, env *acctest.Env) string {
	t.Helper()
	return env.Sandbox.App().Snapshot().PrivilegedUser
}
