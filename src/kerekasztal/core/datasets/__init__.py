"""Data the platform loads: the shared reference lists, the demo forum, the synthetic
national dataset and the query budgets measured on it."""
