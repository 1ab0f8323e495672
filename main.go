// Command terraform-provider-csum serves the csum Terraform provider.
package main

import (
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/csum-tools/terraform-provider-csum/internal/frameworklogs"
	"github.com/csum-tools/terraform-provider-csum/internal/provider"
)

// version is set by goreleaser at release time.
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	frameworklogs.QuietWhenUnread()

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	if err := tf6server.Serve("registry.terraform.io/csum-tools/csum", provider.NewServer(version), opts...); err != nil {
		log.Fatal(err.Error())
	}
}
