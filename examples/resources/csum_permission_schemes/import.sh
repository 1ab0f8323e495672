# The permission schemes are a singleton: the import ID is always "permission-schemes".
terraform import csum_permission_schemes.this permission-schemes
