"""Unit tests of the named-entity stage: tokens and offsets, spans, clitics, place types, bad input, CLI."""

from __future__ import annotations

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from naba.cli import main
from naba.errors import UsageError
from naba.extract.ner import Tagger, entities_of, find_entities
from naba.extract.ner.conll import entities, normalise_tag, score
from naba.extract.ner.stage import _clitic_length, _entity_type, _place_type
from naba.extract.ner.tokens import Token, sentences, tokenize
from naba.model import Article

# Written for these tests: a minister and a president by name, a city, a ministry, Arabic punctuation,
# diacritics, tatweel and Arabic-Indic digits.
NEWS = ("أعلنت وزارة الخارجية المصرية، مساء الأحد ١٤ كانون الأول، أنّ الوزير سامح شكري سيزور موسكو؛ "
        "وقال المتحدث باسم الوزارة إن اللقاء مع الرئيس الروسي فلاديمير بوتين «مهمٌّ جداً».\n"
        "هل يصل الوفد إلى بغداد قبل الخميس؟ وتـــأتي الزيارة بعد أسابيع من التوتر.")


def test_tokens_slice_the_text_and_split_arabic_punctuation():
    tokens = tokenize(NEWS)
    assert all(NEWS[t.start:t.end] == t.text for t in tokens)
    texts = [t.text for t in tokens]
    for mark in ("،", "؛", "«", "»", "؟"):
        assert mark in texts
    assert "أنّ" in texts and "١٤" in texts and "وتـــأتي" in texts  # diacritics, digits, tatweel stay in


def test_tokens_keep_clitics_attached_as_anercorp_does():
    assert [t.text for t in tokenize("وبالعاصمة والرياض")] == ["وبالعاصمة", "والرياض"]


@pytest.mark.parametrize("text, expected", [
    ("ارتفع المؤشر 3.5% أمس", ["ارتفع", "المؤشر", "3.5%", "أمس"]),
    ("بلغ ٤٥٠٫٥ مليون", ["بلغ", "٤٥٠٫٥", "مليون"]),
    ("(د ب أ)", ["(", "د", "ب", "أ", ")"]),
])
def test_numbers_and_brackets(text, expected):
    assert [t.text for t in tokenize(text)] == expected


def test_sentences_end_at_question_marks_and_line_breaks():
    lines = [" ".join(t.text for t in s) for s in sentences(NEWS)]
    assert lines[1].startswith("هل يصل") and lines[1].endswith("؟")
    assert lines[0].endswith(". »") or lines[0].endswith("» .")


def test_entities_slice_the_text():
    found = entities_of(NEWS, model="crf")
    assert found, "no entity found in a sentence naming a minister, a president and cities"
    for entity in found:
        s, e = entity["span"]
        assert NEWS[s:e] == entity["text"]
        assert entity["type"] in {"PER", "ORG", "GPE", "LOC", "MISC"}


def test_people_and_places_are_found_and_typed():
    found = {(e["text"], e["type"]) for e in entities_of(NEWS, model="crf")}
    assert ("فلاديمير بوتين", "PER") in found
    assert ("موسكو", "GPE") in found
    assert ("بغداد", "GPE") in found


def test_find_entities_returns_the_same_article():
    article = Article(body=NEWS, text=NEWS, source_kind="text")
    assert find_entities(article) is article
    assert article.entities and all(NEWS[slice(*e["span"])] == e["text"] for e in article.entities)


@pytest.mark.parametrize("text", ["", "   \n\n ", "Breaking news: markets rally in London.", "؟؟ ... «»", "١٢٣"])
def test_bad_or_non_arabic_text_gives_a_list(text):
    assert isinstance(entities_of(text, model="crf"), list)


def test_very_long_text_without_end_marks():
    text = " ".join(["زار الرئيس عبد الفتاح السيسي مدينة الإسكندرية"] * 400)  # 2,800 tokens, no full stop
    found = entities_of(text, model="crf")
    assert all(text[slice(*e["span"])] == e["text"] for e in found)


def _first(text: str) -> Token:
    return tokenize(text)[0]


@pytest.mark.parametrize("word, kind, cut", [
    ("وبيروت", "LOC", 1),     # conjunction before a town the gazetteer holds
    ("ببغداد", "LOC", 1),     # preposition before a town
    ("بالعراق", "LOC", 1),    # preposition before the article
    ("وبالعراق", "LOC", 2),
    ("للأمم", "ORG", 0),      # ل + الأمم: no slice of the text spells الأمم
    ("وللأمم", "ORG", 1),     # the conjunction goes, the preposition fused with the article stays
    ("وزارة", "ORG", 0),      # a listed word that begins with و
    ("بغداد", "LOC", 0),      # a town whose first letter looks like a preposition
    ("كمال", "PER", 0),       # a name whose first letter looks like a preposition
    ("بايدن", "PER", 0),      # ايدن is a Turkish town, but this is a person
    ("بريف", "LOC", 1),       # preposition before a place word: بريف درعا is ريف درعا
    ("وبمدينة", "LOC", 2),
    ("بلدة", "LOC", 0),       # the place word itself
])
def test_leading_clitics(word, kind, cut):
    assert _clitic_length(_first(word), kind) == cut


@pytest.mark.parametrize("name, kind", [
    ("القاهرة", "GPE"), ("سوريا", "GPE"), ("الولايات المتحدة", "GPE"), ("محافظة إدلب", "GPE"),
    ("نهر النيل", "LOC"), ("الشرق الأوسط", "LOC"), ("البحر الأحمر", "LOC"), ("صحراء سيناء", "LOC"),
])
def test_place_types(name, kind):
    assert _place_type(name) == kind


@pytest.mark.parametrize("name, kind, expected", [
    ("قسد", "MISC", "ORG"), ("الأناضول", "LOC", "ORG"), ("وداعش", "MISC", "ORG"), ("دمشق", "LOC", "GPE"),
    ("ماكرون", "PER", "PER"),
])
def test_known_organisations_are_retyped(name, kind, expected):
    assert _entity_type(name, kind) == expected


def test_unknown_model_is_a_usage_error():
    with pytest.raises(UsageError, match="'model' parameter"):
        Tagger(model="bert")


def test_conll_tags_and_scoring():
    assert normalise_tag("B-PERS") == "B-PER" and normalise_tag("I-GPE") == "I-LOC"
    assert normalise_tag("B-DATE") == "O"
    assert entities(["I-ORG", "I-ORG", "O", "B-PER"]) == {(0, 2, "ORG"), (3, 4, "PER")}
    scores = score([["B-PER", "I-PER", "O", "B-LOC"]], [["B-PER", "I-PER", "O", "B-ORG"]])
    assert scores["overall"]["f1"] == pytest.approx(0.5)
    assert scores["PER"]["f1"] == 1.0 and scores["LOC"]["recall"] == 0.0


def _tag(*args, stdin: str | None = None):
    return CliRunner().invoke(main, ["tag", *args], input=stdin)


def test_cli_tags_stdin_and_keeps_sentence_breaks():
    conll = "التقى O\nالرئيس O\nمحمود B-PERS\nعباس I-PERS\n\nفي O\nرام B-LOC\nالله I-LOC\n"
    result = _tag("--conll", "-", "--model", "crf", stdin=conll)
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    assert lines[:4] == ["التقى\tO", "الرئيس\tO", "محمود\tB-PER", "عباس\tI-PER"]
    assert lines[4] == "" and lines[5].startswith("في\t")


def test_cli_missing_file_is_an_error(tmp_path):
    result = _tag("--conll", str(tmp_path / "absent.txt"))
    assert result.exit_code == 1
    assert "absent.txt" in result.stderr and "Traceback" not in result.output


def test_cli_empty_file_writes_nothing_and_says_so(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    result = _tag("--conll", str(empty))
    assert result.exit_code == 0 and result.stdout == ""
    assert "holds no tokens" in result.stderr


def test_cli_warns_of_a_sentence_written_on_one_line():
    """CoNLL takes a line's first column: a sentence on one line is tagged as its first word, which a
    user must hear; a token with its tags (Latin) or one Arabic lemma column is no such line."""
    result = _tag("--conll", "-", "--model", "crf", stdin="قال محمد بن سلمان في الرياض إن\n")
    assert result.exit_code == 0 and result.stdout.startswith("قال\t")
    assert "1 line of --conll holds several Arabic words" in result.stderr
    quiet = _tag("--conll", "-", "--model", "crf", stdin="قال O فعل\nمحمد B-PERS محمد\n")
    assert "warning" not in quiet.stderr and "tagged 2 tokens" in quiet.stderr


# People, organisations and places each seed report names (checked by reading them).
SEED_ENTITIES = [
    ("000", "مظلوم عبدي", "PER"), ("000", "هيئة تحرير الشام", "ORG"), ("000", "دمشق", "GPE"),
    ("001", "سيرغي لافروف", "PER"), ("001", "رجب طيب أردوغان", "PER"), ("001", "حلب", "GPE"),
    ("002", "بشار الأسد", "PER"), ("002", "الكرملين", "ORG"), ("002", "روسيا", "GPE"),
    ("003", "عباس عراقجي", "PER"), ("003", "هاكان فيدان", "PER"), ("003", "مجلس الأمن الدولي", "ORG"),
    ("003", "حزب الله", "ORG"), ("003", "الدوحة", "GPE"),
    ("004", "أبو محمد الجولاني", "PER"), ("004", "الفرات", "LOC"), ("004", "السويداء", "GPE"),
]


@pytest.fixture(scope="module")
def seed_entities(shared_dir):
    found = {}
    for path in sorted((shared_dir / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found[path.name[:3]] = {(e["text"], e["type"]) for e in entities_of(text, model="crf")}
    return found


@pytest.mark.shared
@pytest.mark.parametrize("seed, name, kind", SEED_ENTITIES)
def test_seed_entities(seed_entities, seed, name, kind):
    assert (name, kind) in seed_entities[seed]


_ARABIC_PIECES = st.sampled_from(["وزير", "الخارجية", "محمد", "بن", "سلمان", "في", "الرياض", "وبغداد", "للأمم",
                                  "المتحدة", "«", "»", "،", "؛", "؟", ".", "\n", "١٤", "3.5%", "ـــ", "َ", "News",
                                  "", " ", "\u200f"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_ARABIC_PIECES, max_size=40).map(" ".join))
def test_entity_spans_always_slice_the_text(text):
    for entity in entities_of(text, model="crf"):
        s, e = entity["span"]
        assert 0 <= s < e <= len(text) and text[s:e] == entity["text"]
        assert not text[s:e][0].isspace() and not text[s:e][-1].isspace()


@pytest.mark.parametrize("words, labels, expected", [
    (["قال", "زعيم", "هيئة", "تحرير", "الشام", "إن"], ["O", "O", "O", "O", "B-LOC", "O"],
     ["O", "O", "B-ORG", "I-ORG", "I-ORG", "O"]),
    (["ورد", "وحزب", "الله", "اللبناني", "؛"], ["O", "B-ORG", "I-LOC", "I-LOC", "O"],
     ["O", "B-ORG", "I-ORG", "B-LOC", "O"]),  # a proclitic on the first word; the rest no longer continues
    (["حزب", "العمال", "البريطاني"], ["B-ORG", "I-ORG", "I-ORG"], ["B-ORG", "I-ORG", "I-ORG"]),  # not listed
    (["ودعت", "الاخوان", "المسلمين", "؛"], ["O", "O", "O", "O"], ["O", "B-ORG", "I-ORG", "O"]),  # bare alef
    (["وهـيئة", "تحرير", "الشَّام"], ["O", "O", "B-LOC"], ["B-ORG", "I-ORG", "I-ORG"]),  # tatweel, shadda, fatha
])
def test_known_organisations_are_tagged_whole(words, labels, expected):
    from naba.extract.ner.tagger import known_organisations

    assert known_organisations(words, labels) == expected


@pytest.mark.parametrize("words, labels, expected", [
    (["قال", "أبو", "محمد", "الجولاني", "،"], ["O", "B-PER", "B-PER", "I-PER", "O"],
     ["O", "B-PER", "I-PER", "I-PER", "O"]),
    (["التقى", "محمد", "بن", "سلمان", "أمس"], ["O", "B-PER", "I-PER", "B-PER", "O"],
     ["O", "B-PER", "I-PER", "I-PER", "O"]),
    (["قال", "ابو", "محمد"], ["O", "B-PER", "B-PER"], ["O", "B-PER", "I-PER"]),  # أبو written with a bare alef
    (["وصل", "إلى", "أم", "درمان"], ["O", "O", "O", "B-LOC"], ["O", "O", "O", "B-LOC"]),  # أم here is no name
    (["قال", "أحمد", "محمد", "علي"], ["O", "B-PER", "B-PER", "I-PER"], ["O", "B-PER", "B-PER", "I-PER"]),  # two names
])
def test_linked_names_continue_the_name_before(words, labels, expected):
    from naba.extract.ner.tagger import linked_names

    assert linked_names(words, labels) == expected


@pytest.mark.parametrize("words, labels, expected", [
    # «ريف» tagged alone, then the town: one LOC, the countryside of Homs
    (["دخلت", "الفصائل", "ريف", "حمص", "الشمالي"], ["O", "O", "B-LOC", "B-LOC", "O"],
     ["O", "O", "B-LOC", "I-LOC", "O"]),
    (["وسيطرت", "على", "بلدة", "نامر", "بريف", "درعا"], ["O", "O", "O", "B-LOC", "B-LOC", "B-LOC"],
     ["O", "O", "O", "B-LOC", "B-LOC", "I-LOC"]),  # behind the preposition ب
    (["وتنتشر", "في", "مدن", "ريف", "المحافظة"], ["O", "O", "O", "B-LOC", "O"],
     ["O", "O", "O", "O", "O"]),  # no place after it: not a name
    (["ثار", "أهل", "الريف", "في", "المغرب"], ["O", "O", "B-LOC", "O", "B-LOC"],
     ["O", "O", "B-LOC", "O", "B-LOC"]),  # with the article: the Rif, a name
    (["في", "مدينة", "حلب"], ["O", "B-LOC", "I-LOC"], ["O", "B-LOC", "I-LOC"]),  # already one name
    (["وصل", "إلى", "حمص", "ودمشق"], ["O", "O", "B-LOC", "B-LOC"], ["O", "O", "B-LOC", "B-LOC"]),  # two towns
    # «والده» is no «بلدة» behind و + ب: a cue is matched as listed, not as a clitic-stripped stem
    (["سار", "على", "خطى", "والده", "حمص"], ["O", "O", "O", "B-LOC", "B-LOC"], ["O", "O", "O", "B-LOC", "B-LOC"]),
])
def test_a_lone_place_word_joins_its_place_or_is_no_name(words, labels, expected):
    from naba.extract.ner.tagger import place_cues

    assert place_cues(words, labels) == expected


@pytest.mark.parametrize("words, labels, expected", [
    # a month in a date is no name, whichever side says so
    (["قتل", "في", "22", "أبريل", "(", "نيسان", ")", "الماضي"], ["O", "O", "O", "O", "O", "B-ORG", "O", "O"],
     ["O"] * 8),
    (["وفي", "أبريل", "/", "نيسان", "2004", "،"], ["O", "O", "O", "B-ORG", "O", "O"], ["O"] * 6),
    (["في", "18", "نيسان", "قال"], ["O", "O", "B-ORG", "O"], ["O"] * 4),
    (["خلال", "فشهر", "رمضان", "يصوم"], ["O", "O", "B-PER", "O"], ["O"] * 4),  # شهر behind a clitic
    (["في", "رمضان", "المبارك"], ["O", "B-PER", "O"], ["O"] * 3),
    # out of a date a month's name may name something
    (["اشترى", "سيارات", "نيسان", "للدفع"], ["O", "O", "B-ORG", "O"], ["O", "O", "B-ORG", "O"]),
    (["قالت", "نيسان", "(", "Nissan", ")", "إن"], ["O", "B-ORG", "O", "O", "O", "O"],
     ["O", "B-ORG", "O", "O", "O", "O"]),  # a bracket after it, but no month in it
    (["في", "نيسان", "/", "أبريل"], ["O", "B-ORG", "O", "O"], ["O"] * 4),
    (["فلسطين", "/", "نيسان", "(", "26", "/", "4"], ["B-LOC", "O", "B-ORG", "O", "O", "O", "O"],
     ["B-LOC", "O", "O", "O", "O", "O", "O"]),
    (["وقال", "رمضان", "قاديروف", "إن"], ["O", "B-PER", "I-PER", "O"], ["O", "B-PER", "I-PER", "O"]),  # a name's first word
    (["متن", "بيك", "آب", "نيسان", "البقاء"], ["O", "B-MISC", "I-MISC", "B-ORG", "O"],
     ["O", "B-MISC", "I-MISC", "B-ORG", "O"]),  # a month before it, but no bracket or slash between
])
def test_a_month_in_a_date_is_no_name(words, labels, expected):
    from naba.extract.ner.tagger import calendar_months

    assert calendar_months(words, labels) == expected


@pytest.mark.parametrize("words, labels, expected", [
    # the feminine adjective written like the country: after a feminine noun or plural, or coordinated
    (["جراء", "وغارات", "سورية", "وروسية"], ["O", "O", "B-LOC", "O"], ["O"] * 4),
    (["وصلت", "عائلة", "سورية", "إلى", "عمان"], ["O", "O", "B-LOC", "O", "B-LOC"], ["O", "O", "O", "O", "B-LOC"]),
    # the country
    (["قالت", "حكومة", "سورية", "إن"], ["O", "O", "B-LOC", "O"], ["O", "O", "B-LOC", "O"]),  # an adjective_heads noun
    (["من", "شمال", "سورية", "والعراق"], ["O", "O", "B-LOC", "B-LOC"], ["O", "O", "B-LOC", "B-LOC"]),  # والعراق: a country
    (["فصائل", "المعارضة", "السورية"], ["O", "O", "O"], ["O", "O", "O"]),
    (["تأخذ", "تهديدات", "سورية", "بشأن"], ["O", "O", "B-LOC", "O"], ["O", "O", "B-LOC", "O"]),  # after a plural: Syria's (ANERcorp)
    (["هناك", "عائلات", "سعودية", "تحب"], ["O", "O", "B-LOC", "O"], ["O", "O", "O", "O"]),  # the country is السعودية
    (["ألف", "أسرة", "غير", "سعودية", ")"], ["O", "O", "O", "B-PER", "O"], ["O"] * 5),  # whatever its tag
    (["وقوات", "الحكومة", "السورية", "وتنظيم"], ["O", "O", "B-LOC", "O"], ["O"] * 4),  # the country is سورية
    (["الجمهورية", "العربية", "السورية"], ["B-LOC", "I-LOC", "I-LOC"], ["B-LOC", "I-LOC", "I-LOC"]),
    (["زار", "السعودية", "أمس"], ["O", "B-LOC", "O"], ["O", "B-LOC", "O"]),
    (["زار", "سوريا", "وروسيا"], ["O", "B-LOC", "B-LOC"], ["O", "B-LOC", "B-LOC"]),  # not spelled as the adjective
])
def test_a_country_spelled_as_its_adjective_is_no_name_after_a_noun(words, labels, expected):
    from naba.extract.ner.tagger import country_adjectives

    assert country_adjectives(words, labels) == expected


@pytest.mark.parametrize("words, labels, expected", [
    (["الدخيل", "وزيرًا", "للتعليم"], ["B-PER", "B-PER", "O"], ["B-PER", "O", "O"]),
    (["محمد", "بن", "سلمان", "وليًا", "للعهد"], ["B-PER", "I-PER", "I-PER", "I-PER", "I-PER"],
     ["B-PER", "I-PER", "I-PER", "O", "O"]),  # the name ends before the role
    (["عين", "وزيراً", "للخارجية"], ["O", "B-PER", "O"], ["O", "O", "O"]),  # the tanween written after the alef
    (["قابل", "محمدًا", "أمس"], ["O", "B-PER", "O"], ["O", "B-PER", "O"]),  # a name with tanween stays
    (["بن", "نايف", "وليًا", "للعهد", "وأمس"], ["I-PER", "I-PER", "B-LOC", "B-LOC", "O"], ["I-PER", "I-PER", "O", "O", "O"]),
    (["نايف", "وليًا", "للعهد"], ["I-PER", "O", "B-LOC"], ["I-PER", "O", "O"]),  # the title untagged, its complement tagged
    (["قال", "وزير", "الخارجية"], ["O", "B-PER", "O"], ["O", "B-PER", "O"]),  # no tanween: not this rule's
    (["عُيّنت", "وزيرةً", "للثقافة"], ["O", "B-PER", "B-ORG"], ["O", "O", "O"]),  # a feminine title: fathatan on ة
    (["قابلت", "فاطمةً", "أمس"], ["O", "B-PER", "O"], ["O", "B-PER", "O"]),  # a name with tanween stays
])
def test_a_title_someone_is_named_to_is_no_name(words, labels, expected):
    from naba.extract.ner.tagger import accusative_titles

    assert accusative_titles(words, labels) == expected


@pytest.mark.parametrize("words, labels, expected", [
    (["يقول", "لي", "أصدقائي"], ["O", "B-PER", "O"], ["O", "O", "O"]),
    (["وقال", "سموه", "في", "لقائه"], ["O", "B-PER", "O", "O"], ["O", "O", "O", "O"]),
    (["لفيتامين", "«", "دي", "»"], ["O", "O", "B-PER", "O"], ["O", "O", "O", "O"]),
    (["التقى", "لي", "هسين", "لونغ"], ["O", "B-PER", "I-PER", "I-PER"], ["O", "B-PER", "I-PER", "I-PER"]),  # a longer name
    (["والخميس", "،", "دعت", "السفارة"], ["B-PER", "O", "O", "O"], ["O", "O", "O", "O"]),  # a weekday, after و
    (["يوم", "الجمعة", "المقبل"], ["O", "B-MISC", "O"], ["O", "O", "O"]),
    (["وقال", "جمعة", "إن"], ["O", "B-PER", "O"], ["O", "B-PER", "O"]),  # the given name, without the article
    (["مسجد", "الجمعة", "الكبير"], ["O", "B-LOC", "I-LOC"], ["O", "B-LOC", "I-LOC"]),  # in a longer name
])
def test_a_word_that_is_never_a_name_alone(words, labels, expected):
    from naba.extract.ner.tagger import lone_words

    assert lone_words([words], [labels]) == [expected]


@pytest.mark.parametrize("gap, expected", [(3, "B-PER"), (24, "O")])
def test_a_longer_name_keeps_a_lone_word_a_name_only_within_its_document(gap, expected):
    """`finish` reads a document as the spreading does (`DOCUMENT_SENTENCES`): a CoNLL file is one call
    but many news items, so «لي ريدموند» 25 sentences earlier says nothing of «لي» here."""
    from naba.extract.ner.tagger import finish

    sentences = [["قالت", "لي", "ريدموند", "أمس"], *[["جاء", "الخبر"]] * gap, ["بدأ", "عمر", "أظافر", "لي", "يقترب"]]
    labels = [["O", "B-PER", "I-PER", "O"], *[["O", "O"]] * gap, ["O", "O", "O", "B-PER", "O"]]
    assert finish(sentences, labels)[-1] == ["O", "O", "O", expected, "O"]


def test_a_word_never_a_name_alone_is_one_where_the_document_has_its_longer_name():
    """ANERcorp: after «لي ريدموند», «أظافر لي» is Lee's nails."""
    from naba.extract.ner.tagger import lone_words

    sentences = [["قالت", "لي", "ريدموند", "أمس"], ["بدأ", "عمر", "أظافر", "لي", "يقترب"]]
    labels = [["O", "B-PER", "I-PER", "O"], ["O", "O", "O", "B-PER", "O"]]
    assert lone_words(sentences, labels) == labels


def test_a_month_is_not_spread_into_a_date():
    """`Tagger.tag`'s last step: «رمضان» tagged out of a date is not spread to «شهر رمضان» beside it."""
    from naba.extract.ner.tagger import finish

    sentences = [["أجواء", "رمضان", "في", "المدينة"], ["وفي", "شهر", "رمضان", "تزدحم", "الأسواق"]]
    labels = [["O", "B-PER", "O", "O"], ["O", "O", "O", "O", "O"]]
    assert finish(sentences, labels) == [["O", "B-PER", "O", "O"], ["O"] * 5]


# Written for this test: multi-word places and organisations (the list-phrase features), a two-word
# sentence, Latin letters and digits, tatweel, diacritics and Arabic-Indic digits (a one-word sentence
# is added in the test).
CRF_SENTENCES = [
    [t.text for t in s] for s in sentences(
        "أعلنت الولايات المتحدة وهيئة تحرير الشام أن المفاوضات في الدوحة ستستأنف. "
        "وقال وزير الخارجية الروسي سيرغي لافروف إن موسكو تراقب الوضع في دير الزور. "
        "نعم. عاجل الآن. وصلت بعثة الأمم المتحدة UNAMI إلى بغداد في 12 آذار 2024.\n"
        "وأكد رئيس الوزراء العراقي محمد شياع السوداني أن «المرحلة المقبلة» تتطلب الحوار.\n"
        "وتـــأتي زيارةُ الوزيرِ إلى أنقرة في ١٤ كانون الأول، بحسب وكالة الأناضول.")]


def test_the_crf_gives_crfsuites_labels_and_marginals():
    """naba scores the shipped CRF itself (naba.extract.ner.crf); python-crfsuite's tagger, fed the full
    feature strings, must agree on every label and every marginal."""
    pycrfsuite = pytest.importorskip("pycrfsuite")
    from naba.extract.ner.features import sentence_features
    from naba.extract.ner.tagger import LABELS

    tagger = Tagger(model="crf")
    reference = pycrfsuite.Tagger()
    reference.open(str(tagger._file("crf.model")))
    batch = CRF_SENTENCES + [["عاجل"], []]
    ours = tagger._crf.tag(batch)
    assert len(batch) == 9 and ours[-1] == [] and len(ours[-2]) == 1
    for words, labels in zip(batch[:-1], ours):
        assert labels == reference.tag(sentence_features(words))
        reference.set(sentence_features(words))
        expected = [[reference.marginal(lab, i) for lab in LABELS] for i in range(len(words))]
        assert np.abs(tagger._crf.marginals(words) - np.array(expected)).max() < 1e-9
    assert any(lab != "O" for labels in ours for lab in labels)


def test_the_arabic_word_shape_shortcut_agrees_with_the_per_character_rule() -> None:
    """Words of Arabic-block characters take a regex shortcut to shape "a"; every character of the
    blocks (digits, punctuation and marks included), alone, repeated past MAX_WORD and beside a
    Latin letter or a digit, gets the shape the per-character rule gives."""
    from naba.extract.ner import features

    blocks = [chr(c) for c in [*range(0x0600, 0x0700), *range(0x0750, 0x0780)]]
    words = [w for c in blocks for w in (c, c * 3, "قال" + c, c * features.MAX_WORD + "x", c + "7")]
    assert [features._shape(w) for w in words] == [features._shape_by_characters(w) for w in words]
    assert features._shape("وزير") == "a" and features._shape("٢٠٢٤") == "d" and features._shape("ق٢") == "ad"


def test_the_crf_gives_the_same_labels_when_its_word_table_fills(monkeypatch):
    """The CRF keeps each word form's score shares in a table of at most WORD_CACHE forms; a table that
    fills mid-article starts again and grows as needed, without changing a label."""
    from naba.extract.ner import crf

    batch = CRF_SENTENCES + [["عاجل"], []]
    expected = Tagger(model="crf")._crf.tag(batch)
    small = Tagger(model="crf")._crf
    monkeypatch.setattr(crf, "WORD_CACHE", 5)
    small._table, small._opens = small._table[:2].copy(), small._opens[:2].copy()
    small._ids.clear()
    assert small.tag(batch) == expected and small.tag(batch[::-1]) == expected[::-1]


# ---------------------------------------------------------------- one name, one reading per document

def _spread(*tagged: str) -> list[str]:
    """Sentences written as «word/TAG word …» (no tag: O) through `consistent`; the tags, one string per sentence."""
    from naba.extract.ner.consistency import consistent

    rows = [[w.partition("/") for w in s.split()] for s in tagged]
    out = consistent([[w for w, _, _ in r] for r in rows], [[t or "O" for _, _, t in r] for r in rows])
    return [" ".join(tags) for tags in out]


def test_a_tagged_name_is_tagged_where_it_recurs_untagged_even_behind_a_proclitic():
    assert _spread("التقى/O الرئيس/O محمود/B-PER عباس/I-PER أمس/O", "وقال/O محمود/O عباس/O إن/O",
                   "وأشاد/O بمحمود/O عباس/O") == [
        "O O B-PER I-PER O", "O B-PER I-PER O", "O B-PER I-PER"]


def test_a_name_spreads_across_hamza_alef_ta_marbuta_tatweel_and_diacritics_and_behind_lam_before_hamza():
    assert _spread("التقى/O أردوغان/B-PER", "وقال/O اردوغان/O", "ووصل/O أردوغـــان/O", "وكتب/O لأردوغان/O",
                   "وكتب/O لِأردوغان/O", "في/O طهران/B-LOC", "وصلت/O إلى/O طهرانَ/O", "وعاد/O ولِإيران/O",
                   "في/O إيران/B-LOC", "زار/O الجامعة/B-ORG", "في/O الجامعه/O") == [
        "O B-PER", "O B-PER", "O B-PER", "O B-PER", "O B-PER", "O B-LOC", "O O B-LOC", "O B-LOC", "O B-LOC",
        "O B-ORG", "O B-ORG"]


@pytest.mark.parametrize("text, kept", [
    ("وقال مصدر مقرب لأردوغان إن اللقاء إيجابي. وأضاف أن أردوغان سيزور دمشق.", "أردوغان"),
    ("وقال مصدر مقرب لِأردوغان إن اللقاء إيجابي. وأضاف أن أردوغان سيزور دمشق.", "أردوغان"),  # a mark on the lam
])
def test_a_name_behind_lam_before_hamza_is_spanned_without_the_lam_and_resolves_to_its_name(text, kept):
    from naba.extract.resolve import resolve_entities

    article = find_entities(Article(body=text, text=text, source_kind="text", id="a"))
    assert [e["text"] for e in article.entities if e["type"] == "PER"] == [kept, kept]
    assert [e["name"] for e in resolve_entities([article]) if e["type"] == "PER"] == [kept]


def test_a_name_does_not_spread_to_its_adjective():
    assert _spread("زار/O سورية/B-LOC", "الحكومة/O السورية/O", "وفي/O سورية/O", "وللأسد/O", "قال/O الأسد/B-PER") == [
        "O B-LOC", "O O", "O B-LOC", "B-PER", "O B-PER"]


def test_a_tag_the_model_gave_is_kept_and_the_most_frequent_type_wins():
    assert _spread("زار/O الأردن/B-LOC", "دعم/O الأردن/B-LOC", "قال/O الأردن/B-ORG", "في/O الأردن/O") == [
        "O B-LOC", "O B-LOC", "O B-ORG", "O B-LOC"]


def test_a_longer_name_is_spread_before_its_first_word_and_short_words_are_not():
    assert _spread("قال/O حزب/B-ORG العمال/I-ORG الكردستاني/I-ORG", "حزب/B-ORG", "عن/O حزب/O العمال/O الكردستاني/O",
                   "هو/B-PER", "قال/O هو/O") == [
        "O B-ORG I-ORG I-ORG", "B-ORG", "O B-ORG I-ORG I-ORG", "B-PER", "O O"]


def test_names_do_not_spread_past_a_document_window():
    from naba.extract.ner.consistency import DOCUMENT_SENTENCES

    filler = ["ثم/O انتهى/O الاجتماع/O"] * (DOCUMENT_SENTENCES - 2)
    out = _spread("وصل/O أردوغان/B-PER", *filler, "استقبل/O أردوغان/O", "غادر/O أردوغان/O")
    assert out[DOCUMENT_SENTENCES - 1] == "O B-PER" and out[DOCUMENT_SENTENCES] == "O O"


def test_the_tagger_output_is_consistent_within_a_document():
    words = [["استقبل", "الرئيس", "محمود", "عباس", "في", "رام", "الله", "الوفد"], ["وقال", "عباس", "إن", "الزيارة", "مهمة"]]
    tagged = Tagger(model="crf").tag(words)
    assert tagged[0][2:4] == ["B-PER", "I-PER"] and tagged[1][1] == "B-PER"


def _entities_tag_by_tag(tags: list[str]) -> set[tuple[int, int, str]]:
    """conlleval's reading of BIO, one tag at a time (what `entities` computes skipping the O tags)."""
    found, start, kind = set(), None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, this = tag.partition("-")
        if start is not None and (prefix != "I" or this != kind):
            found.add((start, i, kind))
            start = None
        if prefix == "B" or (prefix == "I" and start is None):
            start, kind = i, this
    return found


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["O", "O", "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "I-ORG"]), max_size=30))
def test_entities_read_bio_as_conlleval_does(tags):
    assert entities(tags) == _entities_tag_by_tag(tags)


@pytest.mark.parametrize("words, labels, expected", [
    # after a crossing, a town or a camp a "person" is the place; a trailing definite adjective is not
    (["وأغلق", "معبر", "جابر", "الحدودي", "مع", "الأردن"], ["O", "O", "B-PER", "I-PER", "O", "B-LOC"],
     ["O", "O", "B-LOC", "O", "O", "B-LOC"]),
    (["سيطرت", "الفصائل", "على", "بلدة", "أبو", "الظهور"], ["O", "O", "O", "O", "B-PER", "I-PER"],
     ["O", "O", "O", "O", "B-LOC", "I-LOC"]),
    (["في", "ولاية", "ميناس", "غيرايس"], ["O", "O", "B-PER", "I-PER"], ["O", "O", "B-LOC", "I-LOC"]),
    # streets and airports are named after people: the person stays
    (["في", "شارع", "الملك", "فهد"], ["O", "O", "B-PER", "I-PER"], ["O", "O", "B-PER", "I-PER"]),
    (["هبطت", "في", "مطار", "حيدر", "علييف"], ["O", "O", "O", "B-PER", "I-PER"], ["O", "O", "O", "B-PER", "I-PER"]),
    # a father is no town, though «والده» ends like «بلدة» behind و + ب
    (["على", "خطى", "والده", "سلمان"], ["O", "O", "O", "B-PER"], ["O", "O", "O", "B-PER"]),
])
def test_a_person_after_a_place_word_is_the_place(words, labels, expected):
    from naba.extract.ner.tagger import place_cues

    assert place_cues(words, labels) == expected


# From an audit of the CRF on SaudiNewsNet (session 19); sentences written for these tests.

@pytest.mark.parametrize("words, labels, expected", [
    (["زار", "جامعة", "الأمير", "سطام", "بن", "عبدالعزيز", "بالخرج"],
     ["O", "B-ORG", "O", "B-PER", "I-PER", "I-PER", "I-PER"],
     ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "B-LOC"]),  # «بالخرج»: where it is
    (["هبط", "في", "مطار", "الملك", "فهد", "الدولي"],
     ["O", "O", "O", "B-MISC", "I-MISC", "O"],
     ["O", "O", "B-LOC", "I-LOC", "I-LOC", "I-LOC"]),
    (["قدم", "مركز", "الملك", "سلمان", "للإغاثة", "والأعمال", "الإنسانية", "مساعدات"],
     ["O", "O", "B-PER", "I-PER", "O", "O", "O", "O"],
     ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]),
    # a town named after a sheikh stays as the model read it
    (["في", "مدينة", "الشيخ", "زويد"], ["O", "O", "B-LOC", "I-LOC"], ["O", "O", "B-LOC", "I-LOC"]),
    # no name tagged after the title: nothing to join
    (["في", "جامعة", "الملك", "الجديدة"], ["O", "O", "O", "O"], ["O", "O", "O", "O"]),
])
def test_an_institution_named_after_a_royal_is_one_name(words, labels, expected):
    from naba.extract.ner.tagger import royal_institutions

    assert royal_institutions(words, labels) == expected


@pytest.mark.parametrize("words, labels, expected", [
    (["أجبر", "المدرب", "اللاعب", "على", "حقن", "نفسه"], ["O", "O", "O", "B-PER", "I-PER", "O"], ["O"] * 6),
    (["قال", "الرئيس", "هادي", "على", "طرد", "المتمردين"], ["O", "O", "B-PER", "I-PER", "I-PER", "O"],
     ["O", "O", "B-PER", "O", "O", "O"]),
    (["قال", "السفير", "على", "الصادق"], ["O", "O", "B-PER", "I-PER"], ["O", "O", "B-PER", "I-PER"]),
    # the name «علي», written with ي, is a name
    (["التقى", "علي", "الصادق", "الوفد"], ["O", "B-PER", "I-PER", "O"], ["O", "B-PER", "I-PER", "O"]),
    (["وأكد", "المسؤول", "على", "أهمية", "التعاون"], ["O", "O", "B-PER", "O", "O"], ["O"] * 5),
])
def test_the_preposition_ala_is_no_name(words, labels, expected):
    from naba.extract.ner.tagger import preposition_ala

    assert preposition_ala(words, labels) == expected


def test_a_newspaper_in_quote_marks_is_an_organisation_not_the_region():
    from naba.extract.ner.tagger import quoted_outlets

    words = ["وقال", "مصدر", "لـ", "«", "الشرق", "الأوسط", "»", "إن", "الشرق", "الأوسط", "متوتر"]
    labels = ["O", "O", "O", "O", "B-LOC", "I-LOC", "O", "O", "B-LOC", "I-LOC", "O"]
    assert quoted_outlets(words, labels) == ["O", "O", "O", "O", "B-ORG", "I-ORG", "O", "O", "B-LOC", "I-LOC", "O"]


def test_a_place_after_an_administrative_word_is_a_gpe():
    """ANERcorp's spans leave «محافظة» out; the word before the span still says it is an administrative place."""
    from naba.extract.ner.stage import _entity_type

    assert _entity_type("أبين", "LOC", after_admin=True) == "GPE"
    assert _entity_type("أبين", "LOC") == "LOC"
    assert _entity_type("الفرات", "LOC", after_admin=True) == "LOC"  # a river stays a natural place


def test_a_proclitic_the_same_text_shows_without_it_is_cut_off():
    from naba.extract.ner.stage import _clitics_by_document

    text = "قال مسؤول في حزب العمال إن الهدنة انتهت، وقال مسؤول لحزب العمال إنها قائمة. ولبنان بلد."
    found = [{"text": t, "type": k, "span": [text.index(t), text.index(t) + len(t)]}
             for t, k in (("حزب العمال", "ORG"), ("لحزب العمال", "ORG"), ("ولبنان", "GPE"))]
    out = _clitics_by_document(found)
    assert [(e["text"], e["type"]) for e in out] == [("حزب العمال", "ORG"), ("حزب العمال", "ORG"), ("ولبنان", "GPE")]
    assert all(text[slice(*e["span"])] == e["text"] for e in out)


def test_an_institution_noun_alone_refers_back_and_is_no_name():
    from naba.extract.ner.tagger import generic_heads

    words = ["وقالت", "الشركة", "إن", "شركة", "أرامكو", "ستعلن", "واللجنة", "العامة", "للانتخابات"]
    labels = ["O", "B-ORG", "O", "B-ORG", "I-ORG", "O", "B-ORG", "I-ORG", "I-ORG"]
    assert generic_heads(words, labels) == ["O", "O", "O", "B-ORG", "I-ORG", "O", "B-ORG", "I-ORG", "I-ORG"]


def test_review_fixes_for_names():
    from naba.extract.ner.stage import _clitics_by_document
    from naba.extract.ner.tagger import royal_institutions

    words = ["منح", "جائزة", "الأمير", "فيصل", "بن", "بندر"]
    assert royal_institutions(words, ["O", "O", "O", "B-PER", "I-PER", "I-PER"]) == \
        ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG"]
    text = "قال بشار الأسد إن شار الأسد غائب."
    found = [{"text": t, "type": "PER", "span": [text.index(t), text.index(t) + len(t)]} for t in ("بشار الأسد", "شار الأسد")]
    assert _clitics_by_document(found)[0]["text"] == "بشار الأسد"


def test_a_persons_name_does_not_end_on_the_title_after_it():
    """The tagger reads «الأمير محمد بن سلمان بن عبدالعزيز ولي ولي العهد» as «… ولي» (53 names of
    SaudiNewsNet records 27,000-29,999); «عبدالله بن مساعد» is a name."""
    from naba.extract.ner.stage import _ends_on_deputy_word

    ends = {name: _ends_on_deputy_word(name.split()) for name in (
        "محمد بن سلمان بن عبدالعزيز ولي", "محمد بن نايف ولي", "عبدالله بن مساعد", "ولي")}
    assert ends == {"محمد بن سلمان بن عبدالعزيز ولي": True, "محمد بن نايف ولي": True,
                    "عبدالله بن مساعد": False, "ولي": False}
    text = "وصل صاحب السمو الملكي الأمير محمد بن سلمان بن عبدالعزيز ولي ولي العهد إلى عمّان أمس."
    people = [e["text"] for e in entities_of(text, model="crf") if e["type"] == "PER"]
    assert people and not any(p.endswith("ولي") for p in people)


@pytest.mark.parametrize("text, names", [
    ("أطلقت الهيئة العامة للغذاء والدواء حملة للتفتيش على الأسواق.", ["الهيئة العامة للغذاء والدواء"]),
    ("وقالت هيئة الاتصالات وتقنية المعلومات إن الأسعار ستنخفض.", ["هيئة الاتصالات وتقنية المعلومات"]),
    ("وأعلنت المديرية العامة للجوازات تمديد المهلة حتى نهاية شوال.", ["المديرية العامة للجوازات"]),
    ("وبحسب لوزارة الشؤون البلدية والقروية فإن المشروع اكتمل.", ["وزارة الشؤون البلدية والقروية"]),
    # a title, a word of time and the object of a decision end the name
    ("وقال النائب الثاني لرئيس مجلس الوزراء وزير الدفاع إن القوات جاهزة.", ["مجلس الوزراء"]),
    ("وقرر مجلس الوزراء الموافقة على النظام الجديد.", ["مجلس الوزراء"]),
    ("وأكدت وزارة الداخلية اليوم أن الهجوم فشل.", ["وزارة الداخلية"]),
    # written with marks and tatweel, as pages have them
    ("وأطلقت الهيئةُ العامةُ للغذاءِ والدواءِ حملةً للتفتيش.", ["الهيئةُ العامةُ للغذاءِ والدواءِ"]),
    ("وأكدت وزارةُ الداخليـة، في بيان، أن الهجوم فشل.", ["وزارةُ الداخليـة"]),
    # a group joined by و is another actor (the seeds)
    ("وتقدمت قوات النظام السوري والميليشيات الإيرانية نحو البلدة.", ["قوات النظام السوري"]),
    # «للشركة» keeps its «لل»: no slice of the text spells «الشركة»
    ("ونقلت المعدات إلى للشركة السعودية للكهرباء.", ["للشركة السعودية للكهرباء"]),
    # a head with the article and no object behind لل, a generic body, a market: none
    ("وحل الفريق في المركز الثالث.", []),
    ("وانسحبت القوات الموالية من المدينة.", []),
    ("وقال رئيس مجلس الإدارة إن الأرباح ارتفعت.", []),
    ("وتراجع سوق العمل في الربع الثاني.", []),
    ("وقالت الوزارة إن الأمر انتهى.", []),
    # a company's tail word: Kingdom Holding is no kingdom; with a head, the tail ends its name
    ("وسجلت المملكة القابضة أرباحاً بلغت 377 مليون ريال.", ["المملكة القابضة"]),
    ("وقالت شركة المملكة القابضة إن أرباحها ارتفعت.", ["شركة المملكة القابضة"]),
    ("وسجلت المملكةُ القابضـة أرباحاً بلغت ٣٧٧ مليون ريال.", ["المملكةُ القابضـة"]),
    ("وأعلنت الشركة القابضة توزيع الأرباح.", []),
])
def test_institution_names_the_tagger_leaves_are_organisations(text, names):
    """ANERcorp tags no «وزارة …»: a reviewer's audit found the main actor of 9 of 12 stories missing."""
    from naba.extract.ner.institutions import institutions
    from naba.extract.ner.tokens import sentences

    found = institutions(text, sentences(text), [])
    assert [e["text"] for e in found] == names
    assert all(text[slice(*e["span"])] == e["text"] and e["type"] == "ORG" for e in found)


def test_an_institution_name_stops_at_the_taggers_entities():
    text = "وأكدت وزارة الداخلية السعودية أن الهجوم فشل."
    people = [e for e in entities_of(text, model="crf")]
    assert ("وزارة الداخلية", "ORG") in [(e["text"], e["type"]) for e in people]
    spans = sorted(tuple(e["span"]) for e in people)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))  # no overlaps
