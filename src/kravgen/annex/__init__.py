"""Stages 4-5: from the rendered annex to the documents a supplier receives."""
