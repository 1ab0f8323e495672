// Package frameworklogs decides whether terraform-plugin-framework writes its own logs.
package frameworklogs

import "os"

// QuietWhenUnread switches the plugin framework's own logs off when Terraform will not show them.
//
// Terraform shows a provider's logs only when TF_LOG or TF_LOG_PROVIDER is set, and drops them otherwise,
// but the framework writes its trace logs whatever happens to them. On the way it costs time that grows with
// the square of a collection's size: for every value of a resource's state it adds a layer to the request's
// context and looks its logger up through all the layers before (terraform-plugin-framework v1.19.0,
// internal/fwserver/write_only_nullification.go, in every read, plan and apply). For a membership of 20,000
// members that is seconds per request. A framework log level of off skips those lookups; anyone who asks for
// logs, through any of these variables, still gets all of them.
func QuietWhenUnread() {
	for _, name := range []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK"} {
		if os.Getenv(name) != "" {
			return
		}
	}
	_ = os.Setenv("TF_LOG_SDK_FRAMEWORK", "off") // setting a variable of this process cannot fail
}
