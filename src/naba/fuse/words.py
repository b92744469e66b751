"""What fusion compares in a clause or headline: folded words, content stems, numbers, negations.

Words and stems come from the copies stage's tokenizer (`naba.reuse.tokens`), so a clause is
folded and stemmed exactly as reuse detection folds it. On top of its prefix stripping, `root`
strips a few suffixes (ة ات ون ين ية ي ان) so «إيرانية» meets «إيران» and «الأميركي» «أميركا».

Each number of a clause is read once into a `Figure`: its value with its scale («7 مليارات»), the
range its wording allows («نحو ألف» 950–1,050, «أكثر من 100» 100 and up), the root of the word it
counts, and whether it is a date («منذ 31 مارس») rather than a figure. Numbers after «رقم» are
labels, a number word after a definite ordinal is part of it («العقد الثامن عشر»), and «12%»
counts no word after it. The hedge and month words are data (`data/fusion.json`, `data/months.json`).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from naba.fuse.rules import fusion_rules
from naba.normalize import fold
from naba.reuse.tokens import content_stems, folded_words, stems_of
from naba.rules import load_json

# Longest first; a root keeps at least 3 letters (so «بيان» does not lose «ان»).
_SUFFIXES = ("يين", "يون", "يه", "ات", "ون", "ين", "ان", "ه", "ي", "ا")
TALLY_WINDOW = 6  # words before a number in which «رصيد» makes it a running total
_NUMBER = re.compile(r"^\d+(?:_\d+)?$")
# Before tokenizing: thousands separators go, a decimal point becomes "_" so that «5.4» stays one
# word (the tokenizer splits at punctuation) and reads 5.4. A comma left between digits once the
# thousands separators are gone is a decimal comma, as AFP's Arabic writes it: «4,2 مليار» is 4.2.
# The Saudi Press Agency separates decimals with «ر» and writes them in visual order: «83ر51 دولار
# للبرميل» is $51.83 (WTI in July 2015), «91ر47» 47.91 — read in logical order (`_REVERSED_DECIMAL`),
# so the wire's copies agree with the outlets that write 51.83.
_THOUSANDS = re.compile(r"(?<=\d)[,،٬](?=\d{3}(?!\d))")  # ٬: the Arabic thousands separator
# Two dots or more between groups of three digits are thousands separators: «6.671.878 مسافرا»,
# «(4.195.000) مليون ريال» (some outlets' style; no decimal has two points).
_DOTTED_THOUSANDS = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{3}){2,}(?![\d.])")
# A comma's groups then a point before three digits are all thousands: «2,804.130 ريال» is 2,804,130
# (one outlet's writing of the figure others print 2,804,130), not 2,804.13.
_MIXED_THOUSANDS = re.compile(r"(?<![\d.,،٬])\d{1,3}(?:[,،٬]\d{3})+\.\d{3}(?![\d.,،٬])")
_ONE_DOT_GROUP = re.compile(r"^\d{1,3}_\d{3}$")  # «320.000», «60.417»: thousands or three decimals
_DECIMAL = re.compile(r"(?<=\d)[.٫,،ر](?=\d)")
# A decimal written in visual order with a right-to-left mark after its point: aawsat's «5.\u200f7 درجة»
# is 7.5, «04.\u200f5 مليون» 5.04 (323 in SaudiNewsNet, all from one outlet); read in logical order.
_REVERSED_DECIMAL = re.compile("(\\d+)((?:[.,٫]\u200f)|ر)(\\d+)")
# A list item's number at the start of a clause («5 ـ تعيين …», «3- إنشاء …», «2) …»): a label, not a
# count (a decree's appointments read as conflicting counts of «تعيين»).
_LIST_NUMBER = re.compile(r"^\s*[\d٠-٩]{1,2}\s*(?:[ـ\-–.)]\s*)+(?![\s\d٠-٩])")
# Digits written against the word they count («10منشآت», «١٠٠كم»): the two are two words.
_GLUED = re.compile(r"(?<=\d)(?=[\u0621-\u064a])")  # \d holds the Arabic-Indic digits too
# «12%» and «12 ٪»: the sign becomes a word that counts nothing (in `not_quantities`), so the word
# after a share is not read as the thing it counts («بنسبة 1.6% تلاه قطاع …» counts no «تلاه»).
_PERCENT = re.compile(r"(?<=\d)\s?[%٪]")
PERCENT_WORD = " بالمئة"
# Amounts of a million or more that differ by this share or less agree: «7 مليارات يورو» is
# «7.16 مليار يورو» rounded. Counts of people stay exact (30 and 31 dead conflict).
ROUNDED = 0.05
_LARGE = 1_000_000
# Integers read as years when two reports are compared figure by figure (`separate_reports`):
# Gregorian 1900–2100 and Hijri 1380–1500 («1436هـ»). A year dates a report; it is not one of its figures.
_YEARS = ((1900, 2100), (1380, 1500))
# Clauses with this many figures each and none in common are two reports, not one report told twice.
SEPARATE_FIGURES = 3
# Content words before an amount of money that say what it is an amount of (a loan, a repayment).
AMOUNT_CONTEXT = 2
EXCEPTIVE_WINDOW = 12  # «لم تتم السيطرة على واحد من أكبر هذه الحرائق في منطقة ليك سوى بنسبة»: twelve words on
STATE_WINDOW = 2  # words around a count in which a casualty word says what befell the counted


class Figure(NamedTuple):
    """One number of a clause as read: value, the range its wording allows, what it counts."""

    value: float
    low: float  # «نحو ألف»: 950; «أكثر من 100»: 100; an exact figure: its value
    high: float  # «نحو ألف»: 1,050; «أكثر من 100»: inf
    thing: str | None  # root of the counted word («مدنيا» -> «مدن»), None when it counts no word
    date: bool = False  # a day of a month («31 مارس»), not a figure
    # For an amount of money, the content roots just before it: what it is an amount of
    # («قرضا قدره 7.16 مليار يورو»: قرض); empty for other figures. See `_comparable`.
    context: frozenset[str] = frozenset()
    # A market reading (index points, cents, a price per barrel or share, a figure right after
    # «سعر»/«مؤشر»): it moves through the day, so two readings never conflict (`conflicting_things`).
    reading: bool = False
    # Digits with a scale word are rounded to their last digit's place: «237 ألف» to 1,000, «6.6 مليون»
    # to 100,000 — so they agree with «237.273» or 6,671,878 (`_close`). 0 for an exact figure.
    rounded_to: float = 0.0
    # Written with one point and three digits after it («(320.000) حبة», «60.417 رحلة», «1.769 مليون
    # دولار» for 1,769 million): maybe thousands, maybe decimals; `_close` tries both.
    thousands: bool = False
    state: str | None = None  # what befell the counted (`casualty_states`: «قتلى», «مصابون»), if said

    @property
    def counted(self) -> str | None:
        """What the figure counts, with its state: «جند (قتلى)»; the killed and the injured are two things."""
        return f"{self.thing} ({self.state})" if self.thing and self.state else self.thing


@dataclass(frozen=True)
class Gist:
    """The comparable content of one clause."""

    words: tuple[str, ...]  # every folded word, in order
    stems: frozenset[str]  # content-word stems (stop words left out)
    roots: frozenset[str]  # stems with a light suffix stripped
    order: tuple[str, ...]  # the roots in text order (for word-order agreement)
    numbers: frozenset[float]
    negations: int  # negation words and phrases it carries
    figures: tuple[Figure, ...] = field(default=(), compare=False)  # its numbers as read (`read_figures`)

    @property
    def negated(self) -> bool:
        return self.negations > 0

    def holds(self, phrase: str) -> bool:
        """Whether the clause has the folded `phrase` as whole words («دون أن»)."""
        return f" {phrase} " in f" {' '.join(self.words)} "


@functools.lru_cache(maxsize=1 << 16)
def root(stem: str) -> str:
    """A stem with one light suffix stripped (at least 3 letters stay).

    >>> root("ايرانيه"), root("اميركي"), root("بيان")
    ('ايران', 'اميرك', 'بيان')
    """
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
            return stem[: -len(suffix)]
    return stem


def gist(text: str) -> Gist:
    """Read the comparable content of a clause.

    >>> g = gist("لم تعلن الوزارة مقتل ٧ جنود، بل سبعة مدنيين")
    >>> sorted(g.numbers), g.negations
    ([7.0], 1)
    """
    rules = fusion_rules()
    text = _LIST_NUMBER.sub("", _REVERSED_DECIMAL.sub(r"\3.\1", text))
    text = _MIXED_THOUSANDS.sub(_thousands, text)
    text = _DECIMAL.sub("_", _THOUSANDS.sub("", _DOTTED_THOUSANDS.sub(lambda m: m.group().replace(".", ""), text)))
    text = _GLUED.sub(" ", text)
    plain = folded_words(text)
    with_percent = _PERCENT.sub(PERCENT_WORD, text)
    words = tuple(plain if with_percent == text else folded_words(with_percent))
    ordered = stems_of(plain)
    stems = frozenset(ordered)
    numbers = frozenset(n for n in map(_number, words) if n is not None)
    # a negation word before a number is part of a name: «احتفالات جدة غير 36» (the festival «Jeddah is different»)
    negations = sum(bare(w) in rules.negations and not exceptive(words, i)
                    and not (i + 1 < len(words) and words[i + 1][:1].isdigit()) for i, w in enumerate(words))
    joined = " " + " ".join(words) + " "
    negations += sum(joined.count(" " + p + " ") for p in rules.negation_phrases)
    # only a phrase whose first word was counted («لا يزال»), not «ما زالت» (ما is no negation word)
    negations -= sum(joined.count(" " + p + " ") for p in rules.not_negations if p.split()[0] in rules.negations)
    order = tuple(map(root, ordered))
    return Gist(words, stems, frozenset(order), order, numbers, max(0, negations), read_figures(words))


def _thousands(match: re.Match) -> str:
    """«2,804.130» as 2804130, unless a currency written with three decimals follows (`three_decimals`:
    «1,250.500 دينار كويتي» is 1,250.5)."""
    after = fold(match.string[match.end():match.end() + 30]).split()
    if any(" ".join(after[:len(p.split())]) == p for p in fusion_rules().three_decimals):
        return match.group()
    return re.sub(r"[.,،٬]", "", match.group())


def exceptive(words: tuple[str, ...], i: int) -> bool:
    """Whether the negation word at `i` opens an exception, which affirms («لم يكن البرنامج غير وقفة
    صغيرة», «لم يبق سوى طريق واحد»: nothing but): an `exceptives` word (إلا، سوى، غير) follows within
    `EXCEPTIVE_WINDOW` words with no other negation between them (an exceptive answers the nearest
    negation before it); or the word is that exceptive after such a negation."""
    rules = fusion_rules()
    # as written, without a joined و: «وألا يتجاوز» (and that … not) folds like «وإلا»
    if words[i] in rules.exceptives and any(bare(w) in rules.negations and bare(w) not in rules.exceptives
                                            for w in words[max(0, i - EXCEPTIVE_WINDOW):i]):
        return True
    for word in words[i + 1:i + 1 + EXCEPTIVE_WINDOW]:
        if word in rules.exceptives:
            return True
        if bare(word) in rules.negations:
            return False  # the exceptive belongs to the nearer negation: «وعدم التعرض للشمس … وعدم الخروج إلا»
    return False


def bare(word: str) -> str:
    """A word without a leading conjunction و/ف («ولم» -> «لم»), for matching function words."""
    return word[1:] if len(word) > 2 and word[0] in "وف" else word


@functools.lru_cache(maxsize=1 << 16)
def _number(word: str) -> float | None:
    """The value of a number word or figure, also after a joined و or ب («و3_5», «بسبعة»); remembered
    per word (a clause's words are read for numbers twice, by `gist` and `read_figures`)."""
    for form in (word, word[1:] if len(word) > 1 and word[0] in "وب" else None):
        if form and _NUMBER.match(form):
            return float(form.replace("_", "."))
        value = fusion_rules().number_words.get(form) if form else None
        if value is not None:
            return value
    return None


@dataclass(frozen=True)
class FigureRules:
    """Folded words that say how a number is meant (`data/fusion.json`, `data/months.json`)."""

    hedges: dict[tuple[str, ...], str]  # words before a number -> "about" | "at_least" | "at_most"
    after: dict[tuple[str, ...], str]  # words after the counted word («على الأقل») -> the same
    labels: frozenset[str]  # a number after one of these names something («رقم 9»)
    parts: frozenset[str]  # a number just after one of these is one of many's («أقواها بقوة 3.9»)
    ordinals: frozenset[str]  # «ثامن»: «الثامن عشر» is an ordinal, its «عشر» no count
    months: frozenset[str]  # first words of month names: a number before one is a day
    currencies: frozenset[str]  # roots of currency words: an amount in one is an amount of something
    amount_words: frozenset[str]  # roots that say "an amount" and nothing of what of («بقيمة», «قدره»)
    readings: frozenset[str]  # words around a number that make it a market reading («نقطة», «للبرميل», «سعر»)
    tallies: frozenset[str]  # «رصيد»: up to `TALLY_WINDOW` words before a number, a running total
    increments: frozenset[str]  # «جديدة» right after the counted word: an increment, not a total
    plural_things: dict[str, str]  # a broken plural's thing -> its singular's («اشخاص» -> «شخص»)
    duals: dict[str, str]  # a dual as written, folded -> the thing it counts 2 of («جنديين» -> «جند»)
    dual_scales: frozenset[str]  # «ألفا»: a scale after a number, 2 x the scale where it opens one
    states: dict[str, str]  # a casualty word -> what it says befell the counted («مقتل» -> «قتلى»)


@functools.cache
def figure_rules() -> FigureRules:
    """The words that say how a number is meant, once: hedges, labels, ordinals, currencies and
    amount words (`fusion_rules().figure_words`), month names (`data/months.json`)."""
    phrases = fusion_rules().figure_words
    # «لا يزيد على» (at most) ends like «يزيد على» (at least): `_phrase` tries the longer first.
    hedges = {p: kind for kind in ("about", "at_least", "at_most") for p in phrases[kind]}
    after = {p: kind for kind in ("about", "at_least") for p in phrases[kind + "_after"]}
    months = load_json("months.json")
    firsts = {fold(name).split()[0] for calendar in ("gregorian", "hijri")
              for names in months.get(calendar, {}).values() for name in names}

    def words(key: str) -> frozenset[str]:
        return frozenset(w for p in phrases[key] for w in p)

    def roots(key: str) -> frozenset[str]:
        return frozenset(root(root(s)) for w in words(key) for s in content_stems(w))

    return FigureRules(hedges, after, words("number_labels"), words("part_words"), words("ordinals"),
                       frozenset(firsts),
                       roots("currencies"), roots("amount_words") | roots("about") | roots("at_least"),
                       words("readings"), words("tallies"), words("increments"), *_number_forms(),
                       fusion_rules().dual_scales, fusion_rules().casualty_states)


def _number_forms() -> tuple[dict[str, str], dict[str, str]]:
    """What `broken_plurals`, `dual_nouns` and `not_duals` (fusion.json) give `read_figures`: each
    broken plural's thing mapped to its singular's («9 أشخاص» counts what «15 شخصا» counts), and
    each singular's dual (genitive and nominative, a feminine noun's ة written ت) mapped to its thing.
    A plural whose thing is another listed singular's is left as it is: it cannot say which it is."""
    rules = fusion_rules()
    singular = {s: _thing_of(s) or _thing_of(s + "ا") for s in (*rules.broken_plurals, *rules.dual_nouns)}
    taken = set(singular.values())
    plurals = {}
    for s, plural in rules.broken_plurals.items():
        # the plural, and the singular's accusative where a short word keeps its alif («47 طنا», «114 طن»)
        for thing in (_thing_of(plural), _thing_of(s + "ا")):
            if thing and singular[s] and thing != singular[s] and thing not in taken:
                plurals[thing] = singular[s]
    duals = {}
    for s, thing in singular.items():
        stem = s[:-1] + "ت" if s.endswith("ه") else s  # طائرة -> طائرتين
        duals.update((stem + ending, thing) for ending in ("ين", "ان") if thing and stem + ending not in rules.not_duals)
    return plurals, duals


def _thing_of(word: str) -> str | None:
    """The root a counted word gives its figure («مدنيا» -> «مدن»), None for a stop word."""
    stems = content_stems(word)
    return root(root(stems[0])) if stems else None


def read_figures(words: tuple[str, ...]) -> tuple[Figure, ...]:
    """The numbers of a clause's folded words as `Figure`s, in order.

    A number word after a definite ordinal is part of it («الثامن عشر»), a number after a label
    word («رقم») names something, and one just after a part word («أقواها») is one of many's:
    none is read. Number words after a number multiply it («450 مليون دولار» is 450e6). A number
    before another is a score («5-4»).

    >>> [(f.value, f.thing, f.state) for f in read_figures(tuple(gist("قتل ٢١ مدنيا في العقد الثامن عشر").words))]
    [(21.0, 'مدن', 'قتلى')]
    """
    rules = figure_rules()
    out: list[Figure] = []
    priced_things: set[str] = set()
    i = 0
    while i < len(words):
        value = _number(words[i])
        if value is None:
            if (dual := _dual(words, i, rules)) is not None:
                out.append(dual)
            i += 1
            continue
        if (i and bare(words[i - 1]) in rules.labels) \
                or _of_a_part(words[max(0, i - 3):i], rules) or (
                i and not words[i][-1].isdigit() and _ordinal(words[i - 1])) or (
                i and words[i][:1].isdigit() and words[i - 1][:1].isdigit()):  # «20-10-1436 لقاء»: a date's year
            i += 1
            continue
        if words[i] in rules.dual_scales and not (i and _number(words[i - 1]) is not None):
            value *= 2  # «ألفا رجل»: the dual in construct opens the number (after one it is a scale: «112 ألفا»)
        start, written = i, value
        i += 1
        while i < len(words) and (scale := _scale(words[i])):
            value *= scale if value < scale else 1
            i += 1
        # «112 ألفا و686», «3 ملايين و500 ألف», «مليون و200 ألف»: the rest of the number after its scale
        # (with the rest's own scale), not a second number
        top = value / written if value != written else (0 if words[start][:1].isdigit() else written)
        if top >= 100 and i < len(words) and words[i][:1] == "و" and (rest := _number(words[i])) is not None:
            j = i + 1
            while j < len(words) and (scale := _scale(words[j])) and rest < scale:
                rest, j = rest * scale, j + 1
            if rest < top:
                value, i = value + rest, j
        if i < len(words) and _number(words[i]) is not None:  # «5-4»: a score, not a count
            i += 1
            # nor a range or a compound («بين 100 وخمسة آلاف نسمة», «خمسة وثلاثين شخصا»): its scale is no
            # thousand of its own
            while i < len(words) and _scale(words[i]):
                i += 1
            continue
        word = words[i] if i < len(words) else ""
        date = bool(word) and bare(word) in rules.months
        thing = content_stems(word) if word and not date and _counts_a_thing(word) else []
        kind = _phrase(words[max(0, start - 3):start], rules.hedges, end=True) or \
            _phrase(words[i + 1:i + 4], rules.after, end=False)
        counts = root(root(thing[0])) if thing else None
        counts = rules.plural_things.get(counts, counts)
        context = _amount_of(words[max(0, start - 2 * AMOUNT_CONTEXT):start], rules) \
            if counts in rules.currencies else frozenset()
        unit = _precision(words[start]) * (value / written if written else 1.0)  # «30 ألف»: 10 x 1,000
        around = (*words[max(0, start - 3):start], word, *words[i + 1:i + 2])
        priced = any(w in rules.readings or bare(w) in rules.readings for w in around)
        if priced and counts:
            priced_things.add(counts)
        reading = priced \
            or any(w in rules.tallies or bare(w) in rules.tallies for w in words[max(0, start - TALLY_WINDOW):start]) \
            or (bool(counts) and i + 1 < len(words) and words[i + 1] in rules.increments)
        scaled, digits = value != written, words[start][:1].isdigit()
        rounded_to = _precision_of_digits(words[start]) * (value / written) if scaled and digits and written else 0.0
        thousands = bool(_ONE_DOT_GROUP.match(words[start]))  # «1.769 مليون دولار» may be 1,769 million
        out.append(Figure(value, *_range(value, kind, unit), counts, date, context, reading, rounded_to, thousands,
                          _state(words, start, i, rules) if counts else None))
    # one clause's prices of one kind are all readings when one says so: «الفضة … 14.72 دولار للأوقية بينما
    # ارتفع البلاتين … إلى 983.24 دولار» gives the platinum's price per ounce too (not a budget of 87 billion
    # dollars beside a price per barrel: a price is under a million)
    return tuple(f._replace(reading=True) if f.thing in priced_things and f.value < _LARGE else f for f in out)


def _scale(word: str) -> float | None:
    """The value of a scale word that multiplies the number before it («ألف», «مليون»): a number word of 100
    or more, not digits («1436/1437هـ» is two years, not 1436 x 1437) and not behind «و» (the rest of a
    number, or another one); None for any other word."""
    if word[:1].isdigit() or word[:1] == "و":
        return None
    value = _number(word)
    return value if value is not None and value >= 100 else None


def _dual(words: tuple[str, ...], i: int, rules: FigureRules) -> Figure | None:
    """A count of 2 written as a noun's dual («مقتل جنديين», «فاز بهدفين»; `FigureRules.duals`),
    not after a number or a part word; hedged like a number by the words after it («على الأقل»)."""
    word = words[i]
    form = next((f for f in (word, word[1:], word[2:]) if f in rules.duals and set(word[:len(word) - len(f)]) <= set("وب")),
                None)
    if form is None or (i and _number(words[i - 1]) is not None) or _of_a_part(words[max(0, i - 3):i], rules):
        return None
    kind = _phrase(words[i + 1:i + 4], rules.after, end=False)
    around = (*words[max(0, i - 3):i], word, *words[i + 1:i + 2])
    reading = any(w in rules.readings or bare(w) in rules.readings for w in around)
    return Figure(2.0, *_range(2.0, kind, 1.0), rules.duals[form], False, frozenset(), reading,
                  state=_state(words, i, i, rules))


def _state(words: tuple[str, ...], start: int, counted_at: int, rules: FigureRules) -> str | None:
    """What befell the counted (`casualty_states` in fusion.json): a state word within `STATE_WINDOW`
    words before the number (`start`) or after the counted word (`counted_at`), the nearest first,
    before the number on a tie: «مقتل 5 أشخاص وإصابة 10» -> «قتلى» for 5."""
    for distance in range(1, STATE_WINDOW + 1):
        for at in (start - distance, counted_at + distance):
            if 0 <= at < len(words) and (state := rules.states.get(words[at]) or rules.states.get(bare(words[at]))):
                return state
    return None


def _of_a_part(before: tuple[str, ...], rules: FigureRules) -> bool:
    """Whether the words before a number make it one of many's, not the thing's own («14 هزة
    ارتدادية، أقواها بقوة 3.9 درجات»: the strongest aftershock's, not the quake's 5.4)."""
    return any(bare(w) in rules.parts for w in before)


def _amount_of(before: tuple[str, ...], rules: FigureRules) -> frozenset[str]:
    """The last `AMOUNT_CONTEXT` content roots before an amount of money, amount words left out."""
    found = [r for w in before if not _amount_word(w, rules)
             for r in (root(s) for s in content_stems(w) if not s[0].isdigit())]
    # Each root also without a joined preposition or conjunction the stemmer keeps («بتداولات»).
    return frozenset(form for r in found[-AMOUNT_CONTEXT:]
                     for form in (r, r[1:] if r[0] in "بلوفك" and len(r) > 3 else r))


def _amount_word(word: str, rules: FigureRules) -> bool:
    """«بقيمة», «وبلغت», «قدره»: a word that says "an amount", with or without a joined و/ف; or a
    word of `not_quantities` («آخر», «أخرى»), which says nothing of what either."""
    return word in fusion_rules().not_quantities or any(
        root(root(s)) in rules.amount_words for form in (word, bare(word)) for s in content_stems(form))


def _ordinal(word: str) -> bool:
    """A definite ordinal, masculine or feminine, or number word («الثامن», «الرابعة», «الخمسة»): a number
    word after it is the rest of a compound («الثامن عشر», «الرابعة عشرة», «الخمسة عشر»), not a count."""
    if not word.startswith("ال"):
        return False
    rest = word[2:]
    feminine = rest[:-1] if rest.endswith("ه") else None  # «الرابعة عشرة»: the fourteenth
    return rest in figure_rules().ordinals or rest in fusion_rules().number_words \
        or feminine in figure_rules().ordinals


def _phrase(words: tuple[str, ...], phrases: dict[tuple[str, ...], str], end: bool) -> str | None:
    """The kind of the phrase `words` ends with (`end`) or opens with, longest first, else None.
    Its first word may carry و/ف/ب («وبنحو»)."""
    for n in (3, 2, 1):
        found = words[-n:] if end else words[:n]
        if len(found) < n:
            continue
        first, rest = found[0], tuple(found[1:])
        for cut in range(min(3, len(first) - 1)):  # «نحو», «بنحو», «وبنحو»
            if set(first[:cut]) <= set("وفب") and (kind := phrases.get((first[cut:], *rest))):
                return kind
    return None


def _range(value: float, kind: str | None, unit: float) -> tuple[float, float]:
    """The values a figure allows: «نحو» (about) as far as rounding its last digit moves it
    (`unit`: 1,000 for «نحو ألف», 0.01 for «نحو 57.70») and at most `ROUNDED` of it — «نحو ألف»
    950–1,050, «نحو 57.70 دولار» 57.695–57.705; «أكثر من» (more than) upwards; «أقل من» (less
    than) downwards."""
    if kind == "about":
        spread = min(ROUNDED * value, unit / 2)
        return value - spread, value + spread
    if kind == "at_least":
        return value, math.inf
    if kind == "at_most":
        return 0.0, value
    return value, value


def _precision_of_digits(word: str) -> float:
    """The place of the last written digit of a figure in digits: 1 for «237» and «30», 0.1 for «6.6»."""
    form = word if _NUMBER.match(word) else word[1:]
    _, _, decimals = form.partition("_")
    return 10.0 ** -len(decimals)


def _precision(word: str) -> float:
    """The place of the last significant digit of a written number: 10 for «30», 1,000 for «1000»
    and «ألف», 0.01 for «57.70» (read «57_70»)."""
    form = word if _NUMBER.match(word) else word[1:]  # «و30», «ب30»
    if _NUMBER.match(form):
        whole, _, decimals = form.partition("_")
        if decimals:
            return 10.0 ** -len(decimals)
        return 10.0 ** (len(whole) - len(whole.rstrip("0")))
    value = _number(word) or 1.0
    zeros = 0
    while value >= 10 and value % 10 == 0:
        value, zeros = value / 10, zeros + 1
    return 10.0 ** zeros


def counted(g: Gist) -> dict[str, set[float]]:
    """The numbers of a clause by the root of the word they count.

    Number words after a number multiply it («450 مليون دولار» -> {"دولار": {450e6}}).

    >>> counted(gist("قتل ٢١ مدنيا وأصيب 3 آلاف شخص"))  # what befell them is part of what is counted
    {'مدن (قتلى)': {21.0}, 'شخص (مصابون)': {3000.0}}
    """
    return {thing: {f.value for f in figures} for thing, figures in by_thing(g).items()}


def by_thing(g: Gist) -> dict[str, list[Figure]]:
    """The figures of a clause by what they count, with its state (`Figure.counted`; figures that count
    no word left out)."""
    out: dict[str, list[Figure]] = {}
    for f in g.figures:
        if f.thing:
            out.setdefault(f.counted, []).append(f)
    return out


def agree_any(xs: list[Figure], ys: list[Figure]) -> bool:
    """Some count of `xs` agrees with one of `ys` (equal, rounded alike, or inside a hedge's range)."""
    return any(_agree_figures(x, y) for x in xs for y in ys)


def _counts_a_thing(word: str) -> bool:
    """Whether the word after a number names what is counted. Not a word in `not_quantities`, nor
    one opening with و: after a number that is nearly always a new clause («قتل 30 وأصيب …»),
    at the cost of the rare counted noun that starts with و («30 وزيرا»). Nor a definite word:
    the counted noun after a number is indefinite («30 قتيلا»); «(6) بمنطقة …» and «2015 الماضي»
    open another phrase."""
    return word not in fusion_rules().not_quantities and not word.startswith("و") and not definite(word)


# The article, bare or behind a joined conjunction or preposition; longest first.
ARTICLE = ("وال", "بال", "كال", "فال", "لل", "ال")


def definite(word: str) -> bool:
    """A word with the article, bare or after a joined conjunction or preposition («الماضي», «والطريق»,
    «بالمنطقة», «للسهم»)."""
    return without_article(word) != word


def without_article(word: str) -> str:
    """A folded word without its article and what is joined before it («والشركه» -> «شركه»); two letters
    stay at least («الي» is no article's word); other words as they are."""
    return next((word[len(p):] for p in ARTICLE if word.startswith(p) and len(word) > len(p) + 1), word)


def count_conflict(a: Gist, b: Gist, *, amounts_of: bool = True) -> bool:
    """The same counted thing with different numbers, where the two agree on no count of it.

    Not a conflict: a count of the thing the two share (`agree`, or inside the range a hedge allows:
    «نحو ألف حالة» and «970 حالة»); a breakdown, where the counts one side gives add up to the
    other's («ثلاث فرق» and «سبع فرق» against «10 فرق»); a figure the other clause also states,
    with another word («250 محالا … 1011 محلا» against «250 محلا … 1011 إنذارا»); with
    `amounts_of`, amounts of money of different things (`_comparable`).
    """
    return bool(conflicting_things(a, b, amounts_of=amounts_of))


def conflicting_things(a: Gist, b: Gist, *, amounts_of: bool = True) -> list[str]:
    """The counted things (roots) on which `a` and `b` conflict (see `count_conflict`), sorted."""
    ca, cb = by_thing(a), by_thing(b)
    shared = sorted(k for k in ca.keys() & cb.keys()
                    if not all(f.reading for f in ca[k]) and not all(f.reading for f in cb[k]))
    # agreement is looked for whatever befell the counted (`Figure.state`): a tally whose one figure says
    # «حالة وفاة» and the other's does not is still one tally («583 حالة» in both)
    things = {f.thing for k in shared for f in ca[k]}
    if any(_consistent([f for f in a.figures if f.thing == t], [f for f in b.figures if f.thing == t])
           for t in things):
        return []
    return [k for k in shared if (not amounts_of or any(_comparable(x, y) for x in ca[k] for y in cb[k]))
            and _unstated(ca[k], b) and _unstated(cb[k], a)]


def different_amounts(a: Gist, b: Gist) -> bool:
    """Both clauses give amounts in one currency, of different things and never the same amount
    («دفع مبلغ قيمته 3.2 مليار يورو» and «سندات بما قيمته 27 مليار يورو»): two facts."""
    ca, cb = by_thing(a), by_thing(b)
    return any(not any(_comparable(x, y) or _close(x, y) for x in ca[k] for y in cb[k])
               for k in ca.keys() & cb.keys() if ca[k][0].context)


def _comparable(x: Figure, y: Figure) -> bool:
    """Two counts of one thing that may count the same: any two, except amounts of money said of
    different things. «قرضا قدره 7.16 مليار يورو» (a loan) and «تسدد 4.2 مليار يورو» (a repayment)
    are two amounts, not two readings of one; «كلفة الميناء 450 مليون دولار» and «كلفة الميناء
    700 مليون دولار» are one. An amount with nothing named before it is compared with any."""
    return not x.context or not y.context or not x.context.isdisjoint(y.context)


def _consistent(xs: list[Figure], ys: list[Figure]) -> bool:
    """Some count of one side agrees with one of the other, or one side's counts add up to one of the other's."""
    if agree_any(xs, ys):  # one amount twice is one amount
        return True
    return any(len(part) > 1 and any(agree(sum(f.value for f in part), f.value) for f in whole)
               for part, whole in ((xs, ys), (ys, xs)))


def _unstated(figures: list[Figure], other: Gist) -> bool:
    """Some of these figures is stated nowhere in the other clause, counting any word."""
    return any(not any(_same_figure(f, g) for g in other.figures) for f in figures)


def _agree_figures(x: Figure, y: Figure) -> bool:
    """Two counts of one thing agree: `_close`, or inside the range a hedge allows."""
    return _close(x, y) or x.low <= y.high and y.low <= x.high


def _close(x: Figure, y: Figure) -> bool:
    """`agree`, reading a one-dot figure also as thousands («320.000» and «320 ألف»), or within the place
    a scaled figure is rounded to («237 ألف» and «237.273», «6.6 مليون» and «6.671.878»; «30 ألف» and
    «28 ألف» still differ)."""
    for a in (x.value, x.value * 1000) if x.thousands else (x.value,):
        for b in (y.value, y.value * 1000) if y.thousands else (y.value,):
            if agree(a, b) or abs(a - b) < max(x.rounded_to, y.rounded_to):
                return True
    return False


def _same_figure(x: Figure, y: Figure) -> bool:
    """Two figures that may be one figure, whatever they count: `agree`, or one inside the range
    of the other's «نحو» (about). A bound is not a range here: «أكثر من 92.2 ألف صفقة» is
    consistent with 143 million shares, but is not that figure."""
    if _close(x, y):
        return True
    return any(_about(f) and f.low <= g.value <= f.high for f, g in ((x, y), (y, x)))


def _about(f: Figure) -> bool:
    return f.low < f.value < f.high


def separate_reports(a: Gist, b: Gist) -> bool:
    """Two clauses that each give `SEPARATE_FIGURES` or more figures, none of them in common, are
    two reports — two trading days, two months, two companies' results — not one told twice.
    Dates and years do not count as figures: two companies' half-year results share «2015».

    The cost: one toll updated in every figure (30 dead, 50 wounded, 3 blasts against 31, 52, 4)
    is read as two reports.
    """
    return _no_shared_figures(a, b, SEPARATE_FIGURES)


def other_figures(a: Gist, b: Gist) -> bool:
    """Each clause gives two figures or more and none of the other's: whatever else they share,
    they do not state one fact («تراوحت الارتفاعات بين 5.88% و7.54%» on one trading day,
    «بين 7.47% و4.38%» on another). Not enough to call them separate reports (`separate_reports`),
    which would hide a conflict of two tolls (30 dead and 50 wounded against 31 and 52)."""
    return _no_shared_figures(a, b, 2)


def other_readings(a: Gist, b: Gist) -> bool:
    """Both clauses give a market reading of one thing and agree on none of it: two moments' reports
    («وارتفع سعر مزيج برنت 13 سنتا إلى 53.51 دولار للبرميل» and «وانخفض … سبعة سنتات إلى 53.31»), not one fact,
    however alike their words (readings never conflict either: `conflicting_things`)."""
    ra, rb = by_thing(a), by_thing(b)
    return any(all(f.reading for f in ra[t] + rb[t]) and not agree_any(ra[t], rb[t]) for t in ra.keys() & rb.keys())


def _no_shared_figures(a: Gist, b: Gist, at_least: int) -> bool:
    """Each clause gives `at_least` figures (dates and years left out) and none of the other's."""
    fa, fb = _report_figures(a), _report_figures(b)
    return len(fa) >= at_least and len(fb) >= at_least and not any(_same_figure(x, y) for x in fa for y in fb)


def _report_figures(g: Gist) -> list[Figure]:
    out, seen = [], set()
    for f in g.figures:
        if not f.date and not _year(f.value) and f.value not in seen:
            seen.add(f.value)
            out.append(f)
    return out


def _year(value: float) -> bool:
    return value.is_integer() and any(low <= value <= high for low, high in _YEARS)


def agree(x: float, y: float) -> bool:
    """Two counts agree: equal, or amounts of a million or more within `ROUNDED` of each other (a figure
    written with a dot for its thousands, «33.288», is read both ways by `_close`).

    >>> agree(7e9, 7.16e9), agree(30, 31), agree(4.2e9, 7.16e9)
    (True, False, False)
    """
    return x == y or (min(x, y) >= _LARGE and abs(x - y) <= ROUNDED * max(x, y))


def swapped(only_a: set[str], only_b: set[str], pairs: frozenset[tuple[str, str]]) -> bool:
    """Whether a word only `a` has and a word only `b` has form one of the pairs."""
    partners, firsts = _partners(pairs)
    return any(not partners[x].isdisjoint(only_b) for x in firsts.intersection(only_a))


@functools.lru_cache(maxsize=4)
def _partners(pairs: frozenset[tuple[str, str]]) -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """Each first word's partners, and the first words as a set (intersected with a clause's few
    words at C speed, not looked up word by word)."""
    out: dict[str, set[str]] = {}
    for x, y in pairs:
        out.setdefault(x, set()).add(y)
    return {x: frozenset(ys) for x, ys in out.items()}, frozenset(out)
