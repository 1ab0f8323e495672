terraform {
  required_providers {
    csum = {
      source = "csum-tools/csum"
    }
  }
}

# Credentials from the CSUM_* environment variables (see the provider's documentation).
provider "csum" {}
