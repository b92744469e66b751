"""Copies: near-duplicates and passage-level text reuse between articles, with who copied whom."""

from naba.reuse.align import Passage, align
from naba.reuse.detect import Reuse, ReuseIndex, jaccard
from naba.reuse.tokens import Tokens, tokenize

__all__ = ["Passage", "Reuse", "ReuseIndex", "Tokens", "align", "jaccard", "tokenize"]
