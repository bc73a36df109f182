"""The clause language: source text, keywords, grammar, parser, lowering to the model, name resolution, article index, loading."""
