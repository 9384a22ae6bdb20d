"""Every form of the workspace and the public site, posted with empty and hostile values."""
