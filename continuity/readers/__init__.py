"""Screenplay readers: :mod:`.fountain` (Fountain 1.1) and :mod:`.fdx` (Final Draft).

Both return a :class:`continuity.model.Script`; :func:`continuity.io.load_script`
picks one by file extension or content.
"""
