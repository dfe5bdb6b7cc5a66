"""The application: the ``studio`` command line and what it runs.

Top layer first (enforced by import-linter; ``studio`` is above ``agents``, which
is above ``continuity``):

- ``cli`` (the one CLI group), ``console`` (shared output helpers), ``doctor``,
  ``sheets_cmd`` (``studio sheets``).
- ``bench``: benchmarks of the audit and of generation. ``mcp``: the checker as an
  MCP server.
- ``generation``: ``studio generate`` (the CrewAI Flow and its run folder).
  ``storyboard``: panels, contact sheets, ``audit-frames``.
- ``review``: the findings store, review actions, the web page, ``studio findings``.
"""
