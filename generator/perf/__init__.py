"""Synthetic corpora and benchmarks."""
