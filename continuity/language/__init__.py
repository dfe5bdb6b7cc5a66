"""Language: the words continuity depends on, and reading what sentences mean.

``lexicon`` (colours, garments, sides, times: the closed vocabularies), ``parse``
(spaCy dependency parses, cached by content), ``embedding`` and ``minilm`` (sentence
embeddings with all-MiniLM-L6-v2 in NumPy, cached, FAISS search), ``words`` (the
grammar of messages: counts and articles).

May import: ``continuity.errors``, ``continuity.settings``. Knows nothing of
screenplays, bibles or stories.
"""
