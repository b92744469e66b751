"""Places: find them in Arabic text, resolve them on a map with the story's context, write GeoJSON.

- `find_place_mentions(text)` matches the gazetteer (`naba.extract.gazetteer`) against the text's
  words, longest name first, with the proclitics و ف ب ل ك (وب، بال، لل …) stripped: "بدمشق" gives
  the span of "دمشق". Common words that GeoNames also lists as towns are controlled by data
  (`places.json`: `not_places`, and `needs_place_word` for names taken only after مدينة/بلدة …).
  A name after محافظة/ريف/ولاية (or a region word of its own: منطقة الرياض) is marked `province`.
- `resolve_places(mentions, articles_text)` is the story-level step: each mention gets the town,
  not the province's centroid, unless it is marked province; an ambiguous name goes to the
  country the story votes for (its unambiguous places, the countries it names and their
  adjectives: السورية votes for Syria), then to countries over towns, then to population; a town
  dwarfed a hundred times by its namesake (Egypt's Ar Riyad by Riyadh), or ten times by a namesake
  that is a country's capital (a West Bank village by Doha), is never chosen.
  Deterministic: the same mentions give the same places in the same order.
- `places_geojson(places)` is the FeatureCollection the report's map and GIS tools read.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections import Counter
from itertools import compress
from operator import itemgetter
from typing import Any

from naba.extract.gazetteer import Gazetteer, Place, gazetteer
from naba.extract.ner.lexicon import definite_after_lam
from naba.model import Article
from naba.normalize import fold
from naba.text import extraction_part, has_arabic, without_marks

__all__ = ["find_place_mentions", "place_mentions", "resolve_places", "story_places", "places_geojson"]

# Words: letters, with the diacritics and tatweel inside them. Runs of each (rather than one
# character at a time) find the same words a third faster.
_TOKEN = re.compile(r"(?:[^\W\d_]+|[\u064b-\u065f\u0670\u0640]+)+")
_SPACES = re.compile(r"\s*")
# Folded proclitics, longest first; a definite article after one (بال) keeps its ال. لل (ل + the
# article, its alef dropped) is read by `definite_after_lam`, before these.
_PROCLITICS = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال",
               "وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
_PROCLITIC_LETTERS = frozenset(p[0] for p in _PROCLITICS)
_CONJUNCTIONS = ("و", "ف")
# letters before the name's ال
_DEFINITE_AFTER = {"وبال": 2, "وكال": 2, "فبال": 2, "وال": 1, "فال": 1, "بال": 1, "كال": 1}
_MIN_NAME_START = 2  # letters a reading keeps after its proclitics
# folded words that start with ال without being a definite noun: إلى، التي، الذي …
_DEFINITE_FUNCTION_WORDS = frozenset({"الي", "التي", "الذي", "الذين", "اللذين", "اللتين", "اللاتي", "اللواتي", "الا"})
_NEAR_WORDS = 6  # how far back "نهر الفرات إلى الضفة الغربية" looks for an `unless_near` word
# A GeoNames town this small is taken only after مدينة/بلدة/قرية …: at 20k, most single-word
# names still unchecked in the SaudiNewsNet sample were everyday words (سال، ملكا، الهدا).
_TRUSTED_POPULATION = 20_000
# A word cluster is one of places when a fifth of its words are gazetteer names. In SaudiNewsNet's
# clusters the town clusters run 0.29–0.77 (جدة، تبوك 0.77; مانشستر، برشلونة 0.29), those of the
# everyday words GeoNames lists 0.01–0.06 (الطبقة 0.04, تدمر 0.01, سلمية 0.03).
_PLACE_CLUSTER = 0.2
# A GeoNames town with a hundredth of the people of a town of the same name is not the one meant,
# whatever the story's country: «الرياض» in an Egyptian story is Riyadh (4.2M), not Egypt's Ar Riyad
# (24k). 16 names have such a pair (كابول, دار السلام …); Alexandria and Iraq's Iskandariyah (52x) do not.
_DWARFED = 100
# A country's capital beats a namesake ten times smaller whatever the story's countries: «اجتماع الدوحة»
# with Kerry in a story of Jordan and Palestine was Ad Dawhah, a West Bank village of 9,631, not
# Doha (344,939; records 20,000-21,999).
_DWARFED_BY_CAPITAL = 10
_ADJECTIVE_VOTE = 0.5  # an adjective (السورية) says less about the story's country than a place
_MAJOR_POPULATION = 150_000  # a town this large may follow a lone «ف» or «ك» (`_major`)


# ---------------------------------------------------------------- finding

def find_place_mentions(text: str, entities: list[dict] = (), weak: bool = False) -> list[dict[str, Any]]:
    """Place names in `text`: {"text", "span", "name" (folded gazetteer name), "province"}.

    entities: NER results (`Article.entities`); GPE/LOC spans the gazetteer did not match are
    added with the name the gazetteer would know them by.
    weak: also return small towns named without مدينة/بلدة … (marked "weak": True);
    `resolve_places` keeps them only where they lie in the story's own country.

    >>> [(m["text"], m["province"]) for m in find_place_mentions("قصفت الطائرات ريف حلب وبلدة بدمشق")]
    [('حلب', True), ('دمشق', False)]
    """
    if not text or not has_arabic(text):
        return []
    return _mentions_in(text, _tokens(text), entities, weak)


def _mentions_in(text: str, tokens: tuple, entities, weak: bool) -> list[dict[str, Any]]:
    """`find_place_mentions` of an Arabic text, in its words (`_tokens`)."""
    gaz = gazetteer()
    readings = list(map(_HEADS.__getitem__, map(itemgetter(2), tokens)))
    found: list[dict[str, Any]] = []
    words: list[int] = []  # the token each mention starts at
    hidden: list[tuple[int, int]] = []  # names that hide a place: «كوبا أمريكا», «القدس العربي»
    free = 0  # the first token no mention has used
    for i in compress(range(len(tokens)), readings):  # most words start no name: they are skipped in C
        if i < free:
            continue
        match = _longest_at(text, tokens, i, gaz, weak, readings[i])
        if match is None:
            continue
        size, mention = match
        free = i + size
        if mention is None:
            hidden.append((tokens[i][0], tokens[i + size - 1][1]))
        else:
            mention["province"] = _is_province(tokens, i, mention["name"], gaz, found) or all(
                c.feature == "ADM1" for c in gaz.names[mention["name"]])
            found.append(mention)
            words.append(i)
    if entities:
        found = _read_with_tagger(text, tokens, found, words, entities, gaz)
    return _with_entities(text, tokens, found, entities, gaz, hidden)


def _read_with_tagger(text: str, tokens: tuple, found: list, words: list[int], entities, gaz: Gazetteer) -> list:
    """The gazetteer's mentions in the light of the tagger's entities (`Article.entities`).

    Names places.json lists (checked by hand) and countries are kept; of the others:

    - A name inside a person's name of two words or more is his («أوري أرئيل», «ساري عمرو»), unless a
      preposition is written on it or a place word stands before it: the tagger's long names swallow
      places («فهد الدولي بالدمام», «محافظ صنعاء عبدالقوي …»).
    - A one-word name the tagger left untagged whose word is an everyday word (`everyday_word`:
      الطبقة the layer, مني from me, تدمر it destroys, سلمية peaceful) is a place only with support:
      a place, province or direction word before it (مدينة، محافظة، شمال), a place it is listed with
      («الرياض والقصيم»), or the same name tagged as a place elsewhere in the text.
    """
    # characters inside a person's name of two words or more / inside any entity (arrays: a long page's
    # thousands of names were scanned once per mention)
    people, named = bytearray(len(text) + 1), bytearray(len(text) + 1)
    for e in entities:
        if e.get("span"):
            start, end = e["span"]
            named[start:end] = b"\x01" * (end - start)
            if e.get("type") == "PER" and " " in e.get("text", "").strip():
                people[start:end] = b"\x01" * (end - start)
    places = {_known_name(text[slice(*e["span"])], gaz) for e in entities
              if e.get("type") in ("GPE", "LOC") and e.get("span")}
    kept: list[dict] = []
    last = None  # the last token of the last kept mention
    for mention, i in zip(found, words):
        start, end = mention["span"]
        name, size = mention["name"], len(mention["name"].split())
        trusted = name in gaz.listed or any(c.feature == "PCLI" for c in gaz.names[name])
        if not trusted and all(people[start:end]) and start == tokens[i][0] \
                and not _supported(text, tokens, i, None, gaz):
            continue  # a word of a name; «بالدمام» in «مطار الملك فهد الدولي بالدمام» is the place
        if size == 1 and not trusted and not any(named[start:end]) \
                and everyday_word(name) and name not in places and not _supported(text, tokens, i, last, gaz):
            continue
        kept.append(mention)
        last = i + size - 1
    return kept


def _supported(text: str, tokens: tuple, i: int, last: int | None, gaz: Gazetteer) -> bool:
    """A place word before token i (محافظة، شمال), or a kept place ending at token `last` just before
    it, joined by و, a comma or a dash («الرياض والقصيم»، «جازان، الجوف»)."""
    if listed_before(_word_before(tokens, i), gaz.place_words, gaz.province_words, gaz.place_cue_words):
        return True
    if last is None or last != i - 1:
        return False
    between = text[tokens[last][1]:tokens[i][0]].strip()
    return between in ("", "،", ",", "-", "/", "–") and (between != "" or tokens[i][2].startswith("و"))


@functools.lru_cache(maxsize=1)
def _place_clusters() -> frozenset[str]:
    """The finest word clusters (`naba.extract.ner.clusters`, words seen in the same contexts in news)
    in which at least `_PLACE_CLUSTER` of the words are gazetteer names."""
    from naba.extract.ner.lexicon import lexicon

    names, members, places = gazetteer().names, Counter(), Counter()
    for word, ids in lexicon().clusters.items():
        members[ids[-1]] += 1
        places[ids[-1]] += word in names
    return frozenset(c for c, n in members.items() if places[c] >= _PLACE_CLUSTER * n)


@functools.lru_cache(maxsize=4096)
def everyday_word(name: str) -> bool:
    """A one-word gazetteer name that news uses as a word, not a place: its word cluster is not one of
    places (`_place_clusters`). A word too rare to have a cluster is not judged (False).

    >>> everyday_word("الطبقه"), everyday_word("تبوك")
    (True, False)
    """
    from naba.extract.ner.lexicon import lexicon

    ids = lexicon().clusters.get(name)
    return ids is not None and ids[-1] not in _place_clusters()


def _tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    """The text's words as (start, end, folded word)."""
    folded = _FOLDED
    return tuple([(m.start(), m.end(), folded[m.group()]) for m in _TOKEN.finditer(text)])


def _adjectives(tokens: tuple) -> tuple[str, ...]:
    """The countries the text's country adjectives name (السورية: SY), in text order."""
    return tuple(filter(None, map(gazetteer().adjectives.get, map(itemgetter(2), tokens))))


class _Memo(dict):
    """A word's value computed once (`fn`) and kept, all forgotten at `limit` words. News repeats its
    words, so folding each once is most of the speed; a dict lookup costs a third of an lru_cache's
    (400,000 lookups a 500-article run: 0.87 -> 0.58 s)."""

    def __init__(self, fn, limit: int = 200_000) -> None:
        super().__init__()
        self.fn, self.limit = fn, limit

    def __missing__(self, word: str):
        if len(self) >= self.limit:
            self.clear()
        value = self[word] = self.fn(word)
        return value


_FOLDED = _Memo(fold)


@functools.lru_cache(maxsize=200_000)
def _variants(token: str) -> tuple[tuple[str, int], ...]:
    """The token and its readings without a proclitic: (folded name start, letters dropped)."""
    out = [(token, 0)]
    if token[:1] not in _PROCLITIC_LETTERS:
        return tuple(out)  # most words: no proclitic to try
    conjunction = 1 if token.startswith(_CONJUNCTIONS) else 0
    definite = definite_after_lam(token[conjunction:])  # وللرياض: و + ل + الرياض
    if definite and len(definite) - 2 >= _MIN_NAME_START:
        out.append((definite, conjunction + 1))  # the text keeps the article's ل
    for prefix in _PROCLITICS:
        if token.startswith(prefix) and len(token) - len(prefix) >= _MIN_NAME_START:
            dropped = _DEFINITE_AFTER.get(prefix)
            if dropped is None:
                out.append((token[len(prefix):], len(prefix)))
            else:
                out.append(("ال" + token[len(prefix):], dropped))
    return tuple(out)


def _heads(token: str) -> tuple[tuple[str, int], ...]:
    """The token's readings (`_variants`) that start a name of the package gazetteer (built once
    per process, so a word's readings never change): news repeats its words."""
    heads = gazetteer().heads
    return tuple((head, dropped) for head, dropped in _variants(token) if head in heads)


_HEADS = _Memo(_heads)  # per process, like the gazetteer it reads


def _longest_at(text: str, tokens: list, i: int, gaz: Gazetteer, weak: bool,
                heads: tuple[tuple[str, int], ...]):
    """(tokens used, mention) for the longest gazetteer name starting at token i, or None.

    heads: the readings of token i that start a name (`_heads`).
    """
    longest = max(gaz.heads[head] for head, _ in heads)
    last = i
    while last + 1 < len(tokens) and last - i + 1 < longest and \
            text[tokens[last][1]:tokens[last + 1][0]].strip(" -") == "" and \
            "\n" not in text[tokens[last][1]:tokens[last + 1][0]]:
        last += 1
    for end in range(last, i - 1, -1):
        tail = " ".join(t[2] for t in tokens[i + 1:end + 1])
        for head, dropped in heads:
            name = f"{head} {tail}" if tail else head
            if name in gaz.not_places and end > i:
                return end - i + 1, None  # "القدس العربي" (a newspaper) hides القدس
            if name not in gaz.names or (dropped and end == i and _one_word(text[tokens[i][0]:tokens[i][1]], gaz)):
                continue  # «وجده» (found it) is not و + «جده»
            if _is_club(name, tokens, i, end, gaz) or _is_quoted(text, tokens[i][0], tokens[end][1]):
                return end - i + 1, None
            if end == i and name in gaz.maqsura and everyday_word(name) and _written_apart(text, tokens[i]):
                return 1, None  # «إيماناً مني» (from me) is not Mina, «منى»
            if _behind_lone_clitic(tokens[i][2], head, dropped) and not _major(gaz.names[name]):
                continue  # «كسرت» (broke) is no «ك» + Sirte, «فاجأ» (surprised) no «ف» + Aga
            allowed = _allowed(name, tokens, i, gaz)
            if allowed or (weak and _small_town_alone(name, tokens, i, gaz)):
                start = _skip_letters(text, tokens[i][0], dropped)
                mention = {"text": text[start:tokens[end][1]], "span": [start, tokens[end][1]], "name": name}
                return end - i + 1, (mention if allowed else {**mention, "weak": True})
    return None


def _behind_lone_clitic(token: str, head: str, dropped: int) -> bool:
    """Whether a reading takes a lone «ف» or «ك» off the word («فإيران», «كجدة»; not «فالرياض»)."""
    return dropped == 1 and token[:1] in ("ف", "ك") and not head.startswith("ال")


def _major(candidates: list[Place]) -> bool:
    """A country, a region or a town of `_MAJOR_POPULATION`: what news prose puts after «ف» (so) or «ك»
    (like) — «فإيران وكعادتها», «مدن كجدة وتعز». Behind those letters a smaller town is most often a
    verb or a word: in SaudiNewsNet records 3,000–5,999's stories 52 of 79 such readings were right,
    all but one («كإدلب», 129,000) a country or a city over this, and 25 of the 27 wrong ones towns
    under it («كسرت», «فسرت», «فاجأ», «كسبها», «فصيلة», «فرنان» a person; «فاتن», Athens, stays)."""
    return any(not _is_town(c) or c.population >= _MAJOR_POPULATION for c in candidates)


def _written_apart(text: str, token: tuple[int, int, str]) -> bool:
    """Whether a word whose listed spelling ends in ى is written with ي in the text («مني», not «منى»)."""
    written = "".join(c for c in text[token[0]:token[1]] if c.isalpha())
    return written.endswith("ي")


def _skip_letters(text: str, start: int, letters: int) -> int:
    """The position after `letters` letters of the word at `start` (marks do not count)."""
    pos = start
    while letters > 0:
        pos += 1
        letters -= 1
        while pos < len(text) and not text[pos].isalpha():
            pos += 1  # a diacritic or tatweel on the dropped proclitic
    return pos


def _word_before(tokens: list, i: int) -> str:
    return unjoined(tokens[i - 1][2]) if i else ""


def unjoined(word: str) -> str:
    """A word without its joined conjunction و/ف (where more than two letters stay)."""
    return word[1:] if word.startswith(("و", "ف")) and len(word) > 3 else word


def word_before(text: str, start: int) -> str:
    """The folded word before `start` in `text`, its joined conjunction gone («وبمحافظة» -> «بمحافظه»)."""
    words = [fold(w) for w in _TOKEN.findall(text[max(0, start - 30):start])]
    return unjoined(words[-1]) if words else ""


def listed_before(word: str, *lists) -> bool:
    """`word` (a word before a name, its conjunction gone) is a place word of `lists`, also behind a
    preposition: «بريف حلب», «لمحافظة إدلب»."""
    return any(word in words or (word[:1] in ("ب", "ل", "ك") and word[1:] in words) for words in lists)


def _allowed(name: str, tokens: list, i: int, gaz: Gazetteer) -> bool:
    if name in gaz.not_places or len(name.replace(" ", "")) < 3 or _ends_a_lineage(tokens, i):
        return False
    if (name in gaz.needs_place_word or _only_small_towns(gaz.names[name])) \
            and not listed_before(_word_before(tokens, i), gaz.place_words):
        return False
    if _is_adjective(name, tokens, i, gaz):
        return False
    near = gaz.unless_near.get(name)
    if near and any(t[2] in near or t[2][1:] in near for t in tokens[max(0, i - _NEAR_WORDS):i]):
        return False  # "نهر الفرات إلى الضفة الغربية" is the river's bank, not Palestine's
    return True


_LINEAGE = frozenset(("بن", "ابن", "بنت"))


def _ends_a_lineage(tokens: list, i: int) -> bool:
    """A name right after «بن X» is a family name, not a place: «العقيد سليمان بن محمد الخليل» is no
    Hebron (records 20,000-21,999)."""
    return i >= 2 and tokens[i - 2][2] in _LINEAGE


def _is_quoted(text: str, start: int, end: int) -> bool:
    """«الرياض» or "الرياض" alone in quotes is a newspaper's name (صحيفة «الرياض»), not the city."""
    before, after = text[max(0, start - 1):start], text[end:end + 1]
    return bool(before) and before in "\"«“”'" and bool(after) and after in "\"»”“'"


def _is_adjective(name: str, tokens: list, i: int, gaz: Gazetteer) -> bool:
    """"اللجنة الأولمبية السعودية", «والشركة السعودية»: a country name shaped like a feminine
    adjective, after a definite word, describes that word (في السعودية، خارج السعودية stay the country)."""
    if not (name.startswith("ال") and name.endswith("يه") and " " not in name):
        return False
    before = tokens[i - 1][2] if i > 0 else ""
    definite = any(word.startswith("ال") and word not in _DEFINITE_FUNCTION_WORDS
                   for word, _ in _variants(before))  # also behind a proclitic: «للجمارك السعودية»
    return definite and any(c.feature == "PCLI" for c in gaz.names[name])


def _is_club(name: str, tokens: list, i: int, end: int, gaz: Gazetteer) -> bool:
    """A football club named after its city: "أتلتيكو مدريد", "مانشستر سيتي", "برشلونة الإسباني"."""
    if any(c.feature == "PCLI" for c in gaz.names[name]):
        return False
    after = tokens[end + 1][2] if end + 1 < len(tokens) else ""
    return _word_before(tokens, i) in gaz.club_before or after in gaz.club_after


def _small_town_alone(name: str, tokens: list, i: int, gaz: Gazetteer) -> bool:
    """A small town refused only for want of a place word (حاجز شهبا): a weak mention."""
    return (name not in gaz.not_places and name not in gaz.needs_place_word
            and len(name.replace(" ", "")) >= 3 and _only_small_towns(gaz.names[name]))


def _only_small_towns(candidates: list[Place]) -> bool:
    return all(c.key.startswith("gn:") and c.feature == "PPL" and c.population < _TRUSTED_POPULATION
               for c in candidates)


def _is_province(tokens: list, i: int, name: str, gaz: Gazetteer, found: list) -> bool:
    if name not in gaz.provinces:
        return False
    if listed_before(_word_before(tokens, i), gaz.province_words, gaz.region_words.get(name, ())):
        return True
    # "محافظتي حمص وحماة": the dual word covers the second name too
    if found and found[-1]["province"] and tokens[i][2].startswith("و") and i >= 2:
        return listed_before(_word_before(tokens, i - 1), gaz.province_words)
    return False


def _with_entities(text: str, tokens: tuple, found: list, entities, gaz: Gazetteer,
                   hidden: list[tuple[int, int]] = ()) -> list[dict[str, Any]]:
    """`found` with the tagger's GPE/LOC entities the gazetteer knows by another reading; a country
    the gazetteer read as an adjective («الشركة السعودية») stays one, and so does a name that hides a
    place (`hidden`: the tagger's «كوبا» and «أمريكا» inside «كوبا أمريكا», the cup)."""
    taken = bytearray(len(text) + 1)  # characters inside a mention or a hidden name
    for start, end in [tuple(m["span"]) for m in found] + list(hidden):
        taken[start:end] = b"\x01" * (end - start)
    starts = [t[0] for t in tokens]
    for entity in entities or ():
        span = entity.get("span")
        if entity.get("type") not in ("GPE", "LOC") or not span:
            continue
        start, end = span
        if any(taken[start:end]):
            continue
        name = _known_name(text[start:end], gaz)
        i = bisect_right(starts, start) - 1
        if name and not (i >= 0 and tokens[i][0] == start
                         and (_is_adjective(name, tokens, i, gaz) or _ends_a_lineage(tokens, i))):
            found.append({"text": text[start:end], "span": [start, end], "name": name, "province": False})
            taken[start:end] = b"\x01" * (end - start)
    return sorted(found, key=lambda m: m["span"])


def _one_word(written: str, gaz: Gazetteer) -> bool:
    """Whether a word as written (harakat and tatweel aside) is one word though it reads as a clitic
    and a place (`unsplit` in places.json: «وجده» found it, not و + «جده»; «وجدة» stays and-Jeddah)."""
    return without_marks(written) in gaz.unsplit


def _known_name(surface: str, gaz: Gazetteer) -> str | None:
    """The gazetteer name of a surface form ("بحمص" -> "حمص"), or None."""
    words = fold(surface).split()
    if not words or (len(words) == 1 and _one_word(surface.strip(), gaz)):
        return None  # «وجده» (found it) is not و + «جده»
    for head, _ in _variants(words[0]):
        name = " ".join([head, *words[1:]])
        if name in gaz.names and name not in gaz.not_places:
            return name
    return None


def place_mentions(article: Article) -> list[dict[str, Any]]:
    """`find_place_mentions` of an article's text and NER entities, each tagged with the article id."""
    return _article_places(article, _tokens(extraction_part(article.text or "")))


def _article_places(article: Article, tokens: tuple) -> list[dict[str, Any]]:
    text = extraction_part(article.text or "")
    found = _mentions_in(text, tokens, article.entities, weak=True) if has_arabic(text) else []
    return [{**m, "article": article.id} for m in found]


def story_places(articles: list[Article]) -> list[dict[str, Any]]:
    """A story's places: its articles' `place_mentions` resolved together (`resolve_places`), each
    article's words read once for both its mentions and its country adjectives (السورية)."""
    mentions, adjectives = [], {}
    for article in articles:
        tokens = _tokens(extraction_part(article.text or ""))
        mentions += _article_places(article, tokens)
        adjectives[article.id] = _adjectives(tokens)
    return resolve_places(mentions, {a.id: a.text for a in articles}, adjectives)


# ---------------------------------------------------------------- resolving

def resolve_places(mentions: list[dict], articles_text: dict[str, str] | None = None,
                   adjectives: dict[str, tuple[str, ...]] | None = None) -> list[dict[str, Any]]:
    """Resolve a story's place mentions to map points, deciding ambiguous names by the story's countries.

    mentions: {"article", "text", "span"} each, with "name"/"province" as `find_place_mentions`
        gives them (recomputed from the text when absent).
    articles_text: article id -> text; its country adjectives (السورية) vote, and a mention
        without "province" is read in its context (محافظة حمص).
    adjectives: article id -> the countries its adjectives name, where the caller has them
        (`story_places`); else they are read from `articles_text`.

    Returns:
        [{"name", "name_en", "lat", "lon", "country", "geonames_id", "feature",
          "mentions": [{"article", "span"}]}], most mentioned first.
    """
    gaz = gazetteer()
    readings = [(m, _candidates(m, gaz, articles_text)) for m in mentions]
    readings = [(m, c) for m, c in readings if c]
    votes = _country_votes([r for r in readings if not r[0].get("weak")], articles_text, adjectives)
    home = min(votes, key=lambda code: (-votes[code], code)) if votes else None
    readings = [(m, [c for c in cands if c.country == home] if m.get("weak") else cands)
                for m, cands in readings]
    readings = [(m, _as_qualified(m, cands, articles_text, gaz)) for m, cands in readings]
    readings = [(m, c) for m, c in readings if c]
    chosen: dict[str, tuple[Place, list[dict]]] = {}
    for mention, candidates in readings:
        top = max((c.population for c in candidates if _is_town(c)), default=0)
        capital = max((c.population for c in candidates if c.feature == "PPLC"), default=0)
        place = max(candidates, key=lambda c: (not (_is_town(c) and (c.population * _DWARFED < top
                                                                     or c.population * _DWARFED_BY_CAPITAL < capital)),
                                               votes[c.country], c.feature == "PCLI", c.population,
                                               -(c.geonames_id or 0), c.key))
        chosen.setdefault(place.key, (place, []))[1].append(mention)
    places = [_place_record(place, found) for place, found in chosen.values()]
    return sorted(places, key=lambda p: (-len(p["mentions"]), p["name"], p["name_en"]))


def _as_qualified(mention: dict, candidates: list[Place], articles_text: dict | None, gaz: Gazetteer) -> list[Place]:
    """The candidates of the country a country adjective right after the name gives, where it gives
    one of them: «مدينة سوسة التونسية» is Sousse whatever Libyan story it is told in."""
    text = (articles_text or {}).get(mention.get("article"))
    if not text or len({c.country for c in candidates}) < 2:
        return candidates
    after = _TOKEN.match(text, _SPACES.match(text, mention["span"][1]).end())
    country = gaz.adjectives.get(_FOLDED[after.group()]) if after else None
    return [c for c in candidates if c.country == country] or candidates


def _is_town(place: Place) -> bool:
    return place.key.startswith("gn:") and place.feature.startswith("PPL")


def _candidates(mention: dict, gaz: Gazetteer, articles_text: dict | None) -> list[Place]:
    name = mention.get("name") or _known_name(mention.get("text", ""), gaz)
    if not name:
        return []
    province = mention.get("province")
    if province is None and articles_text and mention.get("article") in articles_text:
        province = _province_in_context(articles_text[mention["article"]], mention["span"], name, gaz)
    if province and name in gaz.provinces:
        return gaz.provinces[name]
    return gaz.names.get(name, [])


def _province_in_context(text: str, span: list[int], name: str, gaz: Gazetteer) -> bool:
    return listed_before(word_before(text, span[0]), gaz.province_words, gaz.region_words.get(name, ()))


def _country_votes(readings: list, articles_text: dict | None, adjectives: dict | None) -> Counter:
    votes: Counter = Counter()
    for _, candidates in readings:
        countries = {c.country for c in candidates}
        if len(countries) == 1:
            votes[countries.pop()] += 1
    for article, text in (articles_text or {}).items():
        known = (adjectives or {}).get(article)
        for code in _adjectives(_tokens(text or "")) if known is None else known:
            votes[code] += _ADJECTIVE_VOTE
    return votes


def _place_record(place: Place, mentions: list[dict]) -> dict[str, Any]:
    # the shortest way the story names it ("حمص" rather than "مدينة حمص"), then the most used
    shortest = min(len(m.get("name") or m.get("text", "")) for m in mentions)
    names = Counter(m.get("text", "") for m in mentions if len(m.get("name") or m.get("text", "")) == shortest)
    name = min(names, key=lambda n: (-names[n], n)) or place.name
    return {"name": name, "name_en": place.name, "lat": place.lat, "lon": place.lon,
            "country": place.country, "geonames_id": place.geonames_id, "feature": place.feature,
            "mentions": [{"article": m.get("article"), "span": list(m["span"])}
                         for m in sorted(mentions, key=lambda m: (str(m.get("article")), m["span"]))]}


# ---------------------------------------------------------------- output

def places_geojson(places: list[dict]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of resolved places (points are [lon, lat], as GeoJSON orders them).

    >>> places_geojson([{"name": "حمص", "lat": 34.72, "lon": 36.73, "country": "SY",
    ...                  "geonames_id": 169577, "mentions": []}])["features"][0]["geometry"]
    {'type': 'Point', 'coordinates': [36.73, 34.72]}
    """
    features = []
    for place in places:
        properties = {k: v for k, v in place.items() if k not in ("lat", "lon", "mentions")}
        properties["mentions"] = len(place.get("mentions") or ())
        features.append({"type": "Feature",
                         "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                         "properties": properties})
    return {"type": "FeatureCollection", "features": features}
