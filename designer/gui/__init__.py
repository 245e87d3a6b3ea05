"""The desktop GUI: all Qt lives in this package."""
