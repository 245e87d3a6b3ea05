"""Benchmarks: a design generator and the `make bench` harness (`python -m benchmarks`)."""
