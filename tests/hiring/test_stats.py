"""The pure helpers behind the recruiter's pages (no database, no Django)."""

from hiring.stats import integrity_summary, percentile_rank, radar_geometry


def test_percentile_counts_ties_as_half():
    assert percentile_rank(50, [10, 20, 50, 80]) == 62
    assert percentile_rank(100, [10, 20]) == 100
    assert percentile_rank(0, []) == 0


def test_integrity_counts_answers_too_fast_to_read_but_not_missing_timings():
    summary = integrity_summary(
        question_seconds={"1": 2.0, "2": 40.0},
        word_counts={"1": 50, "2": 50, "3": 50},
        answered={"1", "2", "3"},
        focus_lost=3,
        pastes=1,
    )
    assert summary.too_fast == 1 and summary.total_seconds == 42 and summary.answered == 3


def test_the_radar_has_a_polygon_per_candidate_and_needs_three_axes():
    chart = radar_geometry(axes=["A", "B", "C", "D"], series=[[100, 50, 0, None], [20, 20, 20, 20]])
    assert len(chart["polygons"]) == 2 and len(chart["spokes"]) == 4
    top = chart["polygons"][0]["dots"][0]
    assert top == (chart["centre"], chart["centre"] - 140)
    assert radar_geometry(axes=["A", "B"], series=[[1, 2]]) == {}
