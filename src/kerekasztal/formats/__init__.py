"""The project's date formats per language (settings.FORMAT_MODULE_PATH), over Django's.

One format per context: long dates ("2026. december 8.", DATE_FORMAT / DATETIME_FORMAT) in
running text, on public pages and in documents; compact ones ("2026. 12. 08.",
SHORT_DATE_FORMAT / SHORT_DATETIME_FORMAT) in tables. Templates name the format
(`|date:"SHORT_DATETIME_FORMAT"`), never spell it out, so English pages get English dates.
"""
