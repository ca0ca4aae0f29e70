"""Evaluation scripts: accuracy of the hub's models on real data (`--data ../shared/data`)."""
