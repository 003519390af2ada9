"""The demo's nightly warnings are the same as before the burnout pipeline was made fast.

See ``tests/wellbeing/golden.py`` for how the expected file was captured.
"""

import pytest

from tests.wellbeing import golden
from tests.wellbeing.test_golden import _expected, _same


@pytest.mark.django_db
def test_the_demo_gets_the_same_stored_warnings():
    expected = _expected(golden.DEMO_FILE)
    actual = _roundtrip(golden.demo_output())
    assert any(w["level"] == "critical" for w in expected["warnings"])
    _same(actual, expected)


def _roundtrip(payload):
    import json

    return json.loads(json.dumps(payload))
