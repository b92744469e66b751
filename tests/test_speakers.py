"""naba.extract.speakers: a short speaker («السفارة», «سفارتها») named in full from earlier in its article."""

from __future__ import annotations

import pytest

from naba.extract.resolve import link_speakers
from naba.extract.speakers import name_speakers
from naba.model import Article

# Written for these tests.


def _article(text: str, entities: list[tuple[str, str]]) -> Article:
    """An article whose tagger found `entities` ((text, type), each at its first place in the text)."""
    found = [{"text": name, "type": kind, "span": [text.index(name), text.index(name) + len(name)]}
             for name, kind in entities]
    return Article(body=text, text=text, source_kind="text", id="a1", entities=found)


def _quote(text: str, speaker: str) -> dict:
    start = text.rindex(speaker)
    return {"speaker": speaker, "speaker_span": [start, start + len(speaker)], "verb": "قالت",
            "text": "…", "kind": "indirect", "via": [], "span": [start + len(speaker), len(text)]}


def _named(text: str, speaker: str, entities=()) -> dict:
    [quote] = name_speakers([_quote(text, speaker)], _article(text, list(entities)))
    if "speaker_full" in quote:
        assert text[slice(*quote["speaker_full_span"])] in quote["speaker_full"]
    return quote


@pytest.mark.parametrize("text, speaker, entities, full", [
    ("طالبت السفارة الروسية في دمشق المواطنين بالمغادرة.\nوقالت السفارة في بيان إن الوضع صعب.",
     "السفارة", [("دمشق", "GPE")], "السفارة الروسية في دمشق"),
    # diacritics, tatweel and a conjunction on the title word: matched folded, given back as written
    ("طالبت والسفارةُ الروسيـة في دمشق المواطنين بالمغادرة.\nوقالت الســفارة إن الوضع صعب.",
     "الســفارة", [("دمشق", "GPE")], "السفارةُ الروسيـة في دمشق"),
    ("أفاد مصدر مقرّب من حزب الله بأن المقاتلين وصلوا.\nوأشار المصدر إلى أن المعارك مستمرة.",
     "المصدر", [("حزب الله", "ORG")], "مصدر مقرّب من حزب الله"),
    ("التقى وزير الخارجية الأردني أيمن الصفدي نظيره أمس. وقال الوزير إن اللقاء كان مثمرا.",
     "الوزير", [("أيمن الصفدي", "PER")], "وزير الخارجية الأردني أيمن الصفدي"),
    # the Commission, not its president: after another title word the name is that title's
    ("تحدث رئيس المفوضية الأوروبية جان كلود يونكر أمس.\nوقالت المفوضية إن المفاوضات صعبة.",
     "المفوضية", [("جان كلود يونكر", "PER")], "المفوضية الأوروبية"),
    # the speaker's own title word with a name after it, cut short by the quote's reading
    ("أشاد الفنان عمر الجاسر بالعمل. وطالب الفنان المصمّم يحيى البشري بدعم المسرح.",
     "الفنان", [("عمر الجاسر", "PER"), ("يحيى البشري", "PER")], "الفنان المصمّم يحيى البشري"),
])
def test_a_short_speaker_takes_its_fuller_mention(text, speaker, entities, full):
    quote = _named(text, speaker, entities)
    assert quote["speaker_full"] == full
    assert quote["speaker"] == speaker  # as written, with its span


def test_a_possessive_speaker_is_its_owners():
    text = "وكانت الصين قد اتخذت خطوة مشابهة، حيث دعت سفارتها رعاياها إلى المغادرة."
    quote = _named(text, "سفارتها", [("الصين", "GPE")])
    assert quote["speaker_full"] == "سفارة الصين"
    assert text[slice(*quote["speaker_full_span"])] == "الصين"


@pytest.mark.parametrize("text, speaker, entities", [
    ("وقالت الوزارة إن الطرق مغلقة.", "الوزارة", []),  # no fuller mention
    ("تجمع المحتجون أمام مبنى الوزارة الرئيسي.\nوقالت الوزارة إن الطرق مغلقة.", "الوزارة", []),  # the building's adjective
    ("وصل الوفد.\nوقالت سفارتها إن الرحلات مستمرة.", "سفارتها", [("الوفد", "ORG")]),  # its owner is in another sentence
    ("قال السفير الأمريكي أمس.\nوقال أحمد إن الأمر انتهى.", "أحمد", [("أحمد", "PER")]),  # not a title word
    # a name two words on is the speaker's only across a definite qualifier, not across «إن» or «في»
    ("وقالت الوزارة إن مالك المنزل غادر.", "الوزارة", [("مالك", "PER")]),
    ("وقال المجلس في بيانه إن القرار نهائي.", "المجلس", [("بيانه", "PER")]),
])
def test_no_fuller_name_is_guessed(text, speaker, entities):
    assert "speaker_full" not in _named(text, speaker, entities)


def test_the_full_name_links_the_speaker_to_an_entity():
    quote = {"speaker": "الوزير", "speaker_full": "وزير الخارجية الروسي سيرغي لافروف", "text": "…"}
    entity = {"name": "سيرغي لافروف", "type": "PER", "variants": ["سيرغي لافروف", "لافروف"]}
    assert link_speakers([quote], [entity])[0]["speaker_entity"] == "سيرغي لافروف"
    assert link_speakers([{**quote, "speaker_full": None}], [entity])[0]["speaker_entity"] is None
