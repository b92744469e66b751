"""Arabic written in presentation forms (ﻣﺤﻤﺪ for محمد, as old PDFs and some web pages store it): read
as plain letters, folded as its plain letters, and found by every stage as the plain text would be."""

from __future__ import annotations

import functools
import unicodedata

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import naba
from naba.cli import main
from naba.normalize import fold, normalize, plain_letters

# Written for these tests: a minister and his counterpart by name, capitals, an organisation, weekdays, a date
# with Arabic-Indic digits, a quote in « », diacritics, tatweel, lam-alef (الأردني، لا) and Latin letters.
ARTICLE = """\
سياسة
وزير الخارجية الأردني يصل إلى القاهرة لبحث وقف إطلاق النار
الثلاثاء 14 كانون الثاني 2025
القاهرة – «وكالة الأنباء المحلية»: وصل وزير الخارجية الأردني أيمن الصفدي إلى القاهرة صباح الثلاثاء، والتقى نظيره المصري بدر عبد العاطي في مقر الوزارة.
وقال الصفدي في مؤتمر صحافي: «لا بديل عن وقف الحرب فوراً»، مضيفاً أن الأردن ومصر سيعقدان اجتماعاً آخر في عمّان يوم ٢٠ شباط.
وأشار عبد العاطي إلى أن الجامعة العربية ستناقش الخطة، فيما نقلت شبكة CNN عن مسؤول أن الــوفد سيزور بغداد لاحقاً.
"""


@functools.cache
def _shapes() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """{letter: {form: presentation character}} and the same for lam-alef pairs, read from Unicode's
    names of Presentation Forms-B ("ARABIC LETTER BEH INITIAL FORM", "ARABIC LIGATURE LAM WITH ALEF …")."""
    letters: dict[str, dict[str, str]] = {}
    ligatures: dict[str, dict[str, str]] = {}
    for code in range(0xFE80, 0xFEFD):
        char = chr(code)
        name = unicodedata.name(char)
        form = name.rsplit(" ", 2)[-2].lower()  # isolated | final | initial | medial
        plain = unicodedata.normalize("NFKC", char)
        (ligatures if len(plain) == 2 else letters).setdefault(plain, {})[form] = char
    return letters, ligatures


def to_presentation(text: str) -> str:
    """`text` with each Arabic letter replaced by the presentation form its neighbours give it (and
    lam + alef by one ligature), as a PDF renderer stores it; everything else as it is."""
    letters, ligatures = _shapes()

    def joins_next(c: str | None) -> bool:  # tatweel and the dual-joining letters join what follows
        return c == "\u0640" or "initial" in letters.get(c, {})

    def joins_previous(c: str | None) -> bool:
        return c == "\u0640" or "final" in letters.get(c, {})

    out, i = [], 0
    while i < len(text):
        char = text[i]
        before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
        if text[i:i + 2] in ligatures:
            out.append(ligatures[text[i:i + 2]]["final" if joins_next(before) else "isolated"])
            i += 2
            continue
        if char in letters:
            forms = letters[char]
            joined_before = joins_next(before) and "final" in forms
            joined_after = joins_previous(after) and "initial" in forms
            form = {(True, True): "medial", (False, True): "initial", (True, False): "final"}.get(
                (joined_before, joined_after), "isolated")
            char = forms[form]
        out.append(char)
        i += 1
    return "".join(out)


def _neighbour(text: str, i: int, step: int) -> str | None:
    """The character next to `text[i]` in direction `step`, diacritics skipped (they do not break a join)."""
    i += step
    while 0 <= i < len(text) and unicodedata.category(text[i]) == "Mn":
        i += step
    return text[i] if 0 <= i < len(text) else None


PRESENTED = to_presentation(ARTICLE)


# ---------------------------------------------------------------- plain_letters

def test_plain_letters_gives_back_the_plain_text():
    assert not any("\u0621" <= c <= "\u063a" or "\u0641" <= c <= "\u064a" for c in PRESENTED)
    assert "ﻻ" in PRESENTED and "ﺍﻷﺭﺩﻧﻲ" in PRESENTED  # a lam-alef ligature; ا ل ا ر د ن ي
    assert plain_letters(PRESENTED) == ARTICLE


@pytest.mark.parametrize("raw, plain", [
    ("ﻣﺤﻤﺪ", "محمد"),
    ("ﻻ ﻷﻥ ﻹﺑﻞ ﻵﺧﺮ ﻼ", "لا لأن لإبل لآخر لا"),   # lam-alef ligatures, isolated and final
    ("ﷲ ﷺ", "الله صلى الله عليه وسلم"),        # Presentation Forms-A: word ligatures
    ("ﻛﺘﺎﺑﺎﹰ ﺷﺪﹼ", "كتاباً شدّ"),                  # a spacing diacritic becomes the mark, with no space
    ("ﻣﺤﻤﺪ\ufeff", "محمد\ufeff"),                # the byte-order mark is not a letter form: kept
])
def test_plain_letters(raw, plain):
    assert plain_letters(raw) == plain


@pytest.mark.parametrize("text", ["ﬁnal ２٠٢٥ x² ℌ ①", "محمد\ufeff", ARTICLE, ""])
def test_plain_letters_leaves_other_characters_alone(text):
    """Only the two Arabic blocks: NFKC of the whole text would also rewrite ﬁ, full-width and
    superscript digits, ℌ and ①."""
    assert plain_letters(text) is text


# ---------------------------------------------------------------- folding

@pytest.mark.parametrize("raw, plain", [
    ("ﻣﺤﻤﺪ", "محمد"), ("ﺍﻟﻘﺎﻫﺮﺓ", "القاهرة"), ("ﻷﻥ ﻼ", "لأن لا"), ("ﷲ", "الله"), ("ﻛﺘﺎﺑﺎﹰ", "كتاباً"),
    pytest.param(PRESENTED, ARTICLE, id="article"),  # long enough for `Folding.apply`'s scan of the table
])
def test_fold_of_presentation_forms_is_the_fold_of_their_letters(raw, plain):
    assert fold(raw) == fold(plain)


presented_text = st.text(alphabet="ﻣﺤﻤﺪ ﻻﻷﻼﷲﷺﹰﱞﺎﹰ\ufeffابة«»،\u0651\u0640ﬁ", max_size=300)


@given(presented_text)
@settings(max_examples=300)
def test_folding_a_presentation_form_folds_its_plain_letters(text):
    assert fold(text) == fold(plain_letters(text)) == fold(fold(text))


@given(presented_text)
@settings(max_examples=300)
def test_normalize_agrees_with_fold_on_presentation_forms(text):
    n = normalize(text)
    assert n.folded == fold(text) == normalize(plain_letters(text)).folded
    assert len(n.offsets) == len(n.folded) + 1 and list(n.offsets) == sorted(n.offsets)


@pytest.mark.parametrize("word, written", [
    ("محمد", "ﻣﺤﻤﺪ"),    # one for one
    ("الله", "ﷲ"),       # one character for four letters
    ("لاعب", "ﻻﻋﺐ"),     # the ligature and what follows
    ("عب", "ﻋﺐ"),
])
def test_a_match_in_the_folded_text_maps_back_to_the_presentation_forms(word, written):
    text = "ﻗﺎﻝ ﻣﺤﻤﺪ: ﷲ ﺃﻋﻠﻢ، ﻭﺍﻟﻼﻋﺐ ﻻﻋﺐ"
    n = normalize(text)
    start = n.folded.rindex(fold(word))
    s, e = n.to_original(start, start + len(fold(word)))
    assert text[s:e] == written


# ---------------------------------------------------------------- the pipeline

@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The same article run alone twice: written in plain letters, and in presentation forms."""
    out = {}
    for kind, text in (("plain", ARTICLE), ("presented", PRESENTED)):
        folder = tmp_path_factory.mktemp(kind)
        (folder / "article.txt").write_text(text, encoding="utf-8")
        out[kind] = naba.run([str(folder)])
    return out


def _article_view(result) -> dict:
    [article] = result.articles
    return {k: v for k, v in article.to_dict().items() if k not in ("id", "source_path")}


def _story_view(result) -> list[dict]:
    """Each story as `stories.json` writes it, its article's id written ARTICLE and the story's and
    events' own ids left out (they hash the text as the source gave it, which differs)."""
    [article] = result.articles

    def without_ids(value):
        if isinstance(value, dict):
            return {k: without_ids(v) for k, v in value.items() if k != "id"}
        if isinstance(value, list):
            return [without_ids(v) for v in value]
        return "ARTICLE" if value == article.id else value

    return [without_ids(story.to_dict()) for story in result.stories]


def test_an_article_in_presentation_forms_reads_as_its_plain_letters(runs):
    [article] = runs["presented"].articles
    assert article.title == "وزير الخارجية الأردني يصل إلى القاهرة لبحث وقف إطلاق النار"
    assert (article.outlet, article.section, article.published) == ("وكالة الأنباء المحلية", "سياسة", "2025-01-14")
    assert article.text == runs["plain"].articles[0].text


def test_an_article_in_presentation_forms_gives_what_the_plain_article_gives(runs):
    [plain] = runs["plain"].articles
    assert {"أيمن الصفدي", "القاهرة"} <= {e["text"] for e in plain.entities}
    assert plain.dates and plain.quotes and any(p["name"] == "القاهرة" for p in runs["plain"].stories[0].places)
    assert _article_view(runs["presented"]) == _article_view(runs["plain"])
    assert _story_view(runs["presented"]) == _story_view(runs["plain"])


def test_spans_index_the_plain_text(runs):
    [article] = runs["presented"].articles
    for found in (*article.entities, *article.dates):
        s, e = found["span"]
        assert article.text[s:e] == found["text"]
    cairo = next(e for e in article.entities if e["text"] == "القاهرة")
    assert article.text[slice(*cairo["span"])] == "القاهرة"


# ---------------------------------------------------------------- naba tag

def test_naba_tag_tags_presentation_forms_as_letters_and_writes_them_as_given():
    def tag(tokens: list[str]) -> list[list[str]]:
        conll = "".join(f"{t}\tO\n" for t in tokens)
        result = CliRunner().invoke(main, ["tag", "--conll", "-", "--model", "crf"], input=conll)
        assert result.exit_code == 0, result.output
        return [line.split("\t") for line in result.stdout.strip("\n").split("\n")]

    plain = ["وأشار", "عبد", "العاطي", "إلى", "أن", "الجامعة", "العربية", "ستناقش", "الخطة", "،", "فيما",
             "نقلت", "شبكة", "CNN", "عن", "مسؤول", "أن", "الــوفد", "سيزور", "بغداد", "لاحقاً", "."]
    presented = [to_presentation(w) for w in plain]
    tagged = tag(presented)
    assert [token for token, _ in tagged] == presented
    assert [label for _, label in tagged] == [label for _, label in tag(plain)]
    assert {label for _, label in tagged} - {"O"}
