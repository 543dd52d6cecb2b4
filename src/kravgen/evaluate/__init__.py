"""`kravgen evaluate`: suppliers' filled workbooks back in, one result per supplier."""
