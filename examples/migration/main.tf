# Migrates the configuration exported from the deprecated CSUMCloud listing (legacy-export.json, made with
# the Export button of its System Admin page) into the new listing, and chooses the privileged user.

# Reads the file locally: no credentials, no network. What it could not carry over as it was is shown as
# warnings during plan and kept in the `warnings` attribute.
data "csum_legacy_export" "old" {
  path = "${path.module}/legacy-export.json"
}

resource "csum_global_settings" "this" {
  group_settings   = data.csum_legacy_export.old.group_settings
  user_settings    = data.csum_legacy_export.old.user_settings
  general_settings = data.csum_legacy_export.old.general_settings
}

resource "csum_permission_schemes" "this" {
  default_operations = data.csum_legacy_export.old.default_operations
  user_schemes       = data.csum_legacy_export.old.user_schemes
  group_schemes      = data.csum_legacy_export.old.group_schemes
}

# The legacy privileged user was an email with an API token; those credentials stopped working on
# 8 December 2025. The app now impersonates an account, chosen here by name: a dedicated automation user
# that is a site admin.
data "csum_user" "automation" {
  query = "CSUM Automation"
}

resource "csum_privileged_user" "this" {
  account_id = data.csum_user.automation.account_id
}

output "legacy_privileged_user_email" {
  description = "Who the old listing used; compare with the account chosen above."
  value       = data.csum_legacy_export.old.legacy_privileged_user_email
}

output "migration_warnings" {
  description = "Everything the export did not carry over as it was."
  value       = data.csum_legacy_export.old.warnings
}
