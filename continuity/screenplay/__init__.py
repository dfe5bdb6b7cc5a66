"""Screenplays: the model, reading and writing files, pages, lines and surgical edits.

``model`` (frozen dataclasses: Script, Scene, Element), ``heading`` (scene headings
and cues), ``readers`` and ``writers`` (Fountain, Final Draft, PDF), ``io`` (safe
reads, format by extension or content), ``pages`` (standard pagination, eighths),
``lines`` (line numbers as a user addresses them), ``edit`` with ``splice*`` (change
one line in the file's own bytes), ``serialize`` (a stable dump for golden files),
``season`` (a season's episodes combined into one script, and mapped back).

May import: ``continuity.language``, ``continuity.errors``, ``continuity.settings``.
"""
