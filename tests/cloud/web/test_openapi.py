"""The OpenAPI schema is for admins only; schemathesis finds no server error in the JSON API."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from tests.cloud.factory import World


@pytest.fixture
def api_schema(app: FastAPI, world: World) -> schemathesis.BaseSchema:
    """The app's schema, with a manager's token on every request."""
    admin = {"Authorization": f"Bearer {world.tokens['acme:admin']}"}
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, headers=admin)
    token = world.tokens["acme:manager"]

    @schema.auth()
    class _Token:
        def get(self, case: Any, context: schemathesis.AuthContext) -> str:
            return token

        def set(self, case: Any, data: str, context: schemathesis.AuthContext) -> None:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

    return schema


def test_the_openapi_schema_is_served_to_admins_only(client: TestClient, world: World) -> None:
    assert client.get("/openapi.json").status_code == 401
    manager = {"Authorization": f"Bearer {world.tokens['acme:manager']}"}
    assert client.get("/openapi.json", headers=manager).status_code == 403
    # no documentation pages that would load scripts from a CDN
    assert client.get("/docs").status_code in (303, 404)
    assert client.get("/redoc").status_code in (303, 404)
    admin = {"Authorization": f"Bearer {world.tokens['acme:admin']}"}
    document = client.get("/openapi.json", headers=admin).json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/conversations/{conversation_id}" in document["paths"]
    assert not any(path.startswith(("/floor", "/login")) for path in document["paths"])


def test_no_server_errors(api_schema: schemathesis.BaseSchema) -> None:
    results: list[Any] = list(api_schema.get_all_operations())
    operations = [result.ok() for result in results]
    assert len(operations) >= 6
    statuses: list[int] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
        def no_server_error(case: Any) -> None:
            response = case.call()
            assert response.status_code < 500, f"{case.method} {case.path}: {response.text}"
            statuses.append(response.status_code)

        no_server_error()
    assert statuses.count(200) > len(operations), "the token was not used"
