# Terraform 1.8 or later. The same outputs as the csum_legacy_export data source, as one object.
locals {
  old = provider::csum::legacy_export(file("${path.module}/legacy-export.json"))
}

resource "csum_global_settings" "this" {
  group_settings   = local.old.group_settings
  user_settings    = local.old.user_settings
  general_settings = local.old.general_settings
}

resource "csum_permission_schemes" "this" {
  default_operations = local.old.default_operations
  user_schemes       = local.old.user_schemes
  group_schemes      = local.old.group_schemes
}

# A function cannot show warnings during plan: read them here.
output "migration_warnings" {
  value = local.old.warnings
}
