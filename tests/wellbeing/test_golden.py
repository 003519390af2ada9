"""The burnout pipeline gives the same flags, levels and reasons as before it was made fast.

The expected output was captured by ``tests/wellbeing/golden.py`` (read its
docstring for how and from which commit). Numbers are compared to 1e-6, codes,
levels and the order of reasons and actions exactly.
"""

import json
import math

import pytest

from tests.wellbeing import golden


def _same(actual, expected, where="output"):
    """Assert equal structures; floats within 1e-6."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), where
        assert sorted(actual) == sorted(expected), where
        for key in expected:
            _same(actual[key], expected[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), where
        for index, (a, e) in enumerate(zip(actual, expected, strict=True)):
            _same(a, e, f"{where}[{index}]")
    elif isinstance(expected, float) and not isinstance(expected, bool):
        assert isinstance(actual, int | float) and math.isclose(
            actual, expected, rel_tol=0, abs_tol=1e-6
        ), (where, actual, expected)
    else:
        assert actual == expected, (where, actual, expected)


def _expected(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("through_days", [True, False], ids=["day-signals", "person-weeks"])
def test_the_bench_like_organisation_gets_the_same_flags_levels_and_reasons(through_days):
    expected = _expected(golden.BENCH_FILE)
    actual = json.loads(json.dumps(golden.bench_output(through_days=through_days)))
    assert len(expected["person_weeks"]) > 300 and len(expected["warnings"]) == 30
    assert {w["level"] for w in expected["warnings"]} >= {"watch", "warning", "critical"}
    _same(actual, expected)


def test_the_order_of_the_workload_rows_does_not_matter():
    import datetime as dt

    from pandas.testing import assert_frame_equal

    from wellbeing import metrics

    workload = golden.bench_workload()
    as_of = golden.BENCH_FIRST_DAY + dt.timedelta(days=golden.BENCH_DAYS - 1)
    shuffled = workload.sample(frac=1, random_state=4)
    assert not shuffled["person_id"].is_monotonic_increasing
    assert_frame_equal(
        metrics.person_weeks(shuffled, as_of=as_of), metrics.person_weeks(workload, as_of=as_of)
    )
