"""Fusion: facts across outlets, corroboration, contradictions, unique facts and a cited brief.

    from naba.fuse import fuse, relate
    story = fuse(story, {a.id: a for a in articles}, reuse, brief_sentences=6)
    relate("ارتفاع أسعار النفط", "انخفاض أسعار النفط")   # ("contradiction", 0.9…)

Nothing is loaded at import; the word lists and the pair model load on first use.
"""

from naba.fuse.claims import Claim, claims_of
from naba.fuse.relate import relate
from naba.fuse.stage import fuse

__all__ = ["Claim", "claims_of", "fuse", "relate"]
