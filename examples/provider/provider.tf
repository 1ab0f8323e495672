terraform {
  required_providers {
    csum = {
      source = "csum-tools/csum"
    }
  }
}

# Credentials usually come from the environment: CSUM_SITE_URL, CSUM_EMAIL, CSUM_API_TOKEN,
# CSUM_APP_URL and CSUM_APP_API_KEY.
provider "csum" {
  site_url = "https://example.atlassian.net"
  email    = "admin@example.com"
  app_url  = "https://csum.example.net/admin"

  # Never removed from any group by this provider, in addition to the app's privileged user.
  protected_account_ids = ["557058:3b2f826e-8333-5298-8097-f60d277f4567"]

  max_retries         = 5
  requests_per_second = 10
}
