"""``studio generate``: a treatment turned into a script, shot list and report by the crew.

``commands`` (the command and its summary), ``runs`` (set up the crew and flow,
resume, write the run folder), ``flow`` (the CrewAI Flow: generate, verify, route),
``state`` (its typed, durable state), ``scene_steps`` (write and verify one scene),
``pieces`` (a scene assembled from the writer's typed pieces), ``progress`` (what
the run shows while it works).

May import: ``agents``, ``continuity``, ``studio.review`` (runs are review projects).
"""
