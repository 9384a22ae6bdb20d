"""Imports from CSV/XLSX shared by every app: the row-checking services and the upload →
preview → apply pages."""
