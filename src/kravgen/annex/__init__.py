"""Stages 4-5: the annex as a document, and the writers that turn it into files."""
