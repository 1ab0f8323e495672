# Reads the space groups of the site once, with their access and members, so that they can be written down
# as the configuration's data. Apply it in its own directory, then:
#   terraform output -json space_groups > ../for-each/space-groups.json

variable "space_keys" {
  description = "The spaces to adopt; null for every space the caller can see."
  type        = set(string)
  default     = null
}

data "csum_space_groups" "site" {
  space_keys      = var.space_keys
  include_members = true # one member listing per group
}

# Keyed SPACEKEY/<group name>; each with space_key, group_id, group_name, name, role_id, permissions and
# members (account ID to display name).
output "space_groups" {
  value = data.csum_space_groups.site.by_key
}
