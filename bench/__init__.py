"""Benchmarks: each prints its figures, writes bench/results/NAME.json and measures its baseline in the same run."""
