"""The CrewAI crew (writer, shot planner, editor, continuity supervisor).

A placeholder package until the `studio generate` issue: it depends on
``continuity`` only, and ``studio`` depends on it.
"""
