"""Who may log in: password hashing and policy, API tokens, login throttling, hashing slots."""
