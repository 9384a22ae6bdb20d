"""Personal data: data subjects' rights (export, erasure), retention, and backups."""
