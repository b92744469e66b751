"""Latin spellings of Arabic names: `arabic-name-romanizer` (a dictionary of real-world spellings and a
small character model, shipped in its wheel), else letter by letter.

The romanizer looks each name up whole, then word by word, and asks its model only for the words its
dictionary lacks. naba calls it the same way but runs the model itself, for speed without changing an
answer (measured on the 4,480 distinct words of the names in SaudiNewsNet's first 300 records, one core):

- its ONNX session on one thread: the package's default of two is 4x slower on one core and slower on
  two (1.64 against 1.74 ms a word);
- the words of many stories' names decoded together (`naba.pipeline` spells up to SPELLED_TOGETHER
  stories at once), in batches of words of one length: the model does not mask
  its padding, so a padded batch changes a word's spelling with its neighbours (86 of the first 600
  Arabic words), while a batch of equal lengths gives exactly what one word alone gives, 3x faster;
- each word decoded once per process (names repeat across stories);
- a word leaves the batch once its beams have ended (`_beam_search`; the package steps it until the
  batch's longest word ends): 1.54 -> 1.23 s for 3,450 words, the same hypotheses and scores.

The package's own `transliterate` decodes a name's unknown words in one padded batch, so a name of two
unknown words of different lengths can come out differently there (أرنولد الزعيبلاوي: "Arnold …" there,
"Arnuld …" here, as أرنولد alone is); here no spelling depends on what is decoded beside it.

`transliterate_all` takes many names at once; a name's spelling does not depend on the others.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import product

from naba.normalize import fold, plain_letters
from naba.rules import load_json
from naba.text import has_arabic

__all__ = ["transliterate", "transliterate_all"]

_WHOLE_NAME_WORDS = 6  # longer names are spelled word by word (see `_spell`)
_CACHE_LIMIT = 50_000  # names and words kept per process (a few MB)


@lru_cache(maxsize=1)
def _name_links() -> frozenset[str]:
    """The folded words that join a name's parts (`name_links` in data/entities.json)."""
    return frozenset(fold(w) for w in load_json("entities.json").get("name_links", ()))


def transliterate(name: str) -> str:
    """A Latin spelling of one Arabic name (a name without Arabic letters is returned as it is)."""
    return transliterate_all([name])[name]


def transliterate_all(names: list[str]) -> dict[str, str]:
    """{name: Latin spelling} for names decoded together (see the module docstring). A name written in
    Arabic presentation forms (ﻣﺤﻤﺪ, from old PDFs and web pages) is spelled as its plain letters."""
    plain = {n: plain_letters(n) for n in names}
    spelled = _spell(sorted(set(plain.values())))
    return {n: spelled[plain[n]] for n in names}


def _spell(names: list[str]) -> dict[str, str]:
    out = {n: n for n in names if not has_arabic(n)}
    romanizer = _romanizer()
    if romanizer is None:
        return {n: out.get(n) or _letters(n) for n in names}
    out.update((n, _NAMES[n]) for n in names if n not in out and n in _NAMES)
    todo = [n for n in names if n not in out]
    links = _name_links()  # not counted: «عبد الله بن عبد العزيز آل سعود» is whole
    long_names = [n for n in todo if sum(fold(w) not in links for w in n.split()) > _WHOLE_NAME_WORDS]
    if long_names:
        # The romanizer ranks every combination of its words' spellings: a name of 15 words (a tagger's
        # run-on span) took 14 GB. Longer names are spelled word by word.
        words = _spell(sorted({w for n in long_names for w in n.split()}))
        out.update((n, " ".join(words[w] for w in n.split())) for n in long_names)
        todo = [n for n in todo if n not in out]
    if todo:
        try:
            spelled = dict(zip(todo, romanizer.transliterate_many(todo)))
        except Exception:  # noqa: BLE001 — a name the model cannot read falls back to letters
            spelled = {n: _one(romanizer, n) for n in todo}
        out.update(spelled)
        _remember(_NAMES, spelled)  # after `out` is complete: remembering may empty the cache
    return {n: out[n] or _letters(n) for n in names}


_NAMES: dict[str, str] = {}


def _remember(cache: dict, items: dict) -> None:
    if len(cache) + len(items) > _CACHE_LIMIT:
        cache.clear()
    cache.update(items)


def _one(romanizer, name: str) -> str:
    try:
        return str(romanizer.transliterate(name))
    except Exception:  # noqa: BLE001 — see transliterate_all
        return ""


class _EqualLengthBatches:
    """The romanizer's model (`UnitModel` protocol) decoding words in batches of one encoded length, each
    (word, country, role, k) once per process."""

    def __init__(self, model):
        self.model = model
        self.uses_roles = model.uses_roles
        self._done: dict[tuple, list] = {}

    def transliterate_units(self, units, country, top_k, roles=None):
        from arabic_name_romanizer.inference import encode_source_ids

        roles = list(roles) if roles is not None and self.uses_roles else [None] * len(units)
        keys = [(u, country, r, top_k) for u, r in zip(units, roles)]
        by_length: dict[int, dict[tuple, list[int]]] = {}  # encoded length -> {key: its encoded ids}
        for key in sorted(set(keys) - self._done.keys(), key=lambda k: (k[0], k[2] or "")):
            src = encode_source_ids(self.model.vocab, key[0], country, key[2])
            by_length.setdefault(len(src), {})[key] = src
        decoded = {}
        for batch in by_length.values():
            decoded.update(zip(batch, self._decode(list(batch.values()), country, top_k)))
        known = {k: self._done[k] for k in keys if k in self._done}
        _remember(self._done, decoded)  # may empty the cache: answer from `known` and `decoded`
        return [known[k] if k in known else decoded[k] for k in keys]

    def _decode(self, sources: list[list[int]], country, top_k: int) -> list[list[tuple[str, float]]]:
        """The model's top_k hypotheses for encoded words of one length: the package's `OnnxModel`
        decoding (its batches, beam, length and prior) through `_beam_search`."""
        from arabic_name_romanizer.spelling_prior import rerank

        model, out = self.model, []
        for first in range(0, len(sources), model.batch_size):
            hyps = _beam_search(model.backend, sources[first:first + model.batch_size], model.vocab,
                                model.beam_width, model.max_len, model.length_alpha)
            if model.prior is not None and model.prior_weight > 0:
                hyps = [rerank(h, country, model.prior, model.prior_weight) for h in hyps]
            out += [h[:top_k] for h in hyps]
        return out


def _beam_search(backend, src_batch: list[list[int]], vocab, k: int, max_len: int,
                 length_alpha: float) -> list[list[tuple[str, float]]]:
    """`arabic_name_romanizer.inference.beam_search` (same steps, same answers), except that a word
    whose k beams have all ended leaves the batch: the package keeps stepping it (its beams extended by
    padding at no cost) until the batch's longest word ends. The decoder's cost is per row and step
    (~14 µs on one core), so the rows that no longer change were a fifth of the model's time."""
    import numpy as np
    from arabic_name_romanizer.inference import pad_batch

    n = len(src_batch)
    pad, bos, eos = vocab.pad_id, vocab.bos_id, vocab.eos_id
    src, src_mask = pad_batch(src_batch, pad)
    state = {name: v[np.repeat(np.arange(n), k)] for name, v in backend.encode(src, src_mask).items()}
    prefix = np.full((n * k, 1), bos, dtype=np.int64)
    scores = np.zeros((n, k), dtype=np.float64)
    scores[:, 1:] = -np.inf  # only beam 0 is alive at the start
    finished = np.zeros((n, k), dtype=bool)
    lengths = np.zeros((n, k), dtype=np.int64)
    dynamic = getattr(backend, "dynamic_state_names", None)
    live = np.arange(n)  # the word each block of k rows decodes
    ended: dict[int, tuple] = {}  # word -> (its k prefixes, scores, lengths) when its beams all ended

    for t in range(max_len):
        logprobs, state = backend.step(prefix, state)
        m, vocab_size = len(live), logprobs.shape[1]
        lp = logprobs.astype(np.float64).reshape(m, k, vocab_size)
        if t == 0:
            lp[:, :, eos] = -np.inf  # no empty outputs
        lp = np.where(finished[:, :, None], -np.inf, lp)
        lp[:, :, pad] = np.where(finished, 0.0, -np.inf)
        flat = (scores[:, :, None] + lp).reshape(m, k * vocab_size)
        top = np.argpartition(-flat, k - 1, axis=1)[:, :k]
        top_scores = np.take_along_axis(flat, top, axis=1)
        order = np.argsort(-top_scores, axis=1, kind="stable")
        top = np.take_along_axis(top, order, axis=1)
        top_scores = np.take_along_axis(top_scores, order, axis=1)
        beam_idx, tok = top // vocab_size, top % vocab_size
        base = (np.arange(m)[:, None] * k + beam_idx).reshape(-1)
        prefix = np.concatenate([prefix[base], tok.reshape(-1, 1)], axis=1)
        state = {name: (v[base] if dynamic is None or name in dynamic else v) for name, v in state.items()}
        was_finished = np.take_along_axis(finished, beam_idx, axis=1)
        lengths = np.take_along_axis(lengths, beam_idx, axis=1) + (~was_finished)
        finished = was_finished | (tok == eos)
        scores = top_scores
        done, last = finished.all(axis=1), t == max_len - 1
        if done.any() or last:
            for row in np.flatnonzero(done | last):
                ended[int(live[row])] = (prefix[row * k:(row + 1) * k], scores[row], lengths[row])
            keep = ~done
            rows = np.repeat(keep, k)
            prefix, scores, finished, lengths, live = prefix[rows], scores[keep], finished[keep], lengths[keep], live[keep]
            state = {name: v[rows] for name, v in state.items()}
            if not len(live):
                break

    results = []
    for word in range(n):
        prefixes, word_scores, word_lengths = ended[word]
        hyps, seen = [], set()
        for j in range(k):
            if not np.isfinite(word_scores[j]):
                continue
            text = vocab.decode([x for x in prefixes[j, 1:].tolist() if x != pad]).strip()
            if not text or text in seen:
                continue
            seen.add(text)
            hyps.append((text, float(word_scores[j]) / max(int(word_lengths[j]), 1) ** length_alpha))
        hyps.sort(key=lambda h: -h[1])
        results.append(hyps)
    return results


class _RememberedLookups:
    """The romanizer's dictionary (`NameIndex`) with its whole-name and word lookups kept per process:
    the package asks for a name twice (before and after decoding its words) and for common words
    (محمد، عبد) in every batch, each a SQLite query and a re-ranking of its rows.

    A spelling whose consonants do not follow the Arabic's (`spelled_alike`) is left out, so the model
    spells the word when no row is left: the dictionary pairs some words with another word of the same
    Wikidata label — «سلطان» "Al-Sharji", «المغرب» "Lalla Hasnaa", «كوباني» "Abdi", «القادر»
    "Abdulqader" — and session 28's audit found "Al-Sharji" in 39 of 58 story entities naming سلطان.
    """

    def __init__(self, index):
        self.index = index
        self._full: dict[tuple, list] = {}
        self._units: dict[tuple, list] = {}

    def lookup_full(self, key, country=None, script="arabic"):
        return self._remembered(self._full, (key, country, script), self.index.lookup_full)

    def lookup_unit(self, key, country=None, role=None, script="arabic"):
        return self._remembered(self._units, (key, country, role, script), self.index.lookup_unit)

    @staticmethod
    def _remembered(cache: dict, args: tuple, lookup) -> list:
        found = cache.get(args)
        if found is None:
            found = [v for v in lookup(*args) if spelled_alike(args[0], v.latin)]
            _remember(cache, {args: found})
        return list(found)  # a copy: the caller may change its list

    def __getattr__(self, name):
        return getattr(self.index, name)


@lru_cache(maxsize=1)
def _romanizer():
    """The romanizer with naba's model runner; its plain default if the package's layout differs; None
    when it is not installed or its runtime fails to load."""
    try:
        from arabic_name_romanizer.api import Transliterator, default_resources_dir
    except Exception:  # noqa: BLE001 — optional
        return None
    try:
        from arabic_name_romanizer.inference import OnnxModel

        models = {}
        for key, folder in (("model", default_resources_dir()), ("persian_model", default_resources_dir() / "persian")):
            if (folder / "encoder.onnx").is_file():
                models[key] = _EqualLengthBatches(OnnxModel(folder, intra_op_threads=1))
        romanizer = Transliterator(**models)
        if romanizer.index is not None:
            romanizer.index = _RememberedLookups(romanizer.index)
        return romanizer
    except Exception:  # noqa: BLE001 — an older or newer layout: the package's own runner
        try:
            return Transliterator()
        except Exception:  # noqa: BLE001
            return None


_LETTERS = dict(zip(
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوىيةءأإآؤئ",
    ["a", "b", "t", "th", "j", "h", "kh", "d", "dh", "r", "z", "s", "sh", "s", "d", "t", "z", "'", "gh",
     "f", "q", "k", "l", "m", "n", "h", "w", "a", "y", "a", "'", "a", "i", "a", "'", "'"]))


def _letters(name: str) -> str:
    words = []
    for word in fold(name).split():
        latin = "".join(_LETTERS.get(c, c) for c in word)
        if latin.startswith("al") and len(latin) > 3:
            latin = "al-" + latin[2:]
        words.append(latin[:1].upper() + latin[1:])
    return " ".join(words)


# Consonant classes for `spelled_alike`: letters a Latin spelling may write alike share a class; the
# weak letters (ا و ي ع ء ة ه ح) and Latin vowels, h, w and y are left out, as spellings drop or
# add them freely («محمد» Muhammad / Mohamed, «معاذ» Muath / Mouad). A letter read two ways in Latin
# has both classes: ث (Othman, Osman), ذ and ظ (Hathloul, Hazloul), ز (Louise), ش after ت (Chad).
_CONSONANT_CLASSES = {
    "ب": "B", "ت": "T", "ط": "T", "ث": "TS", "د": "D", "ض": "D", "ذ": "DT", "ظ": "DT", "ز": "DS",
    "س": "S", "ص": "S", "ش": "S", "ج": "K", "غ": "KR", "ق": "K", "ك": "K", "خ": "K", "ر": "R",
    "ف": "F", "ل": "L", "م": "M", "ن": "N",
}
_LATIN_CLASSES = (  # the longest first; "ch" and "th" are read both ways (Christian / Charles)
    ("sch", "S"), ("tch", "S"), ("sh", "S"), ("ch", "SK"), ("kh", "K"), ("gh", "K"), ("dj", "K"), ("th", "TD"),
    ("dh", "D"), ("ph", "F"), ("ce", "S"), ("ci", "S"), ("cy", "S"), ("b", "B"), ("p", "B"), ("t", "T"),
    ("d", "D"), ("z", "D"), ("s", "S"), ("j", "K"), ("g", "K"), ("q", "K"), ("k", "K"), ("c", "K"),
    ("x", "K"), ("r", "R"), ("f", "F"), ("v", "F"), ("l", "L"), ("m", "M"), ("n", "N"),
)
_LATIN_CLASS_OF = dict(_LATIN_CLASSES)
_LATIN_LETTERS = re.compile("|".join(written for written, _ in _LATIN_CLASSES))  # longest first, as listed
_ARABIC_ARTICLE = re.compile(r"^[وفبلك]?(?:ال|لل)(?=..)")
_LATIN_ARTICLE = re.compile(r"^(?:[ae]l|a[dnrstz]{1,2})[- ]")
_SPELLED_ALIKE = 0.6  # the share of consonant classes two spellings must have in common (difflib ratio)


@lru_cache(maxsize=_CACHE_LIMIT)
def spelled_alike(arabic: str, latin: str) -> bool:
    """Whether a Latin spelling writes the Arabic name's consonants: the first alike and most of the
    rest in order (the article and the weak letters left out; see `_CONSONANT_CLASSES`)."""
    bare = "".join(_ARABIC_ARTICLE.sub("", w) for w in arabic.split())
    had_article = bare != arabic.replace(" ", "")
    letters = unicodedata.normalize("NFKD", latin.casefold())
    latin_words = [_LATIN_ARTICLE.sub("", w) for w in re.sub(r"[^a-z' -]", "", letters).split()]
    readings = _skeletons(_arabic_classes(bare))
    if had_article:  # «بالغنيم» Balghunaim: what reads as a clitic and the article can be the name's
        readings |= _skeletons(_arabic_classes(arabic.replace(" ", "")))
    spellings = _skeletons([_LATIN_CLASS_OF[m] for m in _LATIN_LETTERS.findall("".join(latin_words))])
    if had_article:  # "Layoun" for «العيون»: the article's l written into the word
        spellings |= {s[1:] for s in spellings if s.startswith("L")}
    if not readings or not spellings or "" in readings or "" in spellings:
        return True
    return any(a[0] == b[0] and SequenceMatcher(None, a, b).ratio() >= _SPELLED_ALIKE
               for a in readings for b in spellings)


def _arabic_classes(letters: str) -> list[str]:
    """Each consonant's classes (`_CONSONANT_CLASSES`; «تش» is one ش: Chad, Charles)."""
    return [_CONSONANT_CLASSES[c] for c in letters.replace("تش", "ش") if c in _CONSONANT_CLASSES]


def _skeletons(options: list[str], limit: int = 16) -> set[str]:
    """The consonant-class strings a word read as `options` (its letters' classes) can be, runs of one
    class written once; at most `limit` (names rarely carry more than four two-way letters)."""
    out = set()
    for choice in product(*options):
        out.add(re.sub(r"(.)\1+", r"\1", "".join(choice)))
        if len(out) >= limit:
            break
    return out
