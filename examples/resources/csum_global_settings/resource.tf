resource "csum_global_settings" "this" {
  group_settings = {
    space_group_pattern              = { prefix = "SPACEKEY-", suffix = "" }
    group_name_regex                 = "[a-z0-9-]+"
    allow_space_group_actions        = true
    allow_space_group_member_changes = true
    max_users_per_action             = 100
  }
  user_settings = {
    disabled_user_visibility = "HIDE"
  }
  general_settings = {
    audit_retention_days = 365
  }
}
