"""Qt-free analyses of a design: failure drills, single points of failure, exercise checks.

`simulate_failure(design, failed)` and `single_points_of_failure(design)` live in
failure.py (the model is in its docstring); `check_exercise(design, key)` in exercises.py;
report.py turns them into the `analyze` command's text and JSON.
"""

from designer.analysis.failure import (
    SPOF,
    FailureDrill,
    FailureResult,
    PathStatus,
    SinglePointOfFailure,
    UnknownNodeError,
    path_label,
    paths,
    simulate_failure,
    single_points_of_failure,
)
from designer.analysis.topology import Tier, find_tiers

__all__ = [
    "SPOF",
    "FailureDrill",
    "FailureResult",
    "PathStatus",
    "SinglePointOfFailure",
    "Tier",
    "UnknownNodeError",
    "find_tiers",
    "path_label",
    "paths",
    "simulate_failure",
    "single_points_of_failure",
]
