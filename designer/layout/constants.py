"""The layout's measures, in scene units (the canvas draws 1 unit as 1 pixel at 100 %)."""

from __future__ import annotations

HEADER = 44.0  # room for a frame's icon and label
PAD = 24.0
GAP = 28.0  # between two boxes side by side
LABEL_GAP = 18.0  # between two labels side by side
ROW_GAP = 22.0  # between a row's lowest label and the next row
LANE_GAP = 40.0  # between frames side by side
GUTTER_MARGIN = 14.0  # between a gutter resource's label and the AZ frames
BAND_GAP = 30.0  # between a band and the frames
OUTSIDE_GAP = 70.0  # between rows of outside nodes, and between them and the Regions
MARGIN = 40.0  # the page's margin
EMPTY_CONTAINER = {
    "region": (480.0, 320.0),
    "vpc": (440.0, 280.0),
    "availability_zone": (300.0, 240.0),
    "subnet": (260.0, 150.0),
}
MAX_GRID_COLUMNS = 6

Geometry = tuple[float, float, float, float]
