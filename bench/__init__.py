"""Benchmarks: speed and memory of the hub against the targets in the issues."""
