"""The story over time: one reading of the script that every check, sheet and extraction shares.

``context`` (the reading: sentences, cast, parses, embeddings, story time per
scene), ``sentences`` (sentences, who they name, stated values and their owners),
``looks`` and ``wearing`` (appearance and garments from parses), ``costume``
(looks and costume changes per character), ``objects`` and ``object_words`` (the words
of loss and use it reads), ``prop_events`` and
``props`` (what happens to each prop), ``presence`` (who is on screen, heard or
mentioned per scene), ``time`` and ``time_words`` (story days D1/N1/FB1, time of day,
continuous spans, dates), ``episodes`` (story time read per episode of a season),
``breakdown`` (the one-liner per scene), ``canon`` (a bible from the
story).

May import: ``continuity.bible``, ``continuity.screenplay``, ``continuity.language``
and the base modules. Never ``checks`` or ``reports``.
"""
