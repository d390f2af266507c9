"""Inline SVG drawings for the HTML digest: the network of links, the timeline strip and
small charts of figures. Computed here, in Python, so the page needs no library and no
network; every label is escaped, and the same digest always draws the same picture."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from summarizer._digest.dates import span_of
from summarizer._digest.model import (
    Digest,
    Entity,
    FigureSeries,
    FigureValue,
    Link,
    TimelineEntry,
)

NETWORK_NODES = 40
NETWORK_EDGES = 120
_WIDTH, _HEIGHT = 760.0, 520.0
_MARGIN = 40.0
_ITERATIONS = 150
_GRAVITY = 0.3
_LABEL_ROOM = 80.0  # from the sides: half a long label, centred under its node


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _n(value: float) -> str:
    return f"{value:.1f}"


# -- the network ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Network:
    """The entities drawn (by their index in the digest) and the links between them."""

    nodes: list[int]
    edges: list[tuple[int, int, Link]]  # positions in ``nodes``


def network_of(digest: Digest) -> Network:
    """The entities in most articles (up to ``NETWORK_NODES``) and the heaviest links
    between them (up to ``NETWORK_EDGES``): each entity's heaviest one first, so none is
    drawn alone; an entity with no link to the others is left out."""
    strength: dict[str, int] = {}
    for link in digest.links:
        strength[link.a] = strength.get(link.a, 0) + link.weight
        strength[link.b] = strength.get(link.b, 0) + link.weight
    position = {entity.id: n for n, entity in enumerate(digest.entities)}
    ranked = sorted(
        strength,
        key=lambda i: (-len(digest.entities[position[i]].articles), -strength[i], position[i]),
    )
    chosen = set(ranked[:NETWORK_NODES])
    among = [link for link in digest.links if link.a in chosen and link.b in chosen]
    heaviest: dict[str, Link] = {}
    for link in among:  # links come heaviest first
        heaviest.setdefault(link.a, link)
        heaviest.setdefault(link.b, link)
    first = {id(link) for link in heaviest.values()}
    by_rank = [link for link in among if id(link) in first]
    by_rank += [link for link in among if id(link) not in first]
    kept = {id(link) for link in by_rank[: max(NETWORK_EDGES, len(first))]}
    drawn = [link for link in among if id(link) in kept]
    shown = [i for i in ranked if i in heaviest]
    number = {entity_id: n for n, entity_id in enumerate(shown)}
    edges = [(number[link.a], number[link.b], link) for link in drawn]
    return Network([position[i] for i in shown], edges)


def layout(size: int, edges: Sequence[tuple[int, int, float]]) -> list[tuple[float, float]]:
    """Positions for ``size`` nodes by Fruchterman and Reingold's force-directed method,
    from a fixed start (a circle), so that one digest always gets one picture."""
    if size == 0:
        return []
    area = (_WIDTH - 2 * _MARGIN) * (_HEIGHT - 2 * _MARGIN)
    k = math.sqrt(area / size)
    points = [
        [
            _WIDTH / 2 + (_WIDTH / 3) * math.cos(2 * math.pi * i / size),
            _HEIGHT / 2 + (_HEIGHT / 3) * math.sin(2 * math.pi * i / size),
        ]
        for i in range(size)
    ]
    for step in range(_ITERATIONS):
        moves = [[0.0, 0.0] for _ in range(size)]
        for i in range(size):
            for j in range(i + 1, size):
                dx, dy, d = _apart(points[i], points[j])
                force = k * k / d
                moves[i][0] += dx / d * force
                moves[i][1] += dy / d * force
                moves[j][0] -= dx / d * force
                moves[j][1] -= dy / d * force
        for a, b, weight in edges:
            dx, dy, d = _apart(points[a], points[b])
            force = d * d / k * min(1.0 + math.log(weight), 3.0)
            moves[a][0] -= dx / d * force
            moves[a][1] -= dy / d * force
            moves[b][0] += dx / d * force
            moves[b][1] += dy / d * force
        temperature = (_WIDTH / 10) * (1 - step / _ITERATIONS)
        for point, move in zip(points, moves, strict=True):
            # Gravity towards the middle keeps apart groups from flying to the edges.
            move[0] -= _GRAVITY * (point[0] - _WIDTH / 2) * k / 10
            move[1] -= _GRAVITY * (point[1] - _HEIGHT / 2) * k / 10
            mx, my = move
            length = math.hypot(mx, my) or 1.0
            point[0] += mx / length * min(length, temperature)
            point[1] += my / length * min(length, temperature)
            point[0] = min(max(point[0], _MARGIN), _WIDTH - _MARGIN)
            point[1] = min(max(point[1], _MARGIN), _HEIGHT - _MARGIN)
    return _fit([(x, y) for x, y in points])


def _fit(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The points stretched to fill the frame (the layout's scale is arbitrary)."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    width, height = max(xs) - min(xs) or 1.0, max(ys) - min(ys) or 1.0
    return [
        (
            _LABEL_ROOM + (x - min(xs)) / width * (_WIDTH - 2 * _LABEL_ROOM),
            _MARGIN + (y - min(ys)) / height * (_HEIGHT - 2 * _MARGIN),
        )
        for x, y in points
    ]


def _apart(a: list[float], b: list[float]) -> tuple[float, float, float]:
    dx, dy = a[0] - b[0], a[1] - b[1]
    distance = math.hypot(dx, dy)
    if distance < 0.01:  # two nodes on one point: push them apart along a fixed line
        return 0.01, 0.0, 0.01
    return dx, dy, distance


def network_svg(digest: Digest, network: Network) -> str:
    """The network as SVG: a circle per entity (its size, the articles it is in), a line
    per link (its width, the articles they share). Nodes carry ``data-entity``, the
    entity's index, for the page's script."""
    entities = [digest.entities[i] for i in network.nodes]
    points = layout(len(entities), [(a, b, float(link.weight)) for a, b, link in network.edges])
    names = {e.id: e.name for e in entities}
    lines = "".join(
        f'<line x1="{_n(points[a][0])}" y1="{_n(points[a][1])}" x2="{_n(points[b][0])}" '
        f'y2="{_n(points[b][1])}" stroke-width="{_n(min(1 + link.weight, 8))}">'
        f"<title>{_e(names[link.a])} and {_e(names[link.b])}: {link.weight} "
        f"article{'s' if link.weight != 1 else ''}</title></line>"
        for a, b, link in network.edges
    )
    nodes = "".join(
        _node(index, entity, point)
        for index, entity, point in zip(network.nodes, entities, points, strict=True)
    )
    return (
        f'<svg class="network" viewBox="0 0 {_n(_WIDTH)} {_n(_HEIGHT)}" role="group" '
        'aria-label="Entities that appear together">'
        f'<g class="edges">{lines}</g><g class="nodes">{nodes}</g></svg>'
    )


def _node(index: int, entity: Entity, point: tuple[float, float]) -> str:
    radius = 5 + 3 * math.sqrt(len(entity.articles))
    count = len(entity.articles)
    return (
        f'<g class="node kind-{entity.kind}" data-entity="{index}" tabindex="0" role="button">'
        f'<circle cx="{_n(point[0])}" cy="{_n(point[1])}" r="{_n(radius)}"></circle>'
        f'<text x="{_n(point[0])}" y="{_n(point[1] + radius + 12)}">{_e(_label(entity.name))}'
        "</text>"
        f"<title>{_e(entity.name)} ({entity.kind}, {count} article{'s' if count != 1 else ''})"
        "</title></g>"
    )


def _label(name: str) -> str:
    return name if len(name) <= 24 else name[:23].rstrip() + "…"


# -- the timeline strip -------------------------------------------------------------------

_STRIP_WIDTH = 900.0
_LANE = 14.0


def timeline_svg(entries: list[TimelineEntry]) -> str:
    """The dated entries on a time axis: a dot for a day, a bar for a longer period, in
    lanes so that none hides another. Each mark carries ``data-entry``, its index."""
    dated = [(i, span) for i, e in enumerate(entries) if (span := span_of(e.date))]
    if not dated:
        return ""
    first = min(s[0] for _, s in dated)
    last = max(s[1] for _, s in dated)
    days = max((last - first).days + 1, 1)
    usable = _STRIP_WIDTH - 2 * _MARGIN

    def x(day: date) -> float:
        return _MARGIN + usable * (day - first).days / days

    lanes: list[float] = []
    marks = []
    for index, (start, end) in dated:
        left, right = x(start), max(x(end) + usable / days, x(start) + 6)
        lane = next((n for n, edge in enumerate(lanes) if edge + 4 <= left), len(lanes))
        if lane == len(lanes):
            lanes.append(right)
        else:
            lanes[lane] = right
        marks.append(_timeline_mark(index, entries[index], left, right, 24 + lane * _LANE))
    height = 24 + len(lanes) * _LANE + 24
    ticks = "".join(
        f'<line class="tick" x1="{_n(x(t))}" x2="{_n(x(t))}" y1="16" y2="{_n(height - 20)}">'
        f'</line><text class="tick" x="{_n(x(t))}" y="{_n(height - 6)}">{_e(label)}</text>'
        for t, label in _ticks(first, last)
    )
    return (
        f'<svg class="timeline-strip" viewBox="0 0 {_n(_STRIP_WIDTH)} {_n(height)}" '
        f'role="group" aria-label="Dated entries on a time axis">{ticks}{"".join(marks)}</svg>'
    )


def _timeline_mark(index: int, entry: TimelineEntry, left: float, right: float, y: float) -> str:
    title = f"<title>{_e(entry.date)}: {_e(entry.description)}</title>"
    kind = "figure" if entry.kind == "figure" else "event"
    if right - left <= 6.5:
        shape = f'<circle cx="{_n(left + 3)}" cy="{_n(y)}" r="4"></circle>'
    else:
        shape = (
            f'<rect x="{_n(left)}" y="{_n(y - 4)}" width="{_n(right - left)}" height="8" '
            'rx="3"></rect>'
        )
    return (
        f'<g class="tl-mark tl-{kind}" data-entry="{index}" tabindex="0" role="button">'
        f"{shape}{title}</g>"
    )


def _ticks(first: date, last: date) -> list[tuple[date, str]]:
    """Year starts on the axis; months when it spans under two years."""
    if (last - first).days < 730:
        months = []
        year, month = first.year, first.month
        while date(year, month, 1) <= last:
            if date(year, month, 1) >= first:
                months.append((date(year, month, 1), f"{year}-{month:02d}"))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if len(months) >= 2:
            return months
    step = max(1, (last.year - first.year) // 12)
    return [
        (date(y, 1, 1), str(y))
        for y in range(first.year, last.year + 1, step)
        if date(y, 1, 1) >= first
    ] or [(first, first.isoformat())]


# -- small charts of figures ---------------------------------------------------------------

_CHART_W, _CHART_H, _PAD = 260.0, 90.0, 14.0


def chart_svg(series: FigureSeries) -> str:
    """A small chart of a series' dated values (at least two): one point per value at
    the middle of its period, joined in time order; values stated as changes are
    triangles pointing their way."""
    points = []
    for value in series.values:
        if span := span_of(value.period):
            middle = span[0] + (span[1] - span[0]) / 2
            points.append((middle, value))
    if len(points) < 2:
        return ""
    first, last = points[0][0], points[-1][0]
    low, high = min(v.value for _, v in points), max(v.value for _, v in points)
    width_days = max((last - first).days, 1)

    def place(day: date, amount: float) -> tuple[float, float]:
        x = _PAD + (_CHART_W - 2 * _PAD) * (day - first).days / width_days
        y = (
            _CHART_H
            - _PAD
            - (_CHART_H - 2 * _PAD) * ((amount - low) / (high - low) if high > low else 0.5)
        )
        return x, y

    placed = [(place(day, value.value), value) for day, value in points]
    path = " ".join(f"{_n(x)},{_n(y)}" for (x, y), _ in placed)
    marks = "".join(_chart_mark(x, y, value) for (x, y), value in placed)
    highest = max(placed, key=lambda item: item[1].value)
    lowest = min(placed, key=lambda item: item[1].value)
    labels = "".join(
        f'<text class="value" x="{_n(x + 6)}" y="{_n(y + (4 if x < _CHART_W / 2 else -6))}">'
        f"{_e(value.surface)}</text>"
        for (x, y), value in ([highest, lowest] if highest is not lowest else [highest])
    )
    return (
        f'<svg class="chart" viewBox="0 0 {_n(_CHART_W)} {_n(_CHART_H)}" role="img" '
        f'aria-label="{_e(series.metric)} over time">'
        f'<polyline points="{path}"></polyline>{marks}{labels}'
        f'<text class="axis" x="{_n(_PAD)}" y="{_n(_CHART_H - 2)}">{_e(points[0][1].period)}</text>'
        f'<text class="axis end" x="{_n(_CHART_W - _PAD)}" y="{_n(_CHART_H - 2)}">'
        f"{_e(points[-1][1].period)}</text></svg>"
    )


def _chart_mark(x: float, y: float, value: FigureValue) -> str:
    title = f"<title>{_e(value.period)}: {_e(value.surface)}</title>"
    if value.change is None or value.change.direction == "unchanged":
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3.5">{title}</circle>'
    tip = -5 if value.change.direction == "up" else 5
    shape = (
        f"{_n(x - 4.5)},{_n(y - tip / 1.5)} {_n(x + 4.5)},{_n(y - tip / 1.5)} {_n(x)},{_n(y + tip)}"
    )
    return f'<polygon class="change" points="{shape}">{title}</polygon>'
