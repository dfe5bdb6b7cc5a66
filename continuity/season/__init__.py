"""Seasons and libraries: several scripts audited as one story, in parallel or on a Ray cluster.

``manifest`` (what a season is: ``series.yaml``, a folder, or a list of scripts),
``work`` (the per-episode work and the cross-episode pass, with the models a
worker loads once), ``mapping`` (a combined audit back to each episode's own
scenes, lines and pages), ``engine`` (the local engine: in process or in
processes up to the cores; the one writer of the caches), ``ray_engine`` (the
same work in Ray actors; imported only when asked for), ``library`` (every
script and series under a folder, one summary table).

A layer above ``continuity.audit`` and below ``continuity.api``: may import
``audit``, ``reports`` and everything below them.
"""
