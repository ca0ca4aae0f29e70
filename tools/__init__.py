"""Developer tools: generators of the documentation."""
