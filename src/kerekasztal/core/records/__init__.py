"""What every app's records share: their history and the forum's activity log, typed links
between records, safe uploads and the sending of stored files."""
