"""The continuity core: read a screenplay and a bible, follow the story, report what contradicts.

Packages, top layer first; a package may import only from the layers below it
(enforced by import-linter, see ``[tool.importlinter]`` in pyproject.toml):

- ``api`` (module): the one public entry point: load, audit, save.
- ``season``: seasons and libraries: several scripts audited as one story, per-episode
  work in local processes or Ray actors, the one writer of the caches.
- ``audit`` (module): run every registered check over one reading of a script.
- ``reports``: findings placed at production positions, rendered reports, sheets.
  ``visual``: shot lists, frames and their checks. ``treatment``: what a treatment
  says, and whether a written scene keeps to it (the generation verifier's facts).
- ``checks``: the findings model and the check registry; one module per check.
- ``story``: the one reading of the story over time: sentences, who is who,
  looks, wardrobe, props, story days.
- ``bible``: the canon: model, reading and writing YAML, in-place edits, extraction.
- ``screenplay``: the script model, headings, readers and writers (Fountain, FDX,
  PDF), pagination, line numbers and surgical edits.
- ``language``: words and their meaning: lexicon, dependency parses, embeddings.
- ``errors``, ``settings`` (modules): the error base class and ``STUDIO_*`` settings.

Nothing here imports ``agents`` or ``studio``.
"""
