from . import Row, forum, workspace

ROWS = [
    Row("core:activity_log", forum, workspace("coordinator", "auditor")),
    Row("core:activity_log", forum, workspace("coordinator", "auditor"),
        query="model=directory.person&user=kata&date_from=2020-01-01"),
    Row("core:activity_export", lambda w: {"forum": w.forum.slug, "fmt": "csv"},
        workspace("coordinator", "auditor")),
]
