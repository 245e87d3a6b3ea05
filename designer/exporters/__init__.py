"""Exporters: one module per format, registered by decorator, returning text or bytes."""
