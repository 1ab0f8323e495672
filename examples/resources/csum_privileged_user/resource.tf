# The account CSUM acts as when a space admin creates a group or changes its members. It must be an active
# site admin that can use Confluence: a dedicated automation account, not a person.
data "csum_user" "automation" {
  query = "CSUM Automation"
}

resource "csum_privileged_user" "this" {
  account_id = data.csum_user.automation.account_id
}

output "privileged_user_status" {
  value = csum_privileged_user.this.status # VALID, or why the account can no longer serve
}
