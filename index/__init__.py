"""citebot below Telegram: corpus -> cleaned text -> people and quotes -> Whoosh -> answers."""
