"""Exports of the lists; see services.py. Apps use `exports.table`, `exports.Table` and
`exports.respond`."""

from kerekasztal.core.exports.services import Table, respond, table

__all__ = ["Table", "respond", "table"]
