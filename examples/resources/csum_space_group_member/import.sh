# SPACEKEY/<group name or group ID>/<accountId>
terraform import csum_space_group_member.maya_oncall OPS/ops-oncall/557058:4dc5c6f4-6fcc-5ae2-98e7-51d6709e050f
terraform import csum_space_group_member.maya_oncall OPS/360ce4ba-37ba-5db3-8564-e3903ca63ac4/557058:4dc5c6f4-6fcc-5ae2-98e7-51d6709e050f
