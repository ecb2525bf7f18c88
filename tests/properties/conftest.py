"""Hypothesis settings for the property tests, and the demo database they run on.

The default profile is deterministic, so that CI fails (or passes) the same way every time;
``CSODESK_HYPOTHESIS_PROFILE=thorough`` draws many more examples at random for a long local
run, and ``survey`` lists every failing call without shrinking it.
"""

import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, Phase, settings

from desktop.store.database import Database
from desktop.store.demo import load_demo

_SLOW_FIXTURES = [
    HealthCheck.function_scoped_fixture,
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.large_base_example,
]

settings.register_profile(
    "ci",
    max_examples=30,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=_SLOW_FIXTURES,
    print_blob=True,
)
settings.register_profile(
    "thorough",
    max_examples=500,
    deadline=None,
    suppress_health_check=_SLOW_FIXTURES,
    print_blob=True,
)
# Finding every failing call quickly, without shrinking each to its smallest form.
settings.register_profile(
    "survey",
    parent=settings.get_profile("ci"),
    phases=[Phase.explicit, Phase.generate],
)
settings.load_profile(os.environ.get("CSODESK_HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def demo_db(db: Database) -> Iterator[Database]:
    """One fresh demo database per test function (SQLite, then PostgreSQL); the examples of
    a test share it, each checking its own call against the database as it found it."""
    load_demo(db)
    yield db
