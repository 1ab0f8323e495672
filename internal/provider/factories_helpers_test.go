package provider_test

import (
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/csum-tools/terraform-provider-csum/internal/provider"
)

// providerFactories serves the provider in-process to the Terraform CLI, so no registry is needed.
var providerFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"csum": func() (tfprotov6.ProviderServer, error) { return provider.NewServer("test")(), nil },
}
