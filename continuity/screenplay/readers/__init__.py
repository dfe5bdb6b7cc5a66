"""Screenplay readers: :mod:`.fountain` (Fountain 1.1), :mod:`.fdx` (Final Draft), :mod:`.pdf`.

Each returns a :class:`continuity.screenplay.model.Script`; :func:`continuity.api.load_script`
picks one by file extension or content (Fountain and FDX through
:func:`continuity.screenplay.io.load_script`).
"""
