"""Contradictions: two articles state one fact incompatibly.

A candidate pair (shared roots, see `align`) contradicts when it talks about the same thing —
enough shared roots — and one of these holds, checked in this order:
- numbers: the same counted thing (the word after the number: «21 مدنيا» / «سبعة مدنيين») with
  different numbers, no count of it in common, and neither figure stated by the other clause;
- negation: one clause negates or denies (نفى، لا صحة، لم …) what the other asserts, and the
  pair model calls the pair a contradiction;
- antonyms: a word on one side and its opposite on the other (ارتفاع / انخفاض), said of the
  same thing;
- characterisation: one thing called incompatible names (ثوار / إرهابيين);
- actors: the pair model says contradiction and each clause names an actor the other does not
  name at all (needs NER).
None of them holds between two separate reports (`separate`), which are different facts: three
figures or more each with none in common (two trading days), amounts of money of different things
(a loan and its repayments), or different counts said of differently named subjects (two companies'
results, two films' takings), of different places (two landslides' tolls) or of different dates
(two years' medal counts). The word lists are data (`data/fusion.json`).
"""

from __future__ import annotations

import datetime
import functools
import itertools
import re

from naba.extract.gazetteer import Place
from naba.extract.quote_parts import CLOSERS, EITHER, OPENERS, QUOTE_MARKS
from naba.extract.resolve import spelling_key
from naba.fuse.claims import Claim, remembered
from naba.fuse.rules import fusion_rules
from naba.fuse.words import (
    Figure,
    Gist,
    agree_any,
    bare,
    by_thing,
    conflicting_things,
    counted,
    definite,
    different_amounts,
    exceptive,
    gist,
    root,
    separate_reports,
    swapped,
    without_article,
)
from naba.normalize import fold
from naba.reuse.tokens import content_stems

ABOUT = 0.2  # root Jaccard two clauses need to be about the same thing (seeds: same fact >= 0.18)
# Word swaps and actors are weaker evidence (long sentences hold an antonym pair by chance, and
# the pair model is unsure on sentences), so those need more shared content (SaudiNewsNet story:
# at 0.2, four of five antonym conflicts were two different events).
SWAP_ABOUT = 0.3
ACTORS_ABOUT = 0.4
ABOUT_WORDS = 6  # words of the shared content quoted in `about`
HEAD_SUBJECT = 3  # first words of a clause in which «الشركة» is what it is about («وتشير نتائج الشركة»)
# Content words after an antonym that say what it is said of: «ارتفاع أسعار النفط» (prices),
# «تتوقف خلالها الغارات» (the raids).
OBJECT_WINDOW = 2
REFERENCE_WINDOW = 4  # words after a distance's unit that say where from («جنوب غرب طوكيو»)
SOURCE_WINDOW = 3  # words before an entity in which a reporting verb makes it the source
QUOTED_WORDS = 4  # a quoted span this short is a name («مينيون»), a longer one is speech
DATELINE = 80  # characters: a colon this close to a clause's start ends its dateline
# The quote marks of the extractor (naba.extract.quote_parts), so „…“ and ”…“ count as «…» does;
# ″ (double prime) closes «“تيد 2″» in some feeds.
_QUOTED = re.compile("[{}]([^{}]+)[{}]".format(*(re.escape("".join(sorted(marks))) for marks in (
    OPENERS | EITHER, QUOTE_MARKS, CLOSERS | EITHER))))


def separate(a: Claim, b: Claim) -> bool:
    """Two separate reports, neither one fact nor a contradiction: three figures or more each with
    none in common (`words.separate_reports`), amounts of money of different things
    (`words.different_amounts`), or different counts of one thing said of different
    subjects — «أرباح شركة سبكيم … 190 مليون ريال» and «أرباح شركة الخضري … 48.83 مليون ريال»,
    «الفيلم “ترينريك” … 17.3 مليون دولار» and «فيلم “مينيون” … 22.1 مليون دولار»."""
    if separate_reports(a.gist, b.gist) or different_amounts(a.gist, b.gist):
        return True
    things = conflicting_things(a.gist, b.gist)
    if not things:
        return False
    return _two_subjects(a, b) or _elsewhere(a, b) or _other_times(a, b) or _other_periods(a, b) \
        or any(_other_reference(a.gist, b.gist, thing) for thing in things)


def _other_reference(a: Gist, b: Gist, thing: str) -> bool:
    """`thing` is a distance (`distances`) and the two measure it from different places: the words within
    `REFERENCE_WINDOW` after the unit share no root («على بعد ألف كيلومتر جنوب غرب طوكيو» and «يبعد نحو 50
    كيلومتراً من بركان ساكوراجيما»: one plant, two distances)."""
    if thing not in fusion_rules().distances or not (_from_somewhere(a, thing) and _from_somewhere(b, thing)):
        return False
    after_a, after_b = _objects(a, thing, REFERENCE_WINDOW), _objects(b, thing, REFERENCE_WINDOW)
    return bool(after_a and after_b) and after_a.isdisjoint(after_b)


def _from_somewhere(g: Gist, unit: str) -> bool:
    """Whether a clause gives a distance from somewhere: a word of `distance_words` («بعد», «يبعد», «مسافة»)
    within three words before the unit's number, or a word saying from where right after the unit («من»,
    «عن», «جنوب»): a tower's height «828 مترا فوق سطح الأرض» or a quake's depth «على عمق 10 كيلومترات»
    is no distance from a place."""
    rules = fusion_rules()
    for i, word in enumerate(g.words):
        if word == unit or any(root(s) == unit for s in content_stems(word)):
            before, after = g.words[max(0, i - 4):i], g.words[i + 1:i + 2]
            if any(bare(w) in rules.distance_words or w in rules.distance_words for w in before) \
                    or any(bare(w) in rules.distance_from for w in after):
                return True
    return False


def counts_by_article(claims: list[Claim]) -> dict[str, dict[str, list[Figure]]]:
    """Every count each article gives, by what it counts, over all its clauses (for `told_elsewhere`)."""
    out: dict[str, dict[str, list[Figure]]] = {}
    for claim in claims:
        for thing, figures in by_thing(claim.gist).items():
            out.setdefault(claim.article, {}).setdefault(thing, []).extend(figures)
    return out


def told_elsewhere(a: Claim, b: Claim, counts: dict[str, dict[str, list[Figure]]]) -> bool:
    """Whether each count two clauses conflict on is one the other's article also gives, elsewhere, for
    the same thing: then the two are parts of one account, not two accounts. Two outlets' copies of one
    ruling's three tiers of club debt («50 مليون ريال» for foreign players, «15 مليون» and «5 ملايين» for
    others) paired tier against tier made 12 of 62 contradictions on records 18,000–20,999; a toll
    one outlet updates (30 dead, then 35) does not conflict with another's 35. `counts`: `counts_by_article`."""
    things = conflicting_things(a.gist, b.gist)
    ca, cb = by_thing(a.gist), by_thing(b.gist)
    return bool(things) and all(
        _all_told(cb[k], ca[k], counts.get(a.article, {}).get(k, []))
        or _all_told(ca[k], cb[k], counts.get(b.article, {}).get(k, [])) for k in things)


def _all_told(figures: list[Figure], against: list[Figure], told: list[Figure]) -> bool:
    """Whether every figure of `figures` that conflicts with `against` is one of `told` (an article's
    counts): «8 مصابين» told elsewhere does not excuse the «24 مصابا» beside it against «خمسة»."""
    conflicting = [f for f in figures if not agree_any([f], against)]
    return bool(conflicting) and all(agree_any([f], told) for f in conflicting)


def _other_periods(a: Claim, b: Claim) -> bool:
    """Each clause names a report's period (`periods` in fusion.json: a quarter, a half) and they share
    none: a quarter's loans and the half-year's are two figures. Or the two name different stretches a
    figure is summed over (`spans`: a week, a month), one of them none: a day's raids and a week's."""
    pa, pb = _periods_of(a.text), _periods_of(b.text)
    sa, sb = _periods_of(a.text, "spans"), _periods_of(b.text, "spans")
    return (bool(pa and pb) and not pa & pb) or sa != sb


def _periods_of(text: str, kind: str = "periods") -> set[str]:
    """The report periods (or `spans`) a clause names, each phrase whole (behind a clitic and the article:
    «للربع الثاني»), not inside other words («السنوات الأربع الأولى» is no first quarter)."""
    folded = fold(text)
    return {period for period, phrases in getattr(fusion_rules(), kind).items()
            if any(re.search(rf"(?<!\w)[وفبلك]{{0,2}}(?:ال)?{re.escape(p)}(?!\w)", folded) for p in phrases)}


def _other_times(a: Claim, b: Claim) -> bool:
    """No time of one clause falls in a time of the other: «عام 2014» and «عام 2009», «في 2 أغسطس» and
    «في 3 أغسطس» are two reports. A clause's times are the dates the dates stage resolved in it (a day
    and its month or year agree: «2015-08-02» falls in «2015»). A clause that names none reports its
    article's day or the day before (`Claim.day`), as news does — compared with the other's days
    (or weeks) only: a year or a month in a clause often names something else than when («الدورة
    الثالثة 1436/1437هـ» of an election). Daily figures (a market's count of rising shares, a
    festival's cars, a coalition's strikes) are told in undated clauses and compared with another
    day's: 5 of the 15 figures of different times among records 27,000-29,999's contradictions, where
    the 4 real ones were told of the same day."""
    da, db = _dated(a), _dated(b)
    if not da and not db:
        da, db = _told(a), _told(b)
    elif not da or not db:
        da, db = (da, _told(b)) if da else (_told(a), db)
        da = [x for x in da if x[2] in ("day", "week")]
        db = [x for x in db if x[2] in ("day", "week")]
    return bool(da and db) and not _meet(da, db)


def _two_days_news(a: Claim, b: Claim) -> bool:
    """Two clauses that each name their day, days apart, and deny nothing by a denial verb: what happened
    on each day, not a denial of a report («أعلنت وزارة الصحة اليوم الجمعة تسجيل إصابة جديدة» and «…اليوم
    الأحد عدم تسجيل أي حالات إصابة جديدة»). A denial («نفت …») may come days after the report it denies."""
    rules = fusion_rules()
    if any(bare(w) in rules.denials for w in (*a.gist.words, *b.gist.words)) \
            or any(c.gist.holds(p) for c in (a, b) for p in rules.so_far):
        return False  # «عدم القبض على منفذ الهجوم حتى الآن» denies Friday's arrest on Sunday
    days = [[x for x in _dated(c) if x[2] in ("day", "week")] for c in (a, b)]
    return all(days) and not _meet(*days)


def _meet(xs: list[tuple[str, str, str]], ys: list[tuple[str, str, str]]) -> bool:
    """Whether a time of `xs` falls in a time of `ys` ((first day, last day, precision) each)."""
    return any(x[0] <= y[1] and y[0] <= x[1] for x in xs for y in ys)


def _dated(claim: Claim) -> list[tuple[str, str, str]]:
    """(first day, last day, precision) of each date resolved in the clause; only its days (and weeks)
    when it names one: «بلغ عدد السيارات … يوم الجمعة الفائت … 1800 سيارة … وأن الإقبال هذا العام …» gives
    Friday's count, and the year it names too does not make it the same day as another's «صباح اليوم»."""
    found = [(*_interval(d), d.get("precision") or "day") for d in claim.dates if d.get("date")]
    days = [x for x in found if x[2] in ("day", "week")]
    return days or found


def _told(claim: Claim) -> list[tuple[str, str, str]]:
    """The days an undated clause speaks of: its article's day and the day before (see `_other_times`)."""
    try:
        day = datetime.date.fromisoformat(claim.day or "")
    except ValueError:
        return []
    return [((day - datetime.timedelta(days=1)).isoformat(), claim.day, "day")]


def _interval(date: dict) -> tuple[str, str]:
    """The first and last day (ISO) a resolved date covers: a year, a month, a week (written as its
    Monday) or a day; ISO strings of one length compare as dates."""
    value = date["date"]
    if len(value) == 4:
        return f"{value}-01-01", f"{value}-12-31"
    if len(value) == 7:
        return f"{value}-01", f"{value}-31"
    if date.get("precision") == "week":
        try:
            monday = datetime.date.fromisoformat(value)
        except ValueError:
            return value, value
        return value, (monday + datetime.timedelta(days=6)).isoformat()
    return value, value


def _elsewhere(a: Claim, b: Claim) -> bool:
    """Each clause names someone or somewhere (PER, ORG, GPE, LOC; not a source it quotes) and neither
    names any of the other's: two landslides' tolls «في منطقة مياجدي» and «في بهادورا بمنطقة كاسكي»,
    OPEC's supply and Iran's output, are two facts. One name in common keeps them one event told twice:
    «طريق الرياض - خريص» and «بالقرب من هجرة خريص» (a bus crash's two tolls). A clause that names no
    place is placed by its headline («وتشرف اللجنة على 66 مركزا» under «66 مركزاً انتخابياً في الطائف»:
    records 16,001-18,000 had it against Mecca's and al-Jouf's committees' centres)."""
    na, nb = _names(a), _names(b)
    if _other_places(a, b, na, nb):
        return True  # two places' figures, whoever reports them: «اللجنة المحلية للانتخابات» of Jeddah and of Tabuk
    return _apart(na, nb, a, b)


def _other_places(a: Claim, b: Claim, na: list[tuple[str, str]] | None = None,
                  nb: list[tuple[str, str]] | None = None) -> bool:
    """Each clause (or, naming none, its headline) names a place and neither names any of the other's
    (`_apart`); `na` / `nb`: the clauses' names, when already read (`_names`)."""
    (pa, ha), (pb, hb) = _places(a, _names(a) if na is None else na), _places(b, _names(b) if nb is None else nb)
    return _places_apart(pa, pb, a, b, ha, hb)


def _places_apart(xa: list[tuple[str, str]], xb: list[tuple[str, str]], a: Claim, b: Claim,
                  ha: bool = False, hb: bool = False) -> bool:
    """`_apart` for places, and no two of them one place for the gazetteer (`_one_place`)."""
    return _apart(xa, xb, a, b, ha, hb) and not any(_one_place(x, y) for x, _ in xa for y, _ in xb)


def _one_place(x: str, y: str) -> bool:
    """Whether two place names may be one place: one gazetteer entry («سورية» and «سوريا»), one inside the
    other — a town in its country («جدة», «السعودية») or its province («أبها», «منطقة عسير») — or a name
    the gazetteer lacks beside one it knows («المملكة» and «جدة», «كردستان» and «العراق»: unknown, so not
    told apart; two names it lacks both, «بوليفيا» and «بوركينا فاسو», are two). A clause's city and a
    headline's country are one place told at two scales, not two places."""
    from naba.extract.gazetteer import gazetteer

    gaz = gazetteer()
    xs, ys = gaz.names.get(fold(x), []), gaz.names.get(fold(y), [])
    if bool(xs) != bool(ys):
        return True
    x_in = {place.key for place in gaz.provinces.get(fold(x), [])}  # the provinces the town named x is in
    y_in = {place.key for place in gaz.provinces.get(fold(y), [])}
    return any(p.key == q.key or _inside(p, q) or _inside(q, p) or q.key in x_in or p.key in y_in
               for p in xs for q in ys)


def _inside(inner: Place, outer: Place) -> bool:
    """A gazetteer place within a country."""
    return outer.country == inner.country and outer.feature.startswith("PCL")


def _apart(na: list[tuple[str, str]], nb: list[tuple[str, str]], a: Claim, b: Claim,
           ha: bool = False, hb: bool = False) -> bool:
    """Both clauses name something of `na` / `nb` ((name, type) each) and neither names any of the
    other's; an organisation is named only whole: its name shares its head with many others («أمانة
    المنطقة الشرقية» and «أمانة جازان»). `ha` / `hb`: the names of `a` / `b` are its headline's, so
    what its headline names counts as named by it."""
    return bool(na and nb) and not any(_named_in(n, b, kind == "ORG", hb) for n, kind in na) \
        and not any(_named_in(n, a, kind == "ORG", ha) for n, kind in nb)


_PLACES = ("GPE", "LOC")


def named_apart(a: Claim, b: Claim) -> bool:
    """Two clauses about different countries or towns: each names one (GPE) the other does not (nor one
    place with it: `_one_place`), sources they quote aside. Template wording then says nothing of
    sameness: «برقية تهنئة لفخامة الرئيس ميشيل كفاندو رئيس بوركينا فاسو» and «… الرئيس إيفو موراليس أيما
    رئيس جمهورية بوليفيا» are two cables (records 21,000-23,999: one fact of three national days'
    cables). People are not compared: one event's clauses name its speaker or its guests by turns (a
    graduation's «السرحان» and «إبراهيم بن عبدالله»)."""
    xa, xb = ([n for n in _names(c) if n[1] == "GPE"] for c in (a, b))
    return _places_apart(xa, xb, a, b)


def _places(claim: Claim, names: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], bool]:
    """The places of `names` (the clause's), else those its headline names; and whether they are the
    headline's."""
    own = [n for n in names if n[1] in _PLACES]
    if own:
        return own, False
    return [(e["text"], e["type"]) for e in claim.headline_entities if e.get("type") in _PLACES], True


@remembered
def _names(claim: Claim) -> list[tuple[str, str]]:
    """The entities a clause names (text, type), the sources it quotes left out (`_source`)."""
    kinds = {e.get("text"): e.get("type") for e in claim.entities}
    named = _not_sources(claim, _entity_spans(claim, ("PER", "ORG", "GPE", "LOC")))
    return [(name, kinds.get(name, "")) for name in named]


def _entity_spans(claim: Claim, types: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """(start, end, text) of the clause's entities of `types`, spans relative to the clause."""
    return [(e["span"][0] - claim.span[0], e["span"][1] - claim.span[0], e["text"]) for e in claim.entities
            if e.get("type") in types and e.get("text") and len(e.get("span") or ()) == 2]


def _not_sources(claim: Claim, named: list[tuple[int, int, str]]) -> list[str]:
    """The names of `named` inside the clause that are not a source it quotes (`_source`)."""
    return [name for start, end, name in named if start >= 0 and not _source(claim.text, start, end)]


def _other_subject(a: Claim, b: Claim) -> bool:
    """`a` names a subject `b` does not name at all, nor its headline (see `_subjects`, `_named_in`)."""
    return any(not _named_in(name, b, headline=True, half=True) for name in _subjects(a))


def _two_subjects(a: Claim, b: Claim) -> bool:
    """Each clause is about a subject the other does not name: «وعزت الشركة سبب الخسارة …» under
    «“موبايلي” تخسر 945 مليون ريال» and «ورجعت الشركة سبب الارتفاع في الأرباح …» under «المملكة القابضة
    تربح 377 مليون ريال» are two companies' results, not a loss against a profit."""
    return _other_subject(a, b) and _other_subject(b, a)


@remembered
def _subjects(claim: Claim) -> list[str]:
    """What a clause is about, by name: its people and organisations (NER) and short names in
    quotation marks (a film «آنت مان», a company «الخضري»), except the sources it quotes (`_source`:
    two sources giving two tolls is the conflict to report), and the word after a head noun of
    `subject_heads` («شركة رابغ للتكرير», «شركة سبكيم»): the NER misses many company names."""
    out = _not_sources(claim, _entity_spans(claim, ("PER", "ORG")) + _quoted_names(claim.text))
    out += _headed_names(claim.gist.words)
    return out or list(_headline_subjects(claim.headline, tuple(
        e["text"] for e in claim.headline_entities if e.get("type") in ("PER", "ORG")), _by_head(claim.gist.words)))


def _by_head(words: tuple[str, ...]) -> bool:
    """Whether a clause opens on what it is about named by a head noun with the article alone, within its
    first `HEAD_SUBJECT` words («وعزت الشركة», «وتشير نتائج الشركة»): the company its headline names, the
    speaker of «سابك: استفدنا …» included. Not «… في مستودع الشركة» further on."""
    heads = fusion_rules().subject_heads
    return any(definite(w) and without_article(w) in heads for w in words[:HEAD_SUBJECT])


def _quoted_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each short name in quotation marks («آنت مان», «الخضري»)."""
    return [(m.start(), m.end(), m.group(1)) for m in _QUOTED.finditer(text) if len(m.group(1).split()) <= QUOTED_WORDS]


def _headed_names(words: tuple[str, ...]) -> list[str]:
    """The word after each head noun of `subject_heads` («شركة سبكيم»), a number word aside."""
    rules = fusion_rules()
    return [name for head, name in itertools.pairwise(words)
            if (head in rules.subject_heads or bare(head) in rules.subject_heads) and content_stems(name)
            and name not in rules.number_words]


@functools.lru_cache(maxsize=4096)
def _headline_subjects(headline: str, named: tuple[str, ...], speaker: bool = False) -> tuple[str, ...]:
    """What a headline is about, by name (as `_subjects` reads a clause): the people and organisations
    of its article it names, short quoted names and the word after a head noun — the subject of a
    clause that names none («وعزت الشركة سبب الخسارة …»). Not its source (unless `speaker`: a clause
    about «الشركة» under «سابك: استفدنا …» is about the company speaking): a name before a colon or
    after a reporting verb («الدفاع المدني: مقتل 5 أشخاص», «“رويترز”: …», `_source`): two outlets'
    tolls under two sources' headlines are the conflict to report."""
    folded = fold(headline)
    found = [(headline.find(name), name) for name in named]
    found += [(start, name) for start, _, name in _quoted_names(headline)]
    out = [name for start, name in found
           if speaker or start < 0 or not _source(headline, start, start + len(name))]
    out += [name for name in _headed_names(gist(headline).words if headline else ())
            if speaker or (start := folded.find(name)) < 0 or not _source(folded, start, start + len(name))]
    return tuple(dict.fromkeys(out))


def _source(text: str, start: int, end: int) -> bool:
    """Whether the name at [start, end) of a clause is a source it quotes: within `SOURCE_WINDOW`
    words after a reporting verb or a source marker («قالت الشرطة», «بحسب وزارة الصحة», «قال مصدر
    لـ«الوطن»»), or a name in a dateline, before a colon that comes within `DATELINE` characters of
    the clause's start («عمّان – «الرصد نت»: …», «خالد الشاماني- سبق- المدينة المنورة: وصل …»: the
    reporter, the outlet and where they write from), or the speaker of a quote introduced by a colon."""
    rules = fusion_rules()
    # Each word as written and without a leading و/ف: «وقال» is «قال», but «وفقا» is no «فقا».
    before = {form for w in text[:start].rsplit(None, SOURCE_WINDOW)[-SOURCE_WINDOW:]
              for folded in (fold(w),) for form in (folded, bare(folded))}
    if not rules.attribution.isdisjoint(before) or not rules.source_markers.isdisjoint(before):
        return True
    return text[end:end + 3].lstrip().startswith(":") or 0 <= text.find(":", end, DATELINE)


def reason(a: Claim, b: Claim, label: str, jaccard: float) -> str | None:
    """Why two claims contradict (numbers | negation | antonyms | characterisation | actors) or None."""
    if jaccard < ABOUT or separate(a, b):
        return None
    ga, gb = a.gist, b.gist
    # Clauses that agree on one number and differ on another are usually a breakdown (28 dead:
    # 17 rebels and 11 soldiers), not a conflict: `conflicting_things` needs no agreed count.
    if conflicting_things(ga, gb):
        return "numbers"
    rules = fusion_rules()
    if label == "contradiction" and (_negates_shared(ga, gb) or _negates_shared(gb, ga)) \
            and not _two_days_news(a, b):
        return "negation"
    # two market reports (index points, prices) rise and fall from day to day: no antonyms conflict
    markets = any(f.reading for f in ga.figures) and any(f.reading for f in gb.figures)
    # nor do two subjects' results, two days' («ارتفعت الأسهم الأمريكية … اليوم الأربعاء» and «تراجعت …
    # اليوم الجمعة») or two places'; a denial may come days after the report it denies and name less of
    # it, so negations are not held apart so
    if jaccard >= SWAP_ABOUT and not markets and _swapped_in_place(ga, gb, rules.antonyms) \
            and not _two_subjects(a, b) and not _other_times(a, b) and not _other_places(a, b):
        return "antonyms"
    if jaccard >= SWAP_ABOUT and _swapped_in_place(ga, gb, rules.characterisations):
        return "characterisation"
    doers = _doer(a), _doer(b)
    # two deeds in two places are two events: one execution in Jazan, another in Jeddah (a doer that is a
    # place, «وشنت أنقرة غارات», is no place of the deed)
    if jaccard >= ACTORS_ABOUT and label == "contradiction" and all(doers) \
            and not _named_in(doers[0], b) and not _named_in(doers[1], a):
        deed_places = [[n for n in _names(c) if n[0] != doer] for c, doer in zip((a, b), doers)]
        if not _other_places(a, b, *deed_places):
            return "actors"
    return None


@remembered
def _doer(claim: Claim) -> str | None:
    """The first person, organisation or country a clause names that is no source it quotes (`_source`):
    a dateline's reporter («خالد الشاماني- سبق-») or «بحسب وكالة أنباء الشرق الأوسط» does nothing. Nor
    does a place named as where, or whose office (`_where`): an execution «في منطقة الجوف» and another
    «بمحافظة حريملاء» are two deeds with no doer named, «أمير منطقة مكة» is a man the other outlet names
    «الأمير خالد الفيصل»."""
    places = [n for n in _entity_spans(claim, ("GPE",)) if not _where(claim.text, n[0])]
    named = sorted(_entity_spans(claim, ("PER", "ORG")) + places)
    return next(iter(_not_sources(claim, named)), None)


def _where(text: str, start: int) -> bool:
    """Whether the place named at `start` of a clause is where something is, not who acts: after «في» or a
    place or office word (`places.json`: «منطقة الجوف», «بمحافظة حريملاء», «أمير منطقة مكة»). A place after
    a joined preposition may act or own: «وشنت أنقرة غارات», «طائرات تابعة لروسيا», «جماعة مرتبطة بإيران»."""
    from naba.extract.gazetteer import gazetteer
    from naba.extract.places import listed_before, word_before

    word = word_before(text, start)
    gaz = gazetteer()
    return word == "في" or listed_before(word, gaz.place_words, gaz.province_words, gaz.place_cue_words)


def _named_in(actor: str, claim: Claim, whole: bool = False, headline: bool = False, half: bool = False) -> bool:
    """Whether a clause names `actor`: as an entity with the same spelling key («أنقرة», «انقرة»),
    or by a word of its name («هاني أبو راس» in «هاني بن محمد أبو راس», «القرني» in «بريك القرني»;
    with `whole`, by every word of it; with `half`, a name with a head noun like «شركة» by half its other
    words); with `headline`, also by the clause's headline.
    The NER's first entity of a clause is often the source or a place, not who acts: «أوضحت وكالة
    الأنباء أن الجانبين استعرضا …» and «استعرض هادي مع المبعوث …» are one meeting, and a clause
    that names the other's actor anywhere does not put another actor in its place."""
    key = spelling_key(actor)
    if any(spelling_key(e["text"]) == key for e in claim.entities if e.get("text")):
        return True
    if headline and (any(spelling_key(e["text"]) == key for e in claim.headline_entities)
                     or _in_headline(actor, claim.headline)):
        return True
    roots = {root(s) for s in content_stems(actor)}
    if whole:
        return roots <= claim.gist.roots
    if not half or roots.isdisjoint(_head_roots()):
        return not claim.gist.roots.isdisjoint(roots)
    # a company's name by half its words at least, its kind aside: «السعودية» of «الشركة السعودية للصناعات
    # الأساسية» does not name «الشركة السعودية للنقل الجماعي» (a person is named by one word: «السيسي»)
    roots -= _head_roots()
    shared = len(roots & claim.gist.roots)
    return shared > 0 and 2 * shared >= len(roots)


@functools.cache
def _head_roots() -> frozenset[str]:
    """The roots of the `subject_heads` («شركة»): the kind of a name, not the name."""
    return frozenset(root(s) for head in fusion_rules().subject_heads for s in content_stems(head))


def _in_headline(name: str, headline: str) -> bool:
    """Whether a headline holds every content word of `name` (by root): «موبايلي» in «“موبايلي” تخسر …»."""
    roots = {root(s) for s in content_stems(name)}
    return bool(roots) and roots <= {root(s) for s in content_stems(headline)}


def _swapped_in_place(a: Gist, b: Gist, pairs: frozenset[tuple[str, str]]) -> bool:
    """A word only `a` has and its opposite only `b` has, each said of something both clauses
    name: the first content word within `OBJECT_WINDOW` after each, if any, is in the other
    clause. «وعزت الشركة انخفاض الخسائر» and «وعزت الشركة الارتفاع خلال الربع» speak of losses
    and of profit, «تتوقف خلالها الغارات» and «الهدنة التي تبدأ منتصف الليل» of raids and a
    truce: no swap."""
    words_a, words_b = set(a.words) | a.stems, set(b.words) | b.stems
    only_a, only_b = words_a - words_b, words_b - words_a
    if not swapped(only_a, only_b, pairs):
        return False
    polar = {w for pair in pairs for w in pair}
    return any(_said_of_shared(a, x, b, polar) and _said_of_shared(b, y, a, polar)
               and _one_object(_objects(a, x), _objects(b, y)) for x, y in pairs if x in only_a and y in only_b)


def _said_of_shared(g: Gist, word: str, other: Gist, polar: set[str]) -> bool:
    """Every place `word` stands in `g`, the content root after it (if any) is one `other` has,
    and the word before it is not itself one of the opposites: in «انخفاض الخسائر» (fewer
    losses) «الخسائر» is what falls, not a statement of loss."""
    for i, w in enumerate(g.words):
        if w != word and word not in content_stems(w):
            continue
        if i and (g.words[i - 1] in polar or not polar.isdisjoint(content_stems(g.words[i - 1]))):
            return False
        after = next(iter(_after(g, i)), None)
        if after is not None and after not in other.roots:
            return False
    return True


def _after(g: Gist, i: int, window: int = OBJECT_WINDOW) -> list[str]:
    """The content roots within `window` words after word `i` of `g`, in order."""
    return [r for k in range(i + 1, min(len(g.words), i + 1 + window)) for r in map(root, content_stems(g.words[k]))]


def _objects(g: Gist, word: str, window: int = OBJECT_WINDOW) -> set[str]:
    """What `word` (a word, a stem or a root) is said of in `g`: the content roots within `window` after
    each place it stands."""
    return {r for i, w in enumerate(g.words)
            if w == word or any(s == word or root(s) == word for s in content_stems(w)) for r in _after(g, i, window)}


def _one_object(x: set[str], y: set[str]) -> bool:
    """Whether two opposites are said of one thing: what follows them meets, or one side says of nothing.
    «الزيادة في مصاريف الإستهلاكات» and «خسائر الشركة» are a rise of costs and a company's losses, no swap."""
    return not x or not y or not x.isdisjoint(y)


# Words after a negation that must hold what the other clause says: a particle negates the next
# words (لم يصب), a denial verb is followed by its subject first (نفت وزارة الداخلية إغلاق …).
NEGATED_WINDOW = 2
DENIAL_WINDOW = 5
NOT_ONLY_WINDOW = 6  # words after a negation in which «فقط» / «فحسب» makes it «not only»


def denies(a: Claim, b: Claim) -> bool:
    """Whether `a` negates something `b` asserts (`_negates_shared`): in a negation contradiction, `a` is
    the denial."""
    return _negates_shared(a.gist, b.gist)


def _negates_shared(g: Gist, other: Gist) -> bool:
    """`g` negates something `other` asserts: a negation word of `g` (and none in `other`) is
    followed within `NEGATED_WINDOW` words by a root `other` has. A «لم» deep in a side remark
    («… فيما لم يصب الأذى مدرج المطار») does not make two reports of an arrival contradict.

    Not where `g` asserts that root itself outside the negation: «عودة الحياة لطبيعتها …، وهو ما
    قالت ميركل إنه ليس حياة طبيعية» holds the other report's «عودة الحياة لطبيعتها» and adds a remark.
    And a particle (لم، لن، لا) negates the word right after it, its verb: «لن ترفع أسعارها» does not
    deny «ستبقي على أسعارها» (both say prices stay), though both name the prices. A figure is not
    negated («مهرجان جدة غير 36» is a name; figures are compared as numbers), and `other` may
    negate the same word with a joined negation («ألا يقل» against «أن لا يقل»)."""
    rules = fusion_rules()
    untrue = [p for p in rules.negation_phrases if not rules.truth_words.isdisjoint(p.split())]
    if not g.negated or any(other.holds(p) for p in (*rules.negating_phrases, *untrue)):
        # «دون أن ترد أنباء» negates as «ولم ترد أنباء» does; «ما تردد عن منع الصحيفة … عار تماما من
        # الصحة», «لا صحة لما تردد …» deny what the clause reports: the whole clause is a denial
        return False
    roots, also_negated = _word_roots(g), None
    for i, window in _negations(g):
        word = bare(g.words[i])
        if word in rules.privatives or _unasserted(g.words, i) or _describes(g.words, i):
            continue  # «من دون مقاومة كبيرة», «لكي لا يعطي», «من شأن عدم الالتزام», «ليس … فقط بل», «غير المرخصة»
        if exceptive(g.words, i) or (word in rules.denials and _said_by_both(word, other)):
            continue  # «لم يكن … غير وقفة» affirms; two clauses that both say «رفضت» agree
        negated, (low, high) = _negated(g, roots, i, window)
        asserted = {r for k, found in enumerate(roots) if not low <= k <= high for r in found}
        if also_negated is None:
            # what `other` negates itself, however its negation is written or counted: «لن يتم قبول نتيجة …
            # غير معتمدة» (an exceptive-looking «غير» cancels its count), «لعدم تكرار المشكلة», «ألا يقل»
            other_roots = _word_roots(other)
            also_negated = {r for k, w in _negations(other, joined=True) for r in _negated(other, other_roots, k, w)[0]}
        if any(r in other.roots and r not in asserted and r not in also_negated for r in negated):
            return True
    return False


def _negations(g: Gist, joined: bool = False) -> list[tuple[int, int]]:
    """(index, window) of each negation word of a clause — behind a joined و/ف or a preposition too
    («لعدم», «بعدم»), and a denial verb — with the words after it that it may negate; «لا يزال», «ولا
    سيما» and a negation word before a figure («جدة غير 36») are none. With `joined`, a joined negation
    too («ألا يقل»: folded like «إلا», it is read only as what the other clause negates as well)."""
    rules = fusion_rules()
    out = []
    for i, word in enumerate(g.words):
        unjoined = bare(word)
        plain = next((form for form in (unjoined, unjoined[1:] if unjoined[:1] in "لب" else "")
                      if form in rules.negations or form in rules.denials), "") or \
            (bare(word) if joined and bare(word) in rules.joined_negations else "")
        if not plain or " ".join([plain, *g.words[i + 1:i + 2]]) in rules.not_negations \
                or (i + 1 < len(g.words) and g.words[i + 1][:1].isdigit()):
            continue
        out.append((i, DENIAL_WINDOW if plain in rules.denials else NEGATED_WINDOW))
    return out


def _negated(g: Gist, roots: list[list[str]], i: int, window: int) -> tuple[set[str], tuple[int, int]]:
    """The roots a negation at word `i` of `g` negates, and the words (first, last) that takes: a particle
    the first content word within `window` (its verb or noun: «لن ترفع أسعارها» negates the raise), a
    denial verb every content word within it (its subject may come first: «نفت وزارة الداخلية إغلاق …»).
    «الخبر المتداول عن تعرض مولودة لحروق غير صحيح» denies what comes before «غير»; read as the words before
    it (from the clause's start or its last «أن»), it made more false contradictions than it found (two
    outlets' «… غير صحيح» about one rumour, a speaker named before it), so it is not read."""
    if window == NEGATED_WINDOW:
        # light words do not use up the window: «لا تتوقع أن ترتفع الأسعار» negates the rise
        counted = 0
        for k in range(i + 1, len(roots)):
            if roots[k]:
                return set(roots[k]), (i, k)
            counted += not _light(g.words[k])
            if counted >= window:
                break
        return set(), (i, i)
    return {r for found in roots[i + 1:i + 1 + window] for r in found}, (i, i + window)


def _describes(words: tuple[str, ...], i: int) -> bool:
    """Whether «غير» at word `i` makes an adjective of what follows («مكاتب الاستقدام غير المرخصة», «مستشفيات
    غير معتمدة»: unlicensed offices are a kind, not a denial that offices are licensed), not a denial of a
    statement («غير صحيح», «غير دقيقة»: `untrue`)."""
    rules = fusion_rules()
    if bare(words[i]) not in ("غير", "الغير") or (i + 1 < len(words) and words[i + 1] in rules.untrue):
        return False
    # a kind after an indefinite noun or before a definite adjective («مستشفيات غير معتمدة», «غير المرخصة»);
    # after a definite subject and before an indefinite word it is the predicate: «الطريق غير آمن» denies
    return (i + 1 < len(words) and definite(words[i + 1])) or (i > 0 and not definite(words[i - 1]))


def _unasserted(words: tuple[str, ...], i: int) -> bool:
    """Whether the negation at word `i` asserts no denial: a purpose («لكي لا يعطي أي مبرر», «حتى لا»:
    `purpose_before` right before «لا»), a condition or what would follow («إذا لم», «في حال عدم», «ومن
    شأن عدم الالتزام»: `conditions_before`), or «not only … but» (`not_only` within `NOT_ONLY_WINDOW`
    words after it, before a «بل», «وإنما» or «لكن»: «ليس على الصعيد الأولمبي فقط بل …»; in «لم يتم
    إغلاق المعبر، بل تقليصها فقط» the negation stands)."""
    rules = fusion_rules()
    before = [bare(w) for w in words[max(0, i - 2):i]]
    if before and before[-1] in rules.purpose_before and bare(words[i]) == "لا":
        return True
    if (before and before[-1] in rules.conditions_before) or " ".join(before[-2:]) in rules.conditions_before:
        return True
    if before and f"{before[-1]} {bare(words[i])}" in rules.unless:
        return True
    for word in words[i + 1:i + 1 + NOT_ONLY_WINDOW]:
        if bare(word) in rules.but_words or word in rules.but_words:
            return False
        if word in rules.not_only:
            return True
    return False


def _said_by_both(denial: str, other: Gist) -> bool:
    """Whether `other` carries the same denial verb (by root): «رفضت هيئة المحلفين حجة الدفاع» twice is
    one report, whatever else one of them negates."""
    return not other.roots.isdisjoint(root(s) for s in content_stems(denial))


def _word_roots(g: Gist) -> list[list[str]]:
    return _roots_of(g.words)


@functools.lru_cache(maxsize=65536)
def _roots_of(words: tuple[str, ...]) -> list[list[str]]:
    """The content roots of each word (cached: every candidate pair of a story reads its clauses' roots),
    figures and `light_words` («وجود», «يتم») left out: a negation negates the word after them («عدم وجود
    أزمة» denies a crisis, not an existence)."""
    return [[] if _light(w) else [root(s) for s in content_stems(w) if not s[0].isdigit()] for w in words]


def _light(word: str) -> bool:
    """A `light_words` word («وجود», «يتم», «تصبح», «تتوقع»): a negation passes over it."""
    light = fusion_rules().light_words
    return word in light or bare(word) in light


def about(a: Claim, b: Claim, kind: str | None = None) -> str:
    """What the two clauses share, as words of the first clause in its order; for a numbers
    conflict, the counted thing and both counts («متفرج: 30000 / 28000»)."""
    if kind == "numbers":
        ca, cb = counted(a.gist), counted(b.gist)
        thing = conflicting_things(a.gist, b.gist)[0]
        return f"{_as_written(a, thing)}: {_figures(ca[thing])} / {_figures(cb[thing])}"
    shared = a.gist.roots & b.gist.roots
    words = [w for w in a.text.split() if any(root(s) in shared for s in content_stems(w))]
    return " ".join(words[:ABOUT_WORDS])


def _as_written(claim: Claim, thing: str) -> str:
    """A counted thing (a root, with what befell it: «جند (قتلى)») as the clause writes it: «شركة», not
    «شرك»; the root where no word of the clause has it (a broken plural read as its singular)."""
    key, _, state = thing.partition(" (")
    word = next((m.group() for m in re.finditer(r"\w+", claim.text)
                 if any(root(stem) == key for stem in content_stems(m.group()))), key)
    return word + (f" ({state}" if state else "")


def _figures(values: set[float]) -> str:
    return "، ".join(f"{v:g}" if v < 1e6 else f"{v:,.0f}" for v in sorted(values))
