terraform {
  required_version = ">= 1.5"
  required_providers {
    csum = {
      source = "csum-tools/csum"
    }
  }
}

# Every credential comes from the environment: CSUM_SITE_URL, CSUM_EMAIL, CSUM_API_TOKEN, CSUM_APP_URL and
# CSUM_APP_API_KEY for the space groups, CSUM_ORG_ID and CSUM_ADMIN_API_KEY for the organization's users.
provider "csum" {}
