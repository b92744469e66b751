"""A map of a story's places as inline SVG, drawn offline from the base map shipped with naba.

The base map is Natural Earth's 1:50m country outlines (public domain) as TopoJSON from the
`world-atlas` package (`naba/data/basemap/`). The projection is equirectangular, with longitudes
scaled by the cosine of the view's middle latitude so that a region near the equator and one
near the poles both keep their shape. No tile server, no script: the SVG is the whole map.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from importlib import resources

import numpy as np

WIDTH, HEIGHT = 640, 400
# At least 1.5 degrees around the places (a city alone still shows its region), else 25% of their span.
MIN_MARGIN_DEG = 1.5
MARGIN_SHARE = 0.25
MAX_LABELS = 15
LABEL_CHAR_PX = 7.5  # width of an Arabic letter at 14 px, about (Noto Naskh/DejaVu): for label overlap
MIN_STEP_PX = 2.0  # points closer than this to the previous one are dropped (the 50m outlines are dense)
MIN_RING_PX = 4.0  # rings (islands) smaller than this both ways are left out
# A story's region: the places within this many km of its most mentioned place. When it holds at
# least REGION_SHARE of the mentions, the map frames it and points to the places beyond from its edge
# (a Syrian story naming Russia and China drew the world with Syria one blob). Centred on the place
# with most mentions within the distance instead, the seeds' frame drifted to Iraq to take in Doha.
REGION_KM = 1000.0
REGION_SHARE = 0.5
MAX_BEYOND = 6  # places beyond the frame shown at its edge, the most mentioned first
EDGE_PX = 14.0


@dataclass(frozen=True)
class Ring:
    """One closed outline of a country, in degrees, with its bounding box."""

    country: str
    points: np.ndarray  # (n, 2) lon, lat
    box: tuple[float, float, float, float]  # west, south, east, north


@dataclass(frozen=True)
class View:
    """The visible box in degrees and its mapping to pixels."""

    west: float
    south: float
    east: float
    north: float
    width: int
    height: int

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.west) / (self.east - self.west) * self.width
        y = (self.north - lat) / (self.north - self.south) * self.height
        return x, y


def map_svg(places: list[dict], width: int = WIDTH, height: int = HEIGHT) -> str:
    """An SVG map of `places` (stories.json `places`: name, lat, lon), zoomed to them.

    Places without numeric lat/lon are left out; with none left the result is "" (the caller
    says "no places"). Each place is a dot with its Arabic name; names are escaped. When most
    mentions fall in one region (`region`), the map frames it and the places beyond it are arrows
    at its edge, toward them, with their names.

    >>> svg = map_svg([{"name": "دمشق", "lat": 33.51, "lon": 36.29}])
    >>> svg.startswith("<svg") and "دمشق" in svg and "<path" in svg
    True
    >>> map_svg([{"name": "بلا إحداثيات"}])
    ''
    """
    located = _unique_places([p for p in places or [] if _located(p)])
    if not located:
        return ""
    framed, beyond = region(located)
    if _across_antimeridian(framed):  # Fiji and Tonga: 20 degrees apart eastward, not 350 westward
        framed, beyond = ([{**p, "lon": float(p["lon"]) + 360} if float(p["lon"]) < 0 else p for p in group]
                          for group in (framed, beyond))
    view = fit_view([(float(p["lon"]), float(p["lat"])) for p in framed], width, height)
    inside = [p for p in beyond if view.west <= float(p["lon"]) <= view.east and view.south <= float(p["lat"]) <= view.north]
    framed, beyond = framed + inside, [p for p in beyond if p not in inside]  # the frame's margin can hold some
    outlines = _outlines(view)
    marks = _place_marks(framed, view) + _edge_marks(beyond, view)
    return (f'<svg class="naba-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'role="img" aria-label="خريطة الأماكن" preserveAspectRatio="xMidYMid meet">'
            f'<rect width="{width}" height="{height}" fill="#dbe9f4"/>'
            f'<g fill="#f4f1e8" stroke="#9a9a8a" stroke-width="0.6">{"".join(outlines)}</g>'
            f'{marks}</svg>')


def _across_antimeridian(places: list[dict]) -> bool:
    """Whether the places lie closer together counted east across the 180th meridian (their western
    longitudes + 360) than as they are: the frame then runs past 180 degrees, not over the whole world."""
    lons = [float(p["lon"]) for p in places]
    shifted = [lon + 360 if lon < 0 else lon for lon in lons]
    return max(shifted) - min(shifted) < max(lons) - min(lons)


def fit_view(points: list[tuple[float, float]], width: int = WIDTH, height: int = HEIGHT) -> View:
    """The box around `points` (lon, lat) with a margin, widened to the picture's aspect ratio."""
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    margin = max(MIN_MARGIN_DEG, MARGIN_SHARE * max(east - west, north - south))
    west, east, south, north = west - margin, east + margin, south - margin, north + margin
    middle = (south + north) / 2
    stretch = max(math.cos(math.radians(middle)), 0.2)  # degrees of longitude per degree of latitude, on screen
    span_x, span_y = (east - west) * stretch, north - south
    if span_x / span_y < width / height:
        grow = (span_y * width / height - span_x) / stretch / 2
        west, east = west - grow, east + grow
    else:
        grow = (span_x * height / width - span_y) / 2
        south, north = south - grow, north + grow
    return View(west, south, east, north, width, height)


@lru_cache(maxsize=1)
def basemap() -> tuple[Ring, ...]:
    """Every country ring of the shipped base map (decoded once, on first use)."""
    path = resources.files("naba.data") / "basemap" / "countries-50m.json"
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    rings = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = (geometry.get("properties") or {}).get("name", "")
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}.get(
            geometry.get("type"), [])
        for polygon in polygons:
            for ring_arcs in polygon:
                points = _stitch(ring_arcs, arcs)
                if len(points) >= 3:
                    rings.append(_ring(name, points))
    return tuple(rings)


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs are delta-encoded integers; `transform` turns them back into degrees."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _stitch(ring_arcs: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A ring from its arcs; a negative index `~i` is arc `i` reversed; shared end points once."""
    points: list[tuple[float, float]] = []
    for index in ring_arcs:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _ring(country: str, points: list[tuple[float, float]]) -> Ring:
    """A ring with its box; a ring cut by the antimeridian (Chukotka, Fiji) is moved east of it,
    so that its outline does not cross the whole map."""
    array = np.asarray(points, dtype=np.float64)
    lons, lats = array[:, 0], array[:, 1]
    if lons.max() - lons.min() > 180 and lats.min() > -60:  # not Antarctica, which circles the pole
        array[:, 0] = np.where(lons < 0, lons + 360, lons)
    west, south = array.min(axis=0)
    east, north = array.max(axis=0)
    return Ring(country, array, (float(west), float(south), float(east), float(north)))


@lru_cache(maxsize=1)
def _packed() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every ring's points in one array (99,539 points), each ring's start offset, and its box."""
    rings = basemap()
    starts = np.cumsum([0, *(len(r.points) for r in rings)])
    return np.concatenate([r.points for r in rings]), starts, np.array([r.box for r in rings])


def _outlines(view: View) -> list[str]:
    """The rings in view as SVG paths (`_drawn`); a view past the 180th meridian also draws the rings
    of the world's other end moved by 360 degrees (Tonga east of Fiji)."""
    shifts = [0.0] + ([360.0] if view.east > 180 else []) + ([-360.0] if view.west < -180 else [])
    return [path for shift in shifts for path in _drawn(View(view.west - shift, view.south, view.east - shift,
                                                              view.north, view.width, view.height))]


def _drawn(view: View) -> list[str]:
    """The rings in view as SVG paths, projected together (NumPy) and thinned to one point per
    MIN_STEP_PX cell: a world view keeps a few points of each coast, a city view all of them."""
    points, starts, boxes = _packed()
    px_x, px_y = view.width / (view.east - view.west), view.height / (view.north - view.south)
    visible = np.nonzero((boxes[:, 0] <= view.east) & (boxes[:, 2] >= view.west)
                         & (boxes[:, 1] <= view.north) & (boxes[:, 3] >= view.south)
                         # an island smaller than MIN_RING_PX both ways is not drawn: a world view held
                         # thousands of them, 280 KB of a story's map
                         & (((boxes[:, 2] - boxes[:, 0]) * px_x >= MIN_RING_PX)
                            | ((boxes[:, 3] - boxes[:, 1]) * px_y >= MIN_RING_PX)))[0]
    if not len(visible):
        return []
    lengths = starts[visible + 1] - starts[visible]
    ring_of = np.repeat(np.arange(len(visible)), lengths)
    first = np.cumsum(lengths) - lengths  # each visible ring's first point in `chosen`
    chosen = np.arange(lengths.sum()) - np.repeat(first, lengths) + np.repeat(starts[visible], lengths)
    scale = np.array([view.width / (view.east - view.west), -view.height / (view.north - view.south)])
    xy = (points[chosen] - np.array([view.west, view.north])) * scale
    cells = np.round(xy / MIN_STEP_PX)
    moved = np.ones(len(xy), dtype=bool)
    moved[1:] = np.any(cells[1:] != cells[:-1], axis=1)
    moved[first] = True  # every ring starts afresh
    kept = xy[moved].round(0).astype(int)  # whole pixels: a 640-px picture
    # each point as «x y», formatted in C loops: a story's map has ~2,800 of them, a run ~1,500 maps
    spelled = list(map(" ".join, zip(map(str, kept[:, 0].tolist()), map(str, kept[:, 1].tolist()))))
    bounds = np.searchsorted(ring_of[moved], np.arange(len(visible) + 1)).tolist()
    rings = basemap()
    paths = []
    for k, index in enumerate(visible.tolist()):
        if bounds[k + 1] - bounds[k] >= 3:
            commands = "L".join(spelled[bounds[k]:bounds[k + 1]])
            paths.append(f'<path d="M{commands}Z"><title>{escape(rings[index].country)}</title></path>')
    return paths


def _place_marks(places: list[dict], view: View) -> str:
    """A dot per place, then labels, the most mentioned first, skipping any that would overlap
    a label already placed (a story's villages crowd around its city); every dot keeps its name
    as a tooltip."""
    dots, labels, taken = [], [], []
    for place in sorted(places, key=lambda p: -len(p.get("mentions") or [])):
        x, y = view.xy(float(place["lon"]), float(place["lat"]))
        name = escape(str(place.get("name") or ""))
        dots.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#b3261e" stroke="#fff" stroke-width="1.5">'
                    f'<title>{name}</title></circle>')
        # The label sits left of the dot: Arabic reads from the right, starting at the dot. The
        # direction is the label's own: "start" is then its right end whatever page holds the map
        # (under the page's right-to-left "end" was the left end, and names were drawn over their dots).
        box = (x - 10 - LABEL_CHAR_PX * len(str(place.get("name") or "")), y - 12, x - 6, y + 6)
        if len(labels) < MAX_LABELS and not any(_overlap(box, other) for other in taken):
            taken.append(box)
            labels.append(f'<text x="{x - 9:.1f}" y="{y + 4.5:.1f}" direction="rtl" text-anchor="start" font-size="14" '
                          f'fill="#1d1d1d" stroke="#fff" stroke-width="3" paint-order="stroke">{name}</text>')
    return f'<g class="places">{"".join(dots)}</g><g class="labels">{"".join(labels)}</g>'


def region(places: list[dict]) -> tuple[list[dict], list[dict]]:
    """(the places to frame, the places beyond the frame): the places within `REGION_KM` of the most
    mentioned one, when they hold `REGION_SHARE` of all mentions; else every place is framed (a
    story about Russia, whose point is in Siberia, keeps Moscow and Kyiv in the frame that way)."""
    weight = [max(1, len(p.get("mentions") or [])) for p in places]
    points = [(math.radians(float(p["lat"])), math.radians(float(p["lon"]))) for p in places]
    centre = max(range(len(places)), key=lambda i: (weight[i], -i))
    inside = {j for j, q in enumerate(points) if _km(points[centre], q) <= REGION_KM}
    if len(inside) == len(places) or sum(weight[j] for j in inside) < REGION_SHARE * sum(weight):
        return places, []
    return [p for j, p in enumerate(places) if j in inside], [p for j, p in enumerate(places) if j not in inside]


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points in radians."""
    h = math.sin((b[0] - a[0]) / 2) ** 2 + math.cos(a[0]) * math.cos(b[0]) * math.sin((b[1] - a[1]) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _edge_marks(places: list[dict], view: View) -> str:
    """An arrow at the frame's edge toward each place beyond it (the most mentioned first, at most
    `MAX_BEYOND`), with its name inside the frame; labels that would overlap are left to the tooltip."""
    marks, taken = [], []
    cx, cy = view.width / 2, view.height / 2
    for place in sorted(places, key=lambda p: -len(p.get("mentions") or []))[:MAX_BEYOND]:
        x, y = view.xy(float(place["lon"]), float(place["lat"]))
        dx, dy = x - cx, y - cy
        if not (dx or dy):
            continue
        # where the ray from the centre leaves the frame inset by EDGE_PX
        t = min(((cx - EDGE_PX) / abs(dx)) if dx else math.inf, ((cy - EDGE_PX) / abs(dy)) if dy else math.inf)
        ex, ey = cx + dx * t, cy + dy * t
        angle = math.degrees(math.atan2(dy, dx))
        name = escape(str(place.get("name") or ""))
        marks.append(f'<g class="beyond" transform="translate({ex:.1f} {ey:.1f})"><title>{name}</title>'
                     f'<path d="M 9 0 L -5 -6 L -5 6 Z" transform="rotate({angle:.0f})" fill="#b3261e" '
                     f'stroke="#fff" stroke-width="1.2"/></g>')
        # the name on the frame's side of the arrow: left of it on the right edge, right of it on the
        # left edge (right-to-left text: "start" is its right end), under or over it at the top or bottom
        side = "right" if ex > view.width - EDGE_PX - 1 else "left" if ex < EDGE_PX + 1 else "middle"
        anchor = {"right": "start", "left": "end", "middle": "middle"}[side]
        lx = ex - 12 if side == "right" else ex + 12 if side == "left" else ex
        ly = ey + 4.5 + (0 if side != "middle" else 16 if ey < cy else -16)
        length = LABEL_CHAR_PX * len(str(place.get("name") or ""))
        left = lx - length if side == "right" else lx if side == "left" else lx - length / 2
        box = (left, ly - 12, left + length, ly + 4)
        if not any(_overlap(box, other) for other in taken):
            taken.append(box)
            marks.append(f'<text class="beyond-label" x="{lx:.1f}" y="{ly:.1f}" direction="rtl" text-anchor="{anchor}" '
                         f'font-size="13" fill="#5f6368" stroke="#fff" stroke-width="3" paint-order="stroke">{name}</text>')
    return f'<g class="beyond-places">{"".join(marks)}</g>' if marks else ""


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _located(place: dict) -> bool:
    try:
        lat, lon = float(place.get("lat")), float(place.get("lon"))
    except (TypeError, ValueError):
        return False
    return -90 <= lat <= 90 and -180 <= lon <= 180


def _unique_places(places: list[dict]) -> list[dict]:
    """One mark per name and position (a story mentions the same city many times)."""
    seen, unique = set(), []
    for place in places:
        key = (place.get("name"), round(float(place["lat"]), 3), round(float(place["lon"]), 3))
        if key not in seen:
            seen.add(key)
            unique.append(place)
    return unique
