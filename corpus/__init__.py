"""Data owned by lexmig: the catalogue and the founding note (no code lives here)."""
