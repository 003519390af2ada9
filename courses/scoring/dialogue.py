"""Checks and scores for branching role-play dialogues (pure, no Django).

A dialogue is a graph: nodes are customer lines (the first one is the start),
edges are the agent's replies, each leading to the next node and adding points to
named competencies. A node with an ending (resolved / escalated / lost) closes the
conversation and has no replies; every other node needs at least one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

ENDINGS = ("resolved", "escalated", "lost")


@dataclass(frozen=True)
class Node:
    key: str
    ending: str = ""  # "" while the conversation goes on


@dataclass(frozen=True)
class Edge:
    id: int | str
    source: str
    target: str
    scores: dict[str, float] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class GraphIssue:
    code: str  # duplicate_key | no_nodes | unknown_node | dead_end | ending_with_choices
    #            | unreachable | loop | bad_ending
    node: str
    message: str


def check_graph(nodes: Sequence[Node], edges: Sequence[Edge]) -> list[GraphIssue]:
    """Every problem that stops a dialogue from being taken and scored, in node order."""
    issues: list[GraphIssue] = []
    if not nodes:
        return [GraphIssue("no_nodes", "", "The dialogue has no customer lines.")]
    keys: list[str] = []
    for node in nodes:
        if node.key in keys:
            issues.append(
                GraphIssue("duplicate_key", node.key, f"Two lines share the key '{node.key}'.")
            )
        else:
            keys.append(node.key)
        if node.ending and node.ending not in ENDINGS:
            issues.append(
                GraphIssue("bad_ending", node.key, f"'{node.ending}' is not a known ending.")
            )
    known = set(keys)
    outgoing: dict[str, list[Edge]] = {key: [] for key in keys}
    for edge in edges:
        for end in (edge.source, edge.target):
            if end not in known:
                issues.append(
                    GraphIssue(
                        "unknown_node", end, f"A reply points at '{end}', which is not a line."
                    )
                )
        if edge.source in known and edge.target in known:
            outgoing[edge.source].append(edge)
    endings = {node.key: node.ending for node in nodes}
    for key in keys:
        if endings[key] and outgoing[key]:
            issues.append(
                GraphIssue(
                    "ending_with_choices",
                    key,
                    f"'{key}' ends the conversation but still has replies.",
                )
            )
        if not endings[key] and not outgoing[key]:
            issues.append(
                GraphIssue(
                    "dead_end",
                    key,
                    f"'{key}' has no replies and no ending: the conversation gets stuck there.",
                )
            )
    reachable = _reachable(keys[0], outgoing)
    for key in keys:
        if key not in reachable:
            issues.append(
                GraphIssue("unreachable", key, f"No path from the start leads to '{key}'.")
            )
    loop = _find_loop(keys[0], outgoing)
    if loop:
        issues.append(
            GraphIssue("loop", loop, f"The conversation can go round in a circle through '{loop}'.")
        )
    return issues


def _reachable(start: str, outgoing: dict[str, list[Edge]]) -> set[str]:
    seen = {start}
    stack = [start]
    while stack:
        for edge in outgoing.get(stack.pop(), []):
            if edge.target not in seen:
                seen.add(edge.target)
                stack.append(edge.target)
    return seen


def _find_loop(start: str, outgoing: dict[str, list[Edge]]) -> str | None:
    state: dict[str, int] = {}  # 1 on the current path, 2 finished

    def visit(key: str) -> str | None:
        state[key] = 1
        for edge in outgoing.get(key, []):
            mark = state.get(edge.target)
            if mark == 1:
                return edge.target
            if mark is None:
                found = visit(edge.target)
                if found:
                    return found
        state[key] = 2
        return None

    return visit(start)


@dataclass(frozen=True)
class PathResult:
    """Where a walk through the dialogue ended and what it earned."""

    edges: tuple[Edge, ...]
    node: str  # the node reached last
    ending: str  # its ending, "" if the walk stopped before one
    points: dict[str, float]  # competency -> sum of points along the path


def follow_path(
    nodes: Sequence[Node], edges: Sequence[Edge], path: Sequence[int | str]
) -> PathResult:
    """Walk the chosen replies from the start; a reply that does not fit stops the walk."""
    by_id = {str(edge.id): edge for edge in edges}
    endings = {node.key: node.ending for node in nodes}
    current = nodes[0].key if nodes else ""
    taken: list[Edge] = []
    points: dict[str, float] = {}
    for step in path:
        edge = by_id.get(str(step))
        if edge is None or edge.source != current or endings.get(current):
            break
        taken.append(edge)
        for code, value in edge.scores.items():
            points[code] = points.get(code, 0.0) + float(value)
        current = edge.target
    return PathResult(tuple(taken), current, endings.get(current, ""), points)


def point_ranges(nodes: Sequence[Node], edges: Sequence[Edge]) -> dict[str, tuple[float, float]]:
    """Per competency, the lowest and the highest sum any complete path can earn.

    Needs a graph without loops (``check_graph`` refuses those). Paths that stop
    early count too, so a competency only some branches touch ranges from 0.
    """
    if not nodes:
        return {}
    outgoing: dict[str, list[Edge]] = {node.key: [] for node in nodes}
    for edge in edges:
        if edge.source in outgoing and edge.target in outgoing:
            outgoing[edge.source].append(edge)
    codes = sorted({code for edge in edges for code in edge.scores})

    @cache
    def best(key: str, code: str, sign: int) -> float:
        options = [
            sign * float(edge.scores.get(code, 0)) + best(edge.target, code, sign)
            for edge in outgoing[key]
        ]
        return max(options) if options else 0.0

    return {code: (-best(nodes[0].key, code, -1), best(nodes[0].key, code, 1)) for code in codes}


def total_range(nodes: Sequence[Node], edges: Sequence[Edge]) -> tuple[float, float]:
    """The lowest and highest total of points (all competencies) over complete paths."""
    if not nodes:
        return (0.0, 0.0)
    outgoing: dict[str, list[Edge]] = {node.key: [] for node in nodes}
    for edge in edges:
        if edge.source in outgoing and edge.target in outgoing:
            outgoing[edge.source].append(edge)

    @cache
    def best(key: str, sign: int) -> float:
        options = [
            sign * sum(float(v) for v in edge.scores.values()) + best(edge.target, sign)
            for edge in outgoing[key]
        ]
        return max(options) if options else 0.0

    return (-best(nodes[0].key, -1), best(nodes[0].key, 1))
