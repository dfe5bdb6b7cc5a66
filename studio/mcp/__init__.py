"""``studio mcp``: the continuity checker as an MCP server for other agents.

``server`` (the tools over stdio or authenticated HTTP), ``project`` (the tools'
work on one project folder, with its bounds), ``worker`` (heavy tool calls in a
child process that a deadline kills).

May import: ``studio.review``, ``continuity``.
"""
