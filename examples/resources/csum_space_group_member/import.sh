# SPACEKEY/<group name or group ID>/<accountId>
terraform import csum_space_group_member.oncall OPS/ops-oncall/557058:4b95d41a-4a0b-5194-85df-33f41fbe3c4e
