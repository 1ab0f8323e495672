# The privileged user is a singleton: the import ID is always "privileged-user".
terraform import csum_privileged_user.this privileged-user
