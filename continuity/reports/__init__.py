"""Reports: findings placed and rendered, and the script supervisor's sheets.

``positions`` (scene numbers, pages and eighths on findings), ``render`` (text,
JSON, Markdown, HTML, PDF), ``sheets`` and ``sheets_render`` (continuity sheets per
character and per prop).

May import: ``continuity.checks``, ``continuity.story`` and everything below.
"""
