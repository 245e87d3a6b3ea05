"""Shared fixtures: the samples folder and loaded sample designs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Tests never need a display; GUI tests render offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = ROOT / "samples"
SAMPLE_FILES = sorted(SAMPLES_DIR.glob("*.awsd.json"))


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES_DIR


def load_sample(name: str):
    """Load samples/<name>.awsd.json as a fresh Design."""
    from designer.storage import load_design

    return load_design(SAMPLES_DIR / f"{name}.awsd.json")
