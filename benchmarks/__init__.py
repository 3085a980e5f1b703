"""Measured runs of inspectkg on synthetic documents (see benchmarks/README.md)."""
