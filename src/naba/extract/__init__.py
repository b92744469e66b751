"""Extraction: named entities, places, dates and quotes, each pointing at its span in `Article.text`.

Per-article stages (`Article -> Article`) live in this package's modules; the story-level step
(entity resolution, places decided by the story's context, dates inferred from the story, the
timeline) lives in `naba.extract.story`.
"""
