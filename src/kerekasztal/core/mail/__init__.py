"""E-mail through the task queue, and sending one again from the page that shows it."""
