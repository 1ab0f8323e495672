package soak

import (
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/csum-tools/terraform-provider-csum/internal/provider"
)

// ProviderAddress is the address the soak's configurations require the provider under.
const ProviderAddress = "registry.terraform.io/csum-tools/csum"

// serveEnv, set to "1" in the environment of the Terraform commands, makes the soak's test binary serve the
// provider when Terraform starts it as a plugin (see ServeProviderIfAsked).
const serveEnv = "CSUM_SOAK_SERVE_PROVIDER"

// ServeProviderIfAsked serves the provider and exits when this process was started by Terraform as the
// provider plugin. The soak points Terraform's dev_overrides at its own test binary, so that every command
// starts the provider afresh in a process of its own, as Terraform does with a released provider: an
// interrupt then ends it as it ends a real one, and its logs reach TF_LOG_PATH through Terraform. A test
// binary calls it first thing in TestMain.
func ServeProviderIfAsked() {
	if os.Getenv(serveEnv) != "1" {
		return
	}
	if err := tf6server.Serve(ProviderAddress, provider.NewServer("soak")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}
