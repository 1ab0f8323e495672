# Read the file exported from the deprecated CSUMCloud listing (or from the new one).
data "csum_legacy_export" "old" {
  path = "${path.module}/legacy-export.json"
}

# Its outputs have the resources' own types, so they assign directly.
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

# Everything the file did not carry over as it was (also shown as warnings during plan).
output "migration_warnings" {
  value = data.csum_legacy_export.old.warnings
}

# The same file as a current (format 2) export, for the System Admin page's Import.
output "current_export_json" {
  value = data.csum_legacy_export.old.settings_json
}
