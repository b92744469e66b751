"""Entity resolution within a story: the mentions of one entity across the story's articles become one
entity with its variants and a Latin transliteration.

Mentions are joined when they are:

- spelling variants: the same folded letters (hamza and alef forms, ة/ه, ى/ي, diacritics), or the same
  letters once the long vowels inside words of five letters or more are dropped
  (الديمقراطية / الديموقراطية) — whatever type the tagger gave each mention (the entity takes the type
  most of them have);
- short and full forms: a one-word person mention that is the last (or first) word of exactly one
  longer person in the story (الأسد / بشار الأسد), a two-word family name that ends exactly one
  (أبو ردينة / نبيل أبو ردينة, داود أوغلو / أحمد داود أوغلو); an organisation that is the tail of exactly
  one longer organisation (تحرير الشام / هيئة تحرير الشام);
- acronyms and full names: a one-word organisation whose letters are the initials of exactly one longer
  organisation (قسد / قوات سوريا الديمقراطية), or a name written in brackets right after an entity
  (قوات سوريا الديمقراطية «قسد»);
- titles: a title written right before a person's name (وزير الخارجية الروسي سيرغي لافروف) becomes a
  variant of that person when it names only that person in the story, and the title's other
  occurrences in the story (وقال وزير الخارجية الروسي إن …) become mentions of the person.

Joining is deliberately conservative: a short form or title that could name two entities joins none.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from naba.errors import RulesError
from naba.extract.latin import transliterate_all
from naba.extract.ner.lexicon import definite_after_lam, lexicon, strip_clitics
from naba.model import Article
from naba.normalize import NormalizedText, fold, normalize
from naba.rules import load_json

__all__ = ["described", "link_speakers", "resolve_entities", "spell_latin", "spelling_key"]

KINDS = {"PER": "PER", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "MISC": "MISC"}
TAG_ORDER = ("PER", "ORG", "GPE", "LOC", "MISC")
_VOWELS_INSIDE = re.compile(r"(?<=\w)[اوي](?=\w)")
_TITLE_WINDOW = 2000  # characters a title is sought in, either side of a name: far more than its six words
_MAX_TITLE_WORDS = 6  # "المتحدث باسم وزارة الخارجية الصينية" is five words before the name
_TITLE_REACH = 60  # characters after a title's use where another person's name makes it theirs
_CONJUNCTION = re.compile("[وف][\u064b-\u0652]*")
_JOINED = re.compile(r"(?<!\S)(عبد|ال) (?=\S)")  # folded «عبد الله», «آل فهيد»: one word each
_BRACKETED = re.compile(r"\s*[(«\"“]\s*([^()«»\"“”\n]{2,40}?)\s*[)»\"”]")


@dataclass(frozen=True)
class _Rules:
    title_heads: frozenset[str]
    honorifics: tuple[str, ...]
    acronym_skip: frozenset[str]
    title_stops: frozenset[str]
    deputy_words: frozenset[str]  # «ولي», «نائب»: the next title is theirs
    blessing_words: frozenset[str]  # «يحفظه», «رحمه»: a bracketed «(يحفظه الله)» is no alias
    address: frozenset[str]  # honorifics and forms of address («الدكتور», «الأمير»): no end of a title
    eponyms: frozenset[str]  # «الملك», «الأمير» inside an institution's name: «مدينة الملك عبدالعزيز»
    name_links: frozenset[str]  # «بن», «آل», «أبو»: words that join a name's parts
    not_entities: frozenset[str]  # currencies and the divine name: MISC to the tagger, nothing a story is about
    named_after: frozenset[str]  # «مركز», «متنزه»: a person right after one is what is named after them
    family_heads: frozenset[str]  # «أبو», «ولد», «دي»: a two-word family name's first word
    family_tails: frozenset[str]  # «أوغلو», «الدين»: a two-word family name's last word


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw = load_json("entities.json")
    lists = {}
    for key in ("title_heads", "honorifics", "acronym_skip_words", "title_stop_words", "deputy_words",
                "blessing_words", "forms_of_address", "eponym_heads"):
        value = raw.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and fold(v) for v in value):
            raise RulesError(f"naba/data/entities.json: '{key}' must be a list of non-empty strings")
        lists[key] = [fold(v) for v in value]
    return _Rules(frozenset(lists["title_heads"]), tuple(sorted(lists["honorifics"], key=len, reverse=True)),
                  frozenset(lists["acronym_skip_words"]), frozenset(lists["title_stop_words"]),
                  frozenset(lists["deputy_words"]), frozenset(lists["blessing_words"]),
                  frozenset(lists["honorifics"] + lists["forms_of_address"]), frozenset(lists["eponym_heads"]),
                  frozenset(fold(w) for w in raw.get("name_links", ())),
                  frozenset(fold(w) for w in raw.get("not_story_entities", ())),
                  *(frozenset(fold(w) for w in raw.get(key, ()))
                    for key in ("named_after_heads", "family_name_heads", "family_name_tails")))


@lru_cache(maxsize=1)
def _not_entities() -> frozenset[str]:
    """The spelling keys of `not_story_entities`."""
    return frozenset(spelling_key(w) for w in _rules().not_entities)


@lru_cache(maxsize=1)
def _family_words() -> tuple[frozenset[str], frozenset[str]]:
    """The spelling keys of `family_name_heads` and `family_name_tails`."""
    rules = _rules()
    return frozenset(map(spelling_key, rules.family_heads)), frozenset(map(spelling_key, rules.family_tails))


@lru_cache(maxsize=100_000)
def spelling_key(name: str) -> str:
    """The key under which spelling variants of a name meet.

    Remembered (a bounded cache): a story asks for the same names' keys in every joining pass.

    >>> spelling_key("الديمقراطية") == spelling_key("الديموقراطيّة")
    True
    >>> spelling_key("الشيخ أحمد") == spelling_key("احمد")
    True
    >>> spelling_key("للأسد") == spelling_key("الأسد")
    True
    >>> spelling_key("عبد الله") == spelling_key("عبدالله"), spelling_key("بندر آل فهيد") == spelling_key("بندر الفهيد")
    (True, True)
    """
    # «عبد الله» is «عبدالله», «آل فهيد» «الفهيد» (آ folds to ا: a separate «ال» is the family's آل), and
    # a foreign name's g is written غ or ج (سيرغي / سيرجي لافروف)
    words = _JOINED.sub(r"\1", _strip_honorifics(fold(name))).replace("غ", "ج").split()
    definite = definite_after_lam(words[0]) if words and len(words[0]) >= 5 else None
    if definite:
        # «للأسد» is ل + «الأسد», the article's alef dropped in writing. Where the name itself starts with
        # ل the script drops a lam too, and the word reads two ways: «للبنان» is ل + «لبنان», «للجنة» mostly
        # ل + «اللجنة»; both get a key that meets neither (a known weakness: only the story's other keys
        # could tell the readings apart). Five letters at least: «لله» stays itself.
        words[0] = definite
    # five letters besides the article: «الأسد» and «السيد» would both be «السد»
    return " ".join(_VOWELS_INSIDE.sub("", w) if len(w) - 2 * w.startswith("ال") >= 5 else w for w in words)


def _strip_honorifics(folded: str) -> str:
    for honorific in _rules().honorifics:
        if folded.startswith(honorific + " "):
            return folded[len(honorific) + 1:]
    return folded


@dataclass
class _Group:
    """Mentions believed to name one entity."""

    kinds: Counter = field(default_factory=Counter)
    variants: Counter = field(default_factory=Counter)
    titles: Counter = field(default_factory=Counter)
    mentions: list[dict[str, Any]] = field(default_factory=list)

    def absorb(self, other: _Group) -> None:
        self.kinds.update(other.kinds)
        self.variants.update(other.variants)
        self.titles.update(other.titles)
        self.mentions.extend(other.mentions)

    @property
    def kind(self) -> str:
        return KINDS[self.tag]

    @property
    def tag(self) -> str:
        """The tagger's most frequent type for the group; among equals the first of `TAG_ORDER` (MISC,
        the tagger's catch-all, last: «بلومبيرغ» once ORG and once MISC is an ORG)."""
        return max(self.kinds.items(), key=lambda item: (item[1], -TAG_ORDER.index(item[0])))[0]

    def name(self) -> str:
        """The most written variant (among equals the longest), a name of several words before one of one
        word, and never one that is another variant behind a clitic («ونايف هزازي», «للأمم المتحدة»);
        a person's short form gives way to the full name it ends («داود أوغلو» to «أحمد داود أوغلو»; an
        organisation's longer variants are as often the tagger's runs — «أمانة المنطقة ووزارة الإسكان»)."""
        keys = {spelling_key(v) for v in self.variants}
        plain = {v: n for v, n in self.variants.items()
                 if not any(spelling_key(bare) in keys for bare in _bare_forms(v))} or self.variants
        multiword = [(n, v) for v, n in plain.items() if len(v.split()) > 1]
        pool = multiword or [(n, v) for v, n in plain.items()]
        best = max(pool, key=lambda p: (p[0], len(p[1])))[1]
        tail = f" {spelling_key(best)}"
        fuller = [(n, v) for n, v in pool if spelling_key(v).endswith(tail)] if self.kind == "PER" else []
        return max(fuller, key=lambda p: (p[0], len(p[1])))[1] if fuller else best


def resolve_entities(articles: list[Article], latin: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The story's entities from its articles' `entities` mentions, most mentioned first.

    Returns dicts `{"name", "type", "variants", "latin", "mentions": [{"article", "span", "text"}]}`.
    latin: Latin names already known by `spelling_key` (the story's places, from GeoNames); a GPE or
    LOC found there takes it. The other names keep `latin` None, for `spell_latin` to fill (for many
    stories at once: the romanizer's model decodes a large batch far faster).
    """
    groups = _by_spelling(articles)
    # one person's fuller and plainer names first, so that a short form («بحاح») then has one name to join
    _join(groups, _clitic_links(groups) + _lineage_links(groups) + _middle_name_links(groups)
          + _family_name_links(groups))
    groups = [g for g in groups if g.mentions]
    _join(groups, _acronym_links(groups) + _bracket_links(groups, articles) + _short_form_links(groups))
    _same_article_surnames(groups)
    texts = {a.id: a.text for a in articles}
    groups = [g for g in groups if g.mentions and not (g.tag == "MISC" and _keys(g) <= _not_entities())
              and not (g.kind == "PER" and all(_after_named_head(texts[m["article"]], m["span"][0]) for m in g.mentions))]
    _attach_titles(groups, articles)
    known, entities = latin or {}, []
    for group in groups:
        name = group.name()
        entities.append(_entity(group, name, known.get(spelling_key(name)) if group.tag in ("GPE", "LOC") else None))
    entities.sort(key=lambda e: (-len(e["mentions"]), e["name"]))
    return entities


def spell_latin(entity_lists: list[list[dict[str, Any]]]) -> None:
    """Fill the `latin` of every entity that has none, all names decoded together (a name's spelling
    does not depend on the others: `naba.extract.latin`) — but an organisation's descriptive name
    (`described`) the list of `naba.extract.known_names` does not know, which keeps None."""
    names = sorted({e["name"] for entities in entity_lists for e in entities if not e["latin"] and not described(e)})
    spelled = transliterate_all(names)
    for entities in entity_lists:
        for entity in entities:
            entity["latin"] = entity["latin"] or spelled.get(entity["name"])


def described(entity: dict[str, Any]) -> bool:
    """Whether an organisation is named by what it is («وزارة الخارجية البحرينية», «مجموعة الأزمات
    الدولية», «قوات النظام»: its first word, article and clitics aside, an institution's head,
    `institution_cues` of the tagger's lexicon; not one named after a royal). Such a name wants a
    translation; spelled out it reads as no name at all ("Wazara Kharjia Bahrinia", "Majmoua Al-Azmat
    Al-Dawlia": 54 of the 75 wrong Latin spellings a reviewer found in 15 stories of SaudiNewsNet
    records 3,000–5,999)."""
    words = [fold(w) for w in entity["name"].split()]
    if entity.get("type") != "ORG" or len(words) < 2 or _rules().eponyms.intersection(words):
        return False  # «جامعة الملك سعود» is named after someone: the spelling carries the name
    return strip_clitics(words[0])[1] in lexicon().words["institution_cues"]


def _by_spelling(articles: list[Article]) -> list[_Group]:
    """One group per spelling, whatever type the tagger gave each mention: one name in one story is one
    entity, and its type is the one most of its mentions have. The taggers type a name differently in
    different sentences («بلومبيرغ» ORG and MISC, «الكرملين» ORG and LOC); kept apart by type, 289 of
    the stories of SaudiNewsNet's first 1,000 records listed one name twice."""
    by_key: dict[str, _Group] = {}
    for article in articles:
        for ent in article.entities:
            key = spelling_key(ent.get("text", ""))
            if ent.get("type") not in KINDS or not key:
                continue
            group = by_key.get(key)
            if group is None:
                group = by_key[key] = _Group()
            group.kinds[ent["type"]] += 1
            group.variants[ent["text"]] += 1
            group.mentions.append({"article": article.id, "span": list(ent["span"]), "text": ent["text"]})
    return list(by_key.values())


def _join(groups: list[_Group], links: list[tuple[int, int]]) -> None:
    """Union the linked groups in place; absorbed groups are left empty."""
    parent = list(range(len(groups)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in links:
        ra, rb = root(a), root(b)
        if ra != rb:
            keep, drop = (ra, rb) if len(groups[ra].mentions) >= len(groups[rb].mentions) else (rb, ra)
            parent[drop] = keep
            groups[keep].absorb(groups[drop])
            groups[drop] = _Group()


def _keys(group: _Group) -> set[str]:
    return {spelling_key(v) for v in group.variants}


def _only(candidates: set[int]) -> int | None:
    return next(iter(candidates)) if len(candidates) == 1 else None


def _initials(key: str) -> str:
    skip = _rules().acronym_skip
    letters = []
    for word in key.split():
        if word in skip:
            continue
        word = word[1:] if word.startswith("و") and len(word) > 3 else word
        word = word[2:] if word.startswith("ال") and len(word) > 3 else word
        letters.append(word[0])
    return "".join(letters)


def _acronym_links(groups: list[_Group]) -> list[tuple[int, int]]:
    full_by_initials: dict[str, set[int]] = {}
    for i, g in enumerate(groups):
        if g.kind == "ORG" or g.kind == "MISC":
            for key in _keys(g):
                if len(key.split()) >= 2:
                    full_by_initials.setdefault(_initials(key), set()).add(i)
    links = []
    for i, g in enumerate(groups):
        for key in _keys(g):
            if " " not in key and 2 <= len(key) <= 6:
                target = _only(full_by_initials.get(key, set()) - {i})
                if target is not None:
                    links.append((i, target))
    return links


def _bracket_links(groups: list[_Group], articles: list[Article]) -> list[tuple[int, int]]:
    """`قوات سوريا الديمقراطية (قسد)`: the bracketed name right after a mention names the same entity.

    In quote marks («…», "…") only a shorter name does (an acronym): Arabic news quotes every kind of
    name, and «والي ولاية شانلي أورفة «عز الدين كوتشوك»» puts the governor after his province. In
    round brackets a longer one does too: «كوباني (عين العرب)». A place in brackets after a person or a
    body is where they are from: «هزبر محمود (العراق)… حيدر عبدالله زياد (العراق)» had made two poets
    and Iraq one entity."""
    by_key = {key: i for i, g in enumerate(groups) for key in _keys(g)}
    texts = {a.id: a.text for a in articles}
    links = []
    for i, g in enumerate(groups):
        for m in list(g.mentions):
            text = texts[m["article"]]
            found = _BRACKETED.match(text, m["span"][1])
            if not found or len(found.group(1).split()) > 3:
                continue
            key = spelling_key(found.group(1))
            shorter = len(key.split()) < len(spelling_key(m["text"]).split())
            if key in by_key and by_key[key] != i and (shorter or found.group(0).lstrip().startswith("(")):
                if "PLACE" not in {g.kind, groups[by_key[key]].kind} or g.kind == groups[by_key[key]].kind:
                    links.append((i, by_key[key]))
            elif key and key not in by_key and shorter and not _formula(found.group(1)):
                g.variants[found.group(1)] += 1
                g.mentions.append({"article": m["article"], "span": [found.start(1), found.end(1)],
                                   "text": found.group(1)})
                by_key[key] = i
    return links


def _formula(bracketed: str) -> bool:
    """A bracketed text that names no one: a blessing after a name («(يحفظه الله)», «(رضي الله عنه)»: its
    first word is one of `blessing_words`, and «الله» follows); «حزب الله», «أنصار الله» are names."""
    words = fold(bracketed).split()
    return bool(words) and words[0] in _rules().blessing_words and "الله" in words[1:]


def _lineage_links(groups: list[_Group]) -> list[tuple[int, int]]:
    """A person's name and the same name carried on through its ancestors («بن عبدالعزيز») or its
    family («آل سعود») are one person: «محمد بن سلمان», «محمد بن سلمان بن عبدالعزيز» and «محمد بن سلمان
    بن عبدالعزيز آل سعود» (7 entities of one story of SaudiNewsNet records 20,000-21,999), «عبدالله
    الثاني» and «عبدالله الثاني ابن الحسين». Not when the longer names part ways: «فيصل بن خالد» is
    neither «فيصل بن خالد بن عبدالعزيز» nor «فيصل بن خالد بن سلطان» when the story names both."""
    lines = {i: _lineages(g) for i, g in enumerate(groups) if g.kind == "PER"}
    links = []
    for i, short in lines.items():
        longer = [(j, line) for j, other in lines.items() if j != i for line in other
                  if any(_carries_on(s, line) for s in short)]
        if longer and all(_prefix(a, b) or _prefix(b, a) for (_, a), (_, b) in itertools.combinations(longer, 2)):
            links += [(i, j) for j in {j for j, _ in longer}]
    return links


def _clitic_links(groups: list[_Group]) -> list[tuple[int, int]]:
    """A name the tagger took with a clitic («ونايف هزازي», «لرويترز», «للأمم المتحدة») is the story's
    entity of that name without it, of the same kind, where the story has exactly one (57 such pairs in
    the stories of records 27,000-29,999: the tagger reads whole words, as ANERcorp is written)."""
    by_key: dict[str, set[int]] = {}
    for i, g in enumerate(groups):
        for key in _keys(g):
            by_key.setdefault(key, set()).add(i)
    links = []
    for i, g in enumerate(groups):
        for variant in g.variants:
            for bare in _bare_forms(variant):
                target = _only({j for j in by_key.get(spelling_key(bare), ()) if j != i and groups[j].kind == g.kind})
                if target is not None:
                    links.append((i, target))
                    break
    return links


def _bare_forms(name: str) -> list[str]:
    """`name` (folded) without a leading clitic, each way it may come off: «للأمم» -> «الامم», «ونايف» ->
    «نايف»; at least three letters left."""
    folded = fold(name)
    out = ["ال" + folded[2:]] if folded.startswith("لل") and len(folded) > 4 else []
    return out + [folded[len(c):] for c in _CLITICS_LONGEST_FIRST if folded.startswith(c) and len(folded) - len(c) >= 3]


def _middle_name_links(groups: list[_Group]) -> list[tuple[int, int]]:
    """A person's first and last name and the same with names between are one person when the story
    has only that one fuller name: «خالد بحاح» / «خالد محفوظ بحاح», «بدر السمحان» / «بدر عبد الرحمن
    السمحان» (53 pairs in the stories of records 27,000-29,999), «عاطي القرشي» / «عاطي بن عطية
    القرشي», «أسامة البار» / «أسامة بن فضل البار» (session 28's audit: a family name after a
    father's name); and a name written with and without «بن» («زياد بن عبدالمحسن البازعي» / «زياد
    عبدالمحسن البازعي»). Not where the last name is a father's or a grandfather's («فيصل بن خالد» is
    not «فيصل بن مشعل بن خالد», his grandson) nor through a short form holding «بن» or «آل»."""
    links_words = _rules().name_links
    sons = {fold("بن"), fold("ابن"), fold("بنت")}
    fuller: dict[tuple[str, str], dict[tuple[str, ...], set[int]]] = {}  # first and last -> names
    without_sons: dict[tuple[str, ...], set[int]] = {}
    for i, g in enumerate(groups):
        if g.kind != "PER":
            continue
        for key in _keys(g):
            words = key.split()
            plain = tuple(w for w in words if w not in sons)
            if len(words) >= 3 and words[0] not in links_words and words[-2] not in links_words:
                fuller.setdefault((words[0], words[-1]), {}).setdefault(plain, set()).add(i)
            if len(plain) >= 3 and len(plain) < len(words):
                without_sons.setdefault(plain, set()).add(i)
    links = []
    for i, g in enumerate(groups):
        if g.kind != "PER":
            continue
        for key in _keys(g):
            words = key.split()
            if len(words) == 2 and not links_words & set(words):
                names = fuller.get((words[0], words[1]), {})  # one name, with or without «بن»
                targets = next(iter(names.values())) - {i} if len(names) == 1 else set()
            elif len(words) >= 3 and not sons & set(words):
                targets = without_sons.get(tuple(words), set()) - {i}
            else:
                continue
            links.extend((i, t) for t in targets)
    return links


def _same_article_surnames(groups: list[_Group]) -> None:
    """A surname alone («وقال الحربي») that the story gives to several people («حماد الحربي», «عبدالله
    الحربي» in a story of many festivals) is, in each article, the one of them that article names
    (one only): those mentions move to that person. Session 28's audit: 15 of 33 split people in 15
    stories were a surname or short form left apart."""
    by_surname: dict[str, set[int]] = {}
    in_article: dict[int, set[str]] = {}
    for i, g in enumerate(groups):
        if not g.mentions or g.kind != "PER":
            continue
        in_article[i] = {m["article"] for m in g.mentions}
        for key in _keys(g):
            words = key.split()
            if len(words) >= 2:
                by_surname.setdefault(words[-1], set()).add(i)
    for i, g in enumerate(groups):
        keys = _keys(g)
        if i not in in_article or len(keys) != 1 or len(next(iter(keys)).split()) != 1:
            continue
        people = by_surname.get(next(iter(keys)), set()) - {i}
        if len(people) < 2:
            continue  # one person or none: `_short_form_links` decides
        for article in sorted({m["article"] for m in g.mentions}):
            target = _only({p for p in people if article in in_article[p]})
            if target is None:
                continue
            moved = [m for m in g.mentions if m["article"] == article]
            g.mentions = [m for m in g.mentions if m["article"] != article]
            for m in moved:
                groups[target].mentions.append(m)
                groups[target].variants[m["text"]] += 1
                groups[target].kinds["PER"] += 1
                g.variants[m["text"]] -= 1
        g.variants = Counter({v: n for v, n in g.variants.items() if n > 0})


def _lineages(group: _Group) -> set[tuple[str, ...]]:
    """The group's names as words (spelling keys; «ابن» as «بن»), a family name («آل سعود») left off."""
    out = set()
    for variant in group.variants:
        words = variant.split()
        if len(words) >= 3 and fold(words[-2]) == fold("آل"):
            words = words[:-2]
        key = tuple("بن" if w == "ابن" else w for w in spelling_key(" ".join(words)).split())
        if key:
            out.add(key)
    return out


def _carries_on(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether `long` is `short` (two words or more) carried on by «بن X» pairs, or `short` itself (then
    one of the two had a family name)."""
    rest = long[len(short):]
    return len(short) >= 2 and long[:len(short)] == short and len(rest) % 2 == 0 \
        and all(w == "بن" for w in rest[0::2])


def _prefix(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return b[:len(a)] == a


def _after_named_head(text: str, start: int) -> bool:
    """Whether the name at `start` comes right after a word that opens a name given after a person
    («مركز محمد بن نايف للمناصحة», «بمتنزه الملك عبدالله»; `named_after_heads`), a royal title between."""
    words = fold(text[max(0, start - 40):start]).split()
    if words and words[-1] in _rules().eponyms:
        words.pop()  # «متنزه الملك عبدالله» where the tagger took «عبدالله» alone
    before, head = strip_clitics(words[-1]) if words else ("", "")
    # the head of such a name has no article: «المتحدث باسم المركز رأفت الصباغ» is the centre's spokesman
    return head in _rules().named_after and not before.endswith(("ال", "لل"))


def _family_name_links(groups: list[_Group]) -> list[tuple[int, int]]:
    """A two-word family name («داود أوغلو», «أبو ردينة», «ولد الشيخ», «بن دليم») and the story's one
    longer person ending with it. Before the one-word short forms (`_short_form_links`), so that
    «رقوش» then has one name to join. Two words that are a given name and a family name («سلطان
    الفعر», «جواد ظريف») are left alone: in a Gulf name «منصور بن سلطان الفعر» (or without «بن») they
    are the father."""
    heads, tails = _family_words()
    longer: dict[str, set[int]] = {}
    for i, g in enumerate(groups):
        if g.kind == "PER":
            for words in map(str.split, _keys(g)):
                if len(words) >= 3:
                    longer.setdefault(" ".join(words[-2:]), set()).add(i)
    links = []
    for i, g in enumerate(groups):
        for key in _keys(g) if g.kind == "PER" else ():
            words = key.split()
            if len(words) == 2 and (words[0] in heads or words[1] in tails):
                target = _only(longer.get(key, set()) - {i})
                if target is not None:
                    links.append((i, target))
    return links


def _short_form_links(groups: list[_Group]) -> list[tuple[int, int]]:
    """A one-word person and the story's one name ending or starting with it; an organisation's last
    words and its one full name. A first name joins from any article: the tagger often takes a name's
    first word alone («الدكتورة لبنى إبراهيم العسوم»), and news names foreign players by their first
    name («إدواردو»); asking for the full name in the same article (tried in session 28, after «رزان
    صالح» had joined the poet «صالح الشادي») lost more such people than it kept apart (a blind
    reading of 30 changed groups on records 24,000-26,999)."""
    longer: dict[tuple[str, str], set[int]] = {}
    for i, g in enumerate(groups):
        for key in _keys(g):
            words = key.split()
            if g.kind == "PER" and len(words) >= 2:
                longer.setdefault(("PER", words[-1]), set()).add(i)
                longer.setdefault(("PER", words[0]), set()).add(i)
            if g.kind == "ORG" and len(words) >= 3:
                for cut in range(1, len(words) - 1):
                    longer.setdefault(("ORG", " ".join(words[cut:])), set()).add(i)
    links = []
    for i, g in enumerate(groups):
        for key in _keys(g):
            words = key.split()
            if (g.kind == "PER" and len(words) == 1) or (g.kind == "ORG" and len(words) >= 2):
                target = _only(longer.get((g.kind, key), set()) - {i})
                if target is not None:
                    links.append((i, target))
    return links


def _attach_titles(groups: list[_Group], articles: list[Article]) -> None:
    """Titles written right before a person's name become variants, and their other uses mentions."""
    texts = {a.id: a.text for a in articles}
    people = {(m["article"], m["span"][0]) for g in groups if g.kind == "PER" for m in g.mentions}
    ends: dict[str, list[int]] = {}  # where each article's person mentions end, in order
    starts: dict[str, list[tuple[int, int]]] = {}  # and where they start, with their group
    for i, g in enumerate(groups):
        if g.kind == "PER":
            for m in g.mentions:
                ends.setdefault(m["article"], []).append(m["span"][1])
                starts.setdefault(m["article"], []).append((m["span"][0], i))
    for found in (*ends.values(), *starts.values()):
        found.sort()
    owners: dict[str, set[int]] = {}
    written: dict[str, str] = {}
    for i, g in enumerate(groups):
        if g.kind != "PER":
            continue
        name_words = {w for v in g.variants for w in fold(v).split()}
        for m in g.mentions:
            text = texts[m["article"]]
            # a title starts after any other person named before it: «بحضور الأمير خالد الفيصل الشاعر
            # العراقي هزبر محمود» gives the poet «الشاعر العراقي», not the prince's name
            found = ends.get(m["article"], [])
            earlier = found[:bisect_right(found, m["span"][0])]
            before = _title_before(text, m["span"][0], earlier[-1] if earlier else 0)
            if before and not name_words.intersection(fold(before).split()):
                owners.setdefault(fold(before), set()).add(i)
                written.setdefault(fold(before), before)
            # a title written after a name is its own too («محمد بن سلمان ولي ولي العهد»): it is not
            # attached from there, but the same title before another name no longer names that one
            after = _title_after(text, m["span"][1], m["article"], people)
            if after:
                owners.setdefault(fold(after), set()).add(i)
    folded: dict[str, str] = {}  # each article folded once, for all the titles searched in it
    normalized: dict[str, NormalizedText] = {}  # and normalised once, where a title is found
    for key, who in owners.items():
        if len(who) != 1 or key not in written:
            continue  # the same title by two names: it names neither for sure; one only written after
        owner = next(iter(who))
        groups[owner].titles[written[key]] += 1
        longer = [k for k, w in owners.items() if k.startswith(key + " ") and w != who and k in written]
        _add_title_mentions(groups[owner], key, articles, folded, normalized, (starts, owner), longer)


def _title_before(text: str, start: int, floor: int = 0) -> str | None:
    """The title right before a name: `وزير الخارجية الروسي سيرغي` -> `وزير الخارجية الروسي`; none of it
    before `floor` (where another person's name ends).

    Honorifics and forms of address between the title and the name are no part of it («أمين الباحة
    المهندس», 23% of the titles of records 27,000-29,999 ended on one). A comma ends a list: the title
    is in its last part, and none when that part only addresses the person («الملك عبدالله الثاني،
    الأمير فيصل», «قائد قوات الطوارئ، واللواء»: a list of people). A head followed by more words
    starts the name's own title («ولي ولي العهد وزير الشؤون الاجتماعية», «الملك سلمان والملك»), and
    so does what follows a form of address («… إلى أخيهما جلالة الملك»)."""
    window = max(floor, start - _TITLE_WINDOW)  # a mark missing from a long text had been sought back to its start
    line_start = max(window, text.rfind("\n", window, start) + 1, max(text.rfind(p, window, start) for p in ".؟!؛:") + 1)
    rules = _rules()
    parts = re.split(r"[،,]", text[line_start:start].rstrip(" ،,\u00a0"))
    before = parts[-1].split()
    addressed = bool(before) and _bare(before[-1], rules.address) in rules.address
    while before and _bare(before[-1], rules.address) in rules.address:
        if fold(before.pop()) not in rules.address:
            return None  # «… والأمير فيصل», «شكر الأمير سلطان للأمير تشارلز»: another person
    if not before:
        return None
    words = before[-_MAX_TITLE_WORDS:]
    folded = [fold(w) for w in words]
    outside = fold(before[-_MAX_TITLE_WORDS - 1]) if len(before) > _MAX_TITLE_WORDS else ""  # the word before the window
    heads = rules.title_heads
    stops = rules.title_stops
    for first in range(len(words) - 1):  # longest title first; at least two words
        head = words[first]
        if folded[first] not in heads:
            conjunction = _CONJUNCTION.match(head)
            if not (conjunction and fold(head[conjunction.end():]) in heads):
                continue
            head = head[conjunction.end():]  # "وَوزير الخارجية": the conjunction (and its mark) is not part of the title
        # «ولي ولي العهد», «نائب رئيس الوزراء»: a title word before the head makes it part of another's title
        previous = folded[first - 1] if first else outside
        deputies = rules.deputy_words
        if previous in deputies or (previous[:1] in ("و", "ف") and previous[1:] in deputies):
            continue  # a later head may still open the name's own title
        if any(_later_title(words, folded, j, addressed) for j in range(first + 1, len(words))):
            continue  # a later title is the name's
        if not any(w in stops for w in folded[first + 1:]):
            return " ".join([head, *words[first + 1:]])
    return None


_OBJECT_PREPOSITIONS = frozenset(fold(w) for w in ("إلى", "الى", "من", "مع", "عن", "على", "لدى", "بين"))
_SPOKEN_FOR = frozenset(fold(w) for w in ("باسم",))  # «المتحدث باسم حاكم الولاية»: the governor is no title


def _later_title(words: list[str], folded: list[str], j: int, addressed: bool) -> bool:
    """Whether a title word of `words` (a title candidate, `folded` alike) at `j` opens another title:
    a form of address («… جلالة الملك»; one behind a preposition — «لسمو ولي العهد» — only when
    nothing addresses the name after the title: «رئيس الشؤون الخاصة لسمو ولي العهد الأستاذ سليمان» is
    his title, «برقية شكر لجلالة الملك عبدالله» is the king's), a head joined by و («الملك سلمان
    والملك»), a head after a preposition («وزير الداخلية إلى الملك»: the one written to), or a head
    with more words after it and no deputy word before it («ولي ولي العهد وزير الشؤون الاجتماعية»)
    unless it names an institution («مدينة الملك عبدالعزيز للعلوم»: `eponym_heads`); a head at the
    end is the title's object («مدير مكتب الملك»)."""
    rules = _rules()
    address = _bare(words[j], rules.address, definite=False)  # «للفريق» is the team's, no rank
    if address in rules.address:
        joined = address != folded[j] and folded[j][:1] in ("ل", "ب")
        return not (joined and addressed)
    bare = _bare(words[j], rules.title_heads)
    if bare not in rules.title_heads or _bare(words[j - 1], rules.address) in rules.address \
            or folded[j - 1] in _SPOKEN_FOR:
        return False  # «لسمو ولي العهد», «باسم حاكم الولاية»: the title's object
    return bare != folded[j] or folded[j - 1] in _OBJECT_PREPOSITIONS or (
        j < len(words) - 1 and folded[j - 1] not in rules.deputy_words and bare not in rules.eponyms)


def _bare(word: str, within: frozenset[str], definite: bool = True) -> str:
    """A folded word as `within` lists it, behind a joining و or a preposition's letter: «واللواء» ->
    «اللواء», «لجلالة» -> «جلالة», and with `definite` «للأمير» -> «الأمير»; «وزير» stays «وزير»."""
    folded = fold(word)
    if folded in within:
        return folded
    if definite and folded.startswith(("لل", "ولل")) and "ال" + folded.split("لل", 1)[1] in within:
        return "ال" + folded.split("لل", 1)[1]  # «للأمير» is ل + «الأمير»
    return next((folded[len(c):] for c in _CLITICS if folded.startswith(c) and folded[len(c):] in within), folded)


_CLITICS = ("و", "ف", "ل", "ب", "ول", "وب", "فل")
_CLITICS_LONGEST_FIRST = tuple(sorted(_CLITICS, key=len, reverse=True))


def _title_after(text: str, end: int, article: str, people: set[tuple[str, int]]) -> str | None:
    """The title right after a name, up to a comma, a stop word or the next title head («محمد بن سلمان
    ولي ولي العهد النائب الثاني» -> «ولي ولي العهد»); none when it is the next person's («أوباما رئيس
    الوزراء الإسرائيلي نتنياهو»: `people` are (article, start) of the story's person mentions). It keeps
    a title written both before a name and after another from naming the first: «ووصل بمعية ولي ولي
    العهد، فهد العيسى» gave the adviser the deputy crown prince's 79 mentions in one story."""
    stops = [i for i in (text.find(c, end, end + _TITLE_WINDOW) for c in "\n.؟!؛:،,") if i >= 0]
    stop = min(stops, default=min(len(text), end + _TITLE_WINDOW))
    rules = _rules()
    words = list(re.finditer(r"\S+", text[end:stop]))[:_MAX_TITLE_WORDS]
    folded = [fold(w.group()) for w in words]
    if not folded or folded[0] not in rules.title_heads:
        return None
    n = 1
    while n < len(words) and folded[n] not in rules.title_stops \
            and (folded[n] not in rules.title_heads or folded[n - 1] in rules.deputy_words):
        if (article, end + words[n].start()) in people:
            return None  # the title of the name that follows
        n += 1
    return text[end + words[0].start():end + words[n - 1].end()] if n >= 2 else None


def _add_title_mentions(group: _Group, title_key: str, articles: list[Article],
                        folded: dict[str, str], normalized: dict[str, NormalizedText],
                        people: tuple[dict[str, list[tuple[int, int]]], int], longer_titles: list[str]) -> None:
    """The title's uses in the story's articles become mentions of the group, but for a use that is the
    title of the next person named after it, another one (`people`: where each article's person mentions
    start, in order, with their group's index, and the index of `group`): «مدير التعليم» of «مدير التعليم محمد العقيبي» is
    not «مدير التعليم بمحافظة الخرج الدكتور عبدالرحمن العبدالجبار» of a story of many regions' directors,
    while «وزير الدفاع الأمريكي أبلغ الجبوري» is still the minister; nor the start of a longer title of
    another (`longer_titles`): «وزير الدفاع» of the Iraqi minister is not «وزير الدفاع الأمريكي» (session 28).

    Most articles lack the title: `fold` (which gives `normalize(text).folded`, without the offset
    map) rules them out cheaply, and only the others are normalised for their offsets.
    """
    taken = {(m["article"], m["span"][0]) for m in group.mentions}
    pattern = re.compile(rf"(?<!\w){re.escape(title_key)}(?!\w)")
    for article in articles:
        text = folded.get(article.id)
        if text is None:
            text = folded[article.id] = fold(article.text)
        if title_key not in text:
            continue
        norm = normalized.get(article.id)
        if norm is None:
            norm = normalized[article.id] = normalize(article.text)
        for found in pattern.finditer(norm.folded):
            start, end = norm.to_original(found.start(), found.end())
            if _anothers_title(article.text, title_key, end, people[0].get(article.id, []), people[1]) \
                    or any(norm.folded.startswith(longer, found.start()) for longer in longer_titles) \
                    or _deputys(norm.folded, found.start()):
                continue
            if (article.id, start) not in taken:
                group.mentions.append({"article": article.id, "span": [start, end],
                                       "text": article.text[start:end], "as": "title"})
                taken.add((article.id, start))


def _deputys(folded: str, start: int) -> bool:
    """Whether the title's use at `start` is a deputy's or an assistant's title: «نائب الرئيس العراقي» is
    not the president, «مساعد أمين العاصمة» not the mayor (`deputy_words`, with a conjunction or «ال» on it),
    while «جلوي بن عبدالعزيز بن مساعد أمير منطقة نجران» is the emir: «بن مساعد» is his name."""
    words = folded[max(0, start - 30):start].split()
    word = words[-1] if words else ""
    word = word[1:] if word[:1] in ("و", "ف") and word[1:] else word
    deputy = word in _rules().deputy_words or (word.startswith("ال") and word[2:] in _rules().deputy_words)
    return deputy and not (len(words) > 1 and words[-2] in _rules().name_links)


def _anothers_title(text: str, title_key: str, end: int, people: list[tuple[int, int]], owner: int) -> bool:
    """Whether the title's use ending at `end` is the title written right before the next person named
    after it (`people`: `(start, group index)` in order), and that person is not the `owner` group's."""
    at = bisect_left(people, (end, -1))
    if at == len(people) or people[at][1] == owner or people[at][0] - end > _TITLE_REACH:
        return False
    before = _title_before(text, people[at][0])
    return before is not None and title_key in fold(before)


def _entity(group: _Group, name: str, latin: str | None) -> dict[str, Any]:
    variants = sorted(set(group.variants) | set(group.titles), key=lambda v: (-group.variants[v], v))
    kind = group.tag
    mentions = sorted(group.mentions, key=lambda m: (m["article"], m["span"][0]))
    return {"name": name, "type": kind, "variants": variants, "latin": latin,
            "titles": sorted(group.titles), "mentions": mentions}


def link_speakers(quotes: list[dict[str, Any]], entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each quote with `speaker_entity`: the resolved entity's name when the speaker (else its
    `speaker_full`) is one of its variants or titles, or a title followed by one person's name
    ("الرئيس التركي، رجب طيب أردوغان"); else null ("مصدر مقرب من الكرملين" is not the Kremlin)."""
    by_key: dict[str, set[str]] = {}
    people: dict[str, set[str]] = {}
    for entity in entities:
        for variant in entity["variants"]:
            by_key.setdefault(spelling_key(variant), set()).add(entity["name"])
            if entity["type"] == "PER":
                people.setdefault(spelling_key(variant), set()).add(entity["name"])
    out = []
    for quote in quotes:
        names: set[str] = set()
        # the speaker as written, else as its article names it in full (`naba.extract.speakers`)
        for written in (quote.get("speaker"), quote.get("speaker_full")):
            speaker = spelling_key(written or "")
            names = by_key.get(speaker, set()) if speaker else set()
            if not names and speaker:
                # endswith first: few keys end the speaker, and each key's pattern is compiled anew
                names = {n for key, ns in people.items() if len(key) > 3 and speaker.endswith(key)
                         and _ends_with_word(speaker, key) for n in ns}
            if names:
                break
        out.append({**quote, "speaker_entity": next(iter(names)) if len(names) == 1 else None})
    return out


def _ends_with_word(speaker: str, key: str) -> bool:
    """Whether `speaker` ends with `key` as whole words ("الرئيس التركي اردوغان" ends with "اردوغان")."""
    return re.search(rf"(?<!\w){re.escape(key)}$", speaker) is not None
