package frameworklogs

import (
	"os"
	"testing"
)

func TestQuietWhenUnread(t *testing.T) {
	for _, tc := range []struct {
		name, set, want string
	}{
		{"nobody reads the logs", "", "off"},
		{"TF_LOG", "TF_LOG", ""},
		{"TF_LOG_PROVIDER", "TF_LOG_PROVIDER", ""},
		{"TF_LOG_SDK", "TF_LOG_SDK", ""},
		{"TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_FRAMEWORK", "trace"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, name := range []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK"} {
				t.Setenv(name, "")
			}
			if tc.set != "" {
				t.Setenv(tc.set, "trace")
			}
			QuietWhenUnread()
			if got := os.Getenv("TF_LOG_SDK_FRAMEWORK"); got != tc.want {
				t.Errorf("TF_LOG_SDK_FRAMEWORK = %q, want %q", got, tc.want)
			}
		})
	}
}
