"""Qt-free analyses of a design (failure drills, single points of failure)."""
