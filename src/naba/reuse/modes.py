"""Two ways to look for reuse: between news articles, and between long documents.

They differ because the reader differs. A news reader wants "5 paragraphs of X": passages stop at
the new article's paragraph breaks, and a wire story republished by hundreds of outlets must cost a
few alignments per copy, not hundreds. Text-reuse evaluation (PAN, ExAraPlagDet) wants one
detection per reused stretch, however many paragraphs it spans and however its words were shuffled:
pieces of one stretch are joined, the reordered pass looks wider and accepts less overlap, and
every candidate the index returns is aligned.

The DOCUMENT numbers come from parameter sweeps over the full ExAraPlagDet-2015 set (601 suspicious
documents against 570 sources), one change at a time on top of the one before (sweep figures):
  news settings, every candidate aligned                              plagdet 0.58, pair F1 0.91
  chains not cut at paragraphs; pieces joined (a-gap 800, b-gap 2000) plagdet 0.86
  reordered pass: other-text windows 20x wider, threshold 0.6         plagdet 0.93
  passages under 120 characters dropped                               plagdet 0.94, pair F1 0.965
  the same, only the 20 best candidates (re-ranked) aligned           plagdet 0.89, pair F1 0.89
Re-measured with this module: plagdet 0.942, pair F1 0.965 (P 0.989, R 0.943); run
`python benchmarks/reuse_quality.py`. Long documents share a few sampled stems with most others
(334 of 570 sources pass the candidate filter per suspicious document), and no ranking of them
tried puts the true sources in the first 100 reliably (97%), hence no cap.
They are not used for news. On 3,908 SaudiNewsNet articles (benchmarks/reuse_news_sample.py) the
document settings add 47 pairs, 11 of 12 checked by hand false (two outlets' own reports of one
event, lists of royal titles; the twelfth, two translations of one wire story), and drop 1,172 pairs whose passages are all under 120 characters,
about a third of them real shared sentences; joining would merge paragraphs a reader counts.
News drops stock formulas instead (titles and chained names: naba.reuse.formulas); ExAraPlagDet
has none, so document mode skips the check.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mode:
    """Settings of the alignment and of how many candidates are aligned."""

    name: str
    by_paragraph: bool  # passages stop at the new text's paragraph breaks
    wide: int  # reordered pass: the other text's windows are this many times wider than the new text's
    threshold: float  # reordered pass: share of a window's distinct content words found in the other window
    merge_a: int  # join passages this close in the new text (characters); -1: never join
    merge_b: int  # ... whose spans in the other text are this close (characters)
    min_chars: int  # passages shorter than this in the new text are dropped (0: keep all)
    max_candidates: int | None  # candidates aligned per text, best first (None: all)
    formulas: bool = False  # drop passages that are only titles and names (naba.reuse.formulas)
    one_partner: bool = False  # a stretch of either text in one passage at most; numbers must agree (align)


# News: paragraphs one by one; 20 candidates an article (a wire story's hundreds of copies).
NEWS = Mode("news", by_paragraph=True, wide=5, threshold=0.7, merge_a=-1, merge_b=0, min_chars=0,
            max_candidates=20, formulas=True, one_partner=True)
DOCUMENT = Mode("document", by_paragraph=False, wide=20, threshold=0.6, merge_a=800, merge_b=2000,
                min_chars=120, max_candidates=None)
MODES = {m.name: m for m in (NEWS, DOCUMENT)}


def mode_of(mode: str | Mode) -> Mode:
    """The `Mode` named `mode` (a `Mode` is returned as it is)."""
    if isinstance(mode, Mode):
        return mode
    if mode not in MODES:
        raise ValueError(f"unknown reuse mode {mode!r}; expected one of {sorted(MODES)}")
    return MODES[mode]
