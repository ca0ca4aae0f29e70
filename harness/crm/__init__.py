"""Fakes of the CRM vendors' HTTP APIs.

Each follows the vendor's published contract (paths, required fields, auth flows, error bodies,
rate-limit headers), with fault injection; started on 127.0.0.1 by `harness.http.serve`. Used
by the tests and `bench/`, never by the product.
"""
