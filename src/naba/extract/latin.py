"""Latin spellings of Arabic names: `arabic-name-romanizer` (a dictionary of real-world spellings and a
small character model, shipped in its wheel), else letter by letter.

The romanizer looks each name up whole, then word by word, and asks its model only for the words its
dictionary lacks. naba calls it the same way but runs the model itself, for speed without changing an
answer (measured on the 4,480 distinct words of the names in SaudiNewsNet's first 300 records, one core):

- its ONNX session on one thread: the package's default of two is 4x slower on one core and slower on
  two (1.64 against 1.74 ms a word);
- the words a story needs decoded together, in batches of words of one length: the model does not mask
  its padding, so a padded batch changes a word's spelling with its neighbours (86 of the first 600
  Arabic words), while a batch of equal lengths gives exactly what one word alone gives, 3x faster;
- each word decoded once per process (names repeat across stories).

The package's own `transliterate` decodes a name's unknown words in one padded batch, so a name of two
unknown words of different lengths can come out differently there (أرنولد الزعيبلاوي: "Arnold …" there,
"Arnuld …" here, as أرنولد alone is); here no spelling depends on what is decoded beside it.

`transliterate_all` takes a story's names at once; a name's spelling does not depend on the others.
"""

from __future__ import annotations

import re
from functools import lru_cache

from naba.normalize import fold

__all__ = ["transliterate", "transliterate_all"]

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_CACHE_LIMIT = 50_000  # names and words kept per process (a few MB)


def transliterate(name: str) -> str:
    """A Latin spelling of one Arabic name (a name without Arabic letters is returned as it is)."""
    return transliterate_all([name])[name]


def transliterate_all(names: list[str]) -> dict[str, str]:
    """{name: Latin spelling} for names decoded together (see the module docstring)."""
    out = {n: n for n in names if not _ARABIC.search(n)}
    romanizer = _romanizer()
    if romanizer is None:
        return {n: out.get(n) or _letters(n) for n in names}
    out.update((n, _NAMES[n]) for n in names if n not in out and n in _NAMES)
    todo = sorted({n for n in names if n not in out})
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
        by_length: dict[int, list[tuple]] = {}
        for key in sorted(set(keys) - self._done.keys(), key=lambda k: (k[0], k[2] or "")):
            length = len(encode_source_ids(self.model.vocab, key[0], country, key[2]))
            by_length.setdefault(length, []).append(key)
        decoded = {}
        for batch in by_length.values():
            hyps = self.model.transliterate_units([k[0] for k in batch], country, top_k, roles=[k[2] for k in batch])
            decoded.update(zip(batch, hyps))
        known = {k: self._done[k] for k in keys if k in self._done}
        _remember(self._done, decoded)  # may empty the cache: answer from `known` and `decoded`
        return [known[k] if k in known else decoded[k] for k in keys]


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
        return Transliterator(**models)
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
