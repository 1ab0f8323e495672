# One on-call engineer in ops-oncall; the group's other members are left alone.
resource "csum_space_group_member" "oncall" {
  space_key  = "OPS"
  group_name = "ops-oncall"
  account_id = "557058:4b95d41a-4a0b-5194-85df-33f41fbe3c4e"
}
