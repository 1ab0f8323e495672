# The CSUM app's own configuration: its settings, what space admins may do, and the account it acts as.
resource "csum_global_settings" "this" {
  group_settings = {
    group_name_regex     = "[a-z0-9-]+"
    max_users_per_action = 50
  }
  general_settings = {
    audit_retention_days = 180
  }
}

resource "csum_permission_schemes" "this" {
  default_operations = ["CREATE_GROUP", "ADD_MEMBERS", "REMOVE_MEMBERS"]
  user_schemes = {
    (data.csum_user.alice.account_id) = ["DELETE_GROUP", "RENAME_GROUP"]
  }
}

data "csum_user" "automation" {
  query = "CSUM Automation"
}

resource "csum_privileged_user" "this" {
  account_id = data.csum_user.automation.account_id
}

output "privileged_user" {
  value = "${csum_privileged_user.this.display_name} (${csum_privileged_user.this.status})"
}
