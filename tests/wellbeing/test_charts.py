"""Server-side SVG charts: gaps stay gaps, text is escaped."""

from wellbeing.charts import Series, line_chart


def test_a_missing_value_splits_the_line_and_labels_are_escaped():
    svg = line_chart(
        title="<b>Hours</b>",
        labels=["W1", "W2", "W3", "W4"],
        series=[Series("a & b", [1.0, 2.0, None, 4.0], "s1")],
    )
    assert svg.count("<polyline") == 1  # W1–W2; W4 alone is a dot, not a line
    assert svg.count("<circle") == 3
    assert "&lt;b&gt;Hours&lt;/b&gt;" in svg and "<b>" not in svg
    assert "a &amp; b" in svg


def test_a_limit_line_is_drawn_with_its_label():
    svg = line_chart(
        title="Occupancy",
        labels=["W1"],
        series=[Series("occupancy", [80.0], "s3")],
        y_max=100,
        line=85,
        line_label="limit 85%",
    )
    assert 'class="limit"' in svg and "limit 85%" in svg
