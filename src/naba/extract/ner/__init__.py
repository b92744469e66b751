"""Named entities in Arabic news: PER, ORG, GPE, LOC, MISC, each with its span in `Article.text`.

`find_entities(article)` is the per-article stage; `Tagger` tags tokenised sentences (what
`naba tag --conll` uses). Models load on first use, once.
"""

from naba.extract.ner.stage import entities_of, find_entities
from naba.extract.ner.tagger import Tagger

__all__ = ["Tagger", "entities_of", "find_entities"]
