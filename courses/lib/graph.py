"""Prerequisite graphs: find the circle that would lock everyone out."""


def prerequisite_cycle(graph: dict[int, set[int]], *, start: int) -> list[int]:
    """A path start → … → start through the "requires" edges, or [] if there is none."""
    stack: list[tuple[int, list[int]]] = [(start, [start])]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        for target in sorted(graph.get(node, ())):
            if target == start:
                return [*path, start]
            if target not in seen:
                seen.add(target)
                stack.append((target, [*path, target]))
    return []
