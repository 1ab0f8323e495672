# The people who have not used Confluence for 90 days or more; someone who never used it counts too.
# Protected accounts (protected_account_ids and the CSUM privileged user) are left out.
data "csum_org_users" "inactive" {
  product           = "confluence"
  inactive_for_days = 90
}

# Everyone still active in the organization, each with inactivity = "active" or "warning" (60 days and more).
data "csum_org_users" "active" {
  status             = ["active"]
  warning_after_days = 60
}

output "inactive_names" {
  value = sort([for user in values(data.csum_org_users.inactive.users) : user.name])
}

output "warning_count" {
  value = length([for user in values(data.csum_org_users.active.users) : user if user.inactivity == "warning"])
}
