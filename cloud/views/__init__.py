"""Read side: what each page, API route and CSV export shows, scoped to one user's tenant/site.

Every query goes through `Scope`, which is the only place a tenant or site filter is built.
"""
