"""The story over time: one reading of the script that every check, sheet and extraction shares.

``context`` (the reading: sentences, cast, parses, embeddings, story time per
scene), ``sentences`` (sentences, who they name, stated values and their owners),
``looks`` and ``wearing`` (appearance and garments from parses), ``costume``
(looks and costume changes per character), ``objects``, ``prop_events`` and
``props`` (what happens to each prop), ``timeline`` (time of day, continuous spans,
story days), ``episodes`` (the same across a season's episode boundaries), ``breakdown`` (the one-liner per scene), ``canon`` (a bible from the
story).

May import: ``continuity.bible``, ``continuity.screenplay``, ``continuity.language``
and the base modules. Never ``checks`` or ``reports``.
"""
