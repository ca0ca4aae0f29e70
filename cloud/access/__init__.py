"""Who may see what: password hashing, API tokens, login rate limit, CSRF, request principals."""
