"""AWS Architecture Designer: design AWS architectures, validate them live, export them."""

__version__ = "0.1.0"
FORMAT_NAME = "aws-designer"
FORMAT_VERSION = 1
