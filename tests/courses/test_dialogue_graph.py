"""The dialogue graph checks and path scoring, without a database."""

from courses.scoring.dialogue import (
    Edge,
    Node,
    check_graph,
    follow_path,
    point_ranges,
    total_range,
)

NODES = [
    Node("start"),
    Node("calm"),
    Node("angry"),
    Node("resolved", "resolved"),
    Node("lost", "lost"),
]
EDGES = [
    Edge(1, "start", "calm", {"empathy": 2, "courtesy": 1}),
    Edge(2, "start", "angry", {"empathy": -2}),
    Edge(3, "calm", "resolved", {"closing": 2}),
    Edge(4, "angry", "lost", {"courtesy": -1}),
    Edge(5, "angry", "resolved", {"empathy": 1, "closing": 1}),
]


def codes(issues):
    return sorted((issue.code, issue.node) for issue in issues)


def test_a_sound_graph_has_no_issues():
    assert check_graph(NODES, EDGES) == []


def test_it_reports_a_line_without_replies_and_without_an_ending_as_a_dead_end():
    nodes = [*NODES, Node("stuck")]
    edges = [*EDGES, Edge(6, "calm", "stuck")]
    assert codes(check_graph(nodes, edges)) == [("dead_end", "stuck")]


def test_it_reports_lines_no_path_reaches():
    nodes = [*NODES, Node("island", "resolved")]
    assert codes(check_graph(nodes, EDGES)) == [("unreachable", "island")]


def test_it_reports_replies_pointing_at_missing_lines_and_duplicate_keys():
    nodes = [*NODES, Node("calm")]
    edges = [*EDGES, Edge(7, "calm", "nowhere")]
    assert codes(check_graph(nodes, edges)) == [
        ("duplicate_key", "calm"),
        ("unknown_node", "nowhere"),
    ]


def test_it_reports_an_ending_that_still_has_replies_and_loops():
    edges = [*EDGES, Edge(8, "lost", "start"), Edge(9, "calm", "start")]
    found = codes(check_graph(NODES, edges))
    assert ("ending_with_choices", "lost") in found
    assert any(code == "loop" for code, _node in found)


def test_an_empty_dialogue_is_an_issue():
    assert codes(check_graph([], [])) == [("no_nodes", "")]


def test_following_a_path_adds_up_points_and_reaches_the_ending():
    walk = follow_path(NODES, EDGES, [1, 3])
    assert walk.ending == "resolved"
    assert walk.points == {"empathy": 2.0, "courtesy": 1.0, "closing": 2.0}


def test_a_reply_that_does_not_fit_the_current_line_stops_the_walk():
    walk = follow_path(NODES, EDGES, [1, 4, 3])
    assert walk.node == "calm"
    assert len(walk.edges) == 1
    assert walk.ending == ""


def test_point_ranges_are_the_worst_and_best_sums_per_competency():
    assert point_ranges(NODES, EDGES) == {
        "closing": (0.0, 2.0),
        "courtesy": (-1.0, 1.0),
        "empathy": (-2.0, 2.0),
    }
    assert total_range(NODES, EDGES) == (-3.0, 5.0)
