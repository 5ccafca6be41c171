"""Message catalogues: one module per language, each a MESSAGES dict of key -> template."""
