"""Checks: the findings model, and one module per check, each with one entry point ``check(ctx)``.

``findings`` (Finding, Evidence, Report: what an audit returns, with its stable
JSON), ``registry`` (the checks by name, in the order they run), and the checks:
``appearance``, ``wardrobe``, ``prop`` and ``prop_look``, ``name``, ``timeline``,
``location``, ``voice``, ``address`` (names in dialogue and action), and ``style``
(only when the bible's style section asks for it). A check reads the story's one reading
(:class:`continuity.story.context.Context`) and yields findings; none imports
another check or the module that runs them (:mod:`continuity.audit`).

May import: ``continuity.story`` and everything below it.
"""
