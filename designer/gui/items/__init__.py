"""The canvas items: dumb views that know only their id (frames, resources, edges)."""

from designer.gui.items.base import EDGE_TYPE, FRAME_TYPE, NODE_TYPE, NodeItemBase
from designer.gui.items.edge import EdgeItem
from designer.gui.items.frame import FrameItem
from designer.gui.items.resource import ResourceItem

__all__ = ["EDGE_TYPE", "FRAME_TYPE", "NODE_TYPE", "EdgeItem", "FrameItem", "NodeItemBase", "ResourceItem"]
