"""Practice customers built from a site's real objections.

`mine` reads the stored (redacted) turns and the handled flags per objection; `cluster` groups
the customers' phrasings; `personas` turns them into practice customers whose lines are those
phrasings; `attempts` records and levels the salesperson's answers, graded by
`edge.practice.score` (the same playbook and live metrics as coaching on the floor).
"""
