# discover.tfquery.hcl (Terraform 1.14+), beside the provider block of the configuration:
#   terraform query -generate-config-out=memberships.tf
# writes a csum_space_group_membership with every member, and an import block, for each group of ENG.
list "csum_space_group_membership" "eng" {
  provider         = csum
  include_resource = true # reads each group's members; -generate-config-out implies it
  config {
    space_keys = ["ENG"]
  }
}
