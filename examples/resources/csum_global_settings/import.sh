# The settings are a singleton: the import ID is always "global".
terraform import csum_global_settings.this global
