"""Storyboards: every planned shot drawn as a schematic panel.

``render`` holds the renderer interface and the default schematic renderer,
``sheet`` writes the PNGs, the PDF contact sheet and the HTML page, ``commands``
the ``studio storyboard`` and ``studio audit-frames`` commands. Nothing heavy is
imported here, so the CLI starts fast.
"""
