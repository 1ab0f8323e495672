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
  protected_account_ids = ["557058:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"]

  max_retries         = 5
  requests_per_second = 10
}
