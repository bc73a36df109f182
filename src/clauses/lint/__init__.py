"""`clauses lint`: the pipeline over files, configuration and suppressions."""
