"""Which texts are the same article: exact fingerprints and near-duplicate search.

Pure functions and an index over the archive file's own tables; the archive's
writer drives them, nothing else writes through them.
"""
