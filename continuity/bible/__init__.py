"""The bible: canon for characters, locations, props and style.

``model`` (pydantic models, facts as sentences), ``load`` (YAML with the line of
every key; one-line errors), ``dump`` (tidy YAML), ``edit`` (a change to the canon
with every other byte of the file kept), ``extract`` (a first bible from a script's
introductions; the fuller one, from the story, is :mod:`continuity.story.canon`).

May import: ``continuity.screenplay``, ``continuity.language`` and the base modules.
"""
