terraform {
  required_providers {
    csum = {
      source = "csum-tools/csum"
    }
  }
}

# The credentials come from the CSUM_* environment variables (make demo sets them for the sandbox).
provider "csum" {}
