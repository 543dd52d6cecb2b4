"""kravgen: turns a library of data-related procurement requirements into a Word tender annex."""

__version__ = "0.3.0"
