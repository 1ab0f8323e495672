terraform {
  required_providers {
    csum = {
      source = "csum-tools/csum"
    }
  }
}

# Credentials usually come from the environment: CSUM_SITE_URL, CSUM_EMAIL, CSUM_API_TOKEN,
# CSUM_APP_URL, CSUM_APP_API_KEY, and for csum_org_users CSUM_ORG_ID and CSUM_ADMIN_API_KEY.
provider "csum" {
  site_url = "https://example.atlassian.net"
  email    = "admin@example.com"
  app_url  = "https://csum.example.net/admin"

  # The Atlassian organization whose users csum_org_users reads, with an organization API key.
  org_id = "5a1b7c3e-2f4d-4e6a-9b8c-0d1e2f3a4b5c"

  # Never removed from any group by this provider, in addition to the app's privileged user.
  protected_account_ids = ["557058:3b2f826e-8333-5298-8097-f60d277f4567"]

  max_retries         = 5
  requests_per_second = 10
}
