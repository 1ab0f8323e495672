# The people who may write in ENG, by account ID. The labels are for whoever reads the configuration and the
# plan; Confluence never sees them.
locals {
  writers = {
    "557058:038a2606-4729-5ec4-a1bb-dbf69567e15b" = "Alice Anders"
    "557058:1e2acc73-a1f7-53a1-b25c-5550e3e538cd" = "Bob Baker"
    "557058:3dab1978-c20f-5964-8e13-a049a93b4170" = "Carla Chen"
    "557058:908a5f43-5a2b-5423-9d7a-cb78db5272cf" = "Dev Desai"
    "557058:366ee2e3-a9d3-595f-a3a1-942c74bd3fa2" = "Erin Evans"
  }
}

# Everyone in the organization who has not used Confluence for 90 days, or never has. Protected accounts
# (protected_account_ids and the CSUM privileged user) are never in it.
data "csum_org_users" "inactive" {
  product           = "confluence"
  inactive_for_days = 90
}

# The group already exists with its members: bring it under Terraform as it is.
import {
  to = csum_space_group_membership.writers
  id = "ENG/eng-writers"
}

# The writers who are still active. Someone who comes back to Confluence is listed again at the next plan.
resource "csum_space_group_membership" "writers" {
  space_key  = "ENG"
  group_name = "eng-writers"
  members = {
    for id, name in local.writers : id => name
    if !contains(keys(data.csum_org_users.inactive.users), id)
  }
}

output "left_out_as_inactive" {
  value = sort([for id, name in local.writers : name if contains(keys(data.csum_org_users.inactive.users), id)])
}
