"""Engines choose where data lives and how work is split; the stages are the same functions."""
