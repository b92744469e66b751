"""Shared fixtures (the test helper extends this file)."""

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the repository; tests that need it skip where a user cloned only the repo."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"needs ../shared (seeds and gold sets) beside the repository; not found at {SHARED}")
    return SHARED
