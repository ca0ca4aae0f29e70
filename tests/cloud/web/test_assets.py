"""The page weight: minified, versioned static files with cache headers, gzip, no gzip on SSE."""

from __future__ import annotations

import gzip
import re

from fastapi.testclient import TestClient

from cloud.web import assets
from tests.cloud.factory import World
from tests.cloud.web.conftest import login

GZIP = {"accept-encoding": "gzip"}


def test_stylesheets_and_scripts_are_served_minified_with_their_meaning() -> None:
    served = assets.load()
    for name in ("style.css", "floor.js", "push.js", "sw.js"):
        source = (assets.STATIC / name).read_text()
        body = served[name].body.decode()
        assert len(body) < 0.9 * len(source), name
        assert "/*" not in body and "\n  " not in body, name  # comments and indents gone
    assert "text-align:right" in served["style.css"].body.decode()
    assert 'new EventSource("/floor/events")' in served["floor.js"].body.decode()
    assert served["icons/icon-192.png"].body == (assets.STATIC / "icons/icon-192.png").read_bytes()


def test_pages_link_versioned_static_files_that_may_be_cached_for_a_year(
    client: TestClient, world: World
) -> None:
    login(client, world.email("acme", "manager"))
    page = client.get("/floor").text
    linked = re.findall(r'(?:href|src)="(/static/[^"?]+)\?v=([0-9a-f]{12})"', page)
    assert {path for path, _ in linked} >= {"/static/style.css", "/static/floor.js"}
    for path, version in linked:
        answer = client.get(f"{path}?v={version}")
        assert answer.status_code == 200
        assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert answer.headers["etag"] == f'"{version}"'
    # without the version (the service worker's shell list) or with an old one: revalidate
    for url in ("/static/style.css", "/static/style.css?v=000000000000"):
        answer = client.get(url)
        assert answer.headers["cache-control"] == "no-cache"
        again = client.get(url, headers={"if-none-match": answer.headers["etag"]})
        assert again.status_code == 304 and again.content == b""
    head = client.head("/static/style.css")
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) == len(client.get("/static/style.css").content)
    assert client.get("/static/nothing.css").status_code == 404
    assert client.post("/static/style.css").status_code == 405


def test_pages_and_static_files_are_gzipped_for_browsers_that_take_it(
    client: TestClient, world: World
) -> None:
    login(client, world.email("acme", "manager"))
    for path in ("/floor", "/analytics", "/static/style.css"):
        answer = client.get(path, headers=GZIP)
        assert answer.headers["content-encoding"] == "gzip", path
        assert answer.num_bytes_downloaded < len(answer.content) / 2, path
        assert answer.headers["cache-control"] in {"no-store", "no-cache"}
    plain = client.get("/floor", headers={"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert gzip.compress(plain.content)  # the same page, uncompressed


def test_the_live_stream_is_never_compressed(client: TestClient, world: World) -> None:
    login(client, world.email("acme", "manager"))
    answer = client.get("/floor/events", headers=GZIP)
    assert answer.headers["content-type"].startswith("text/event-stream")
    assert "content-encoding" not in answer.headers  # gzip would hold events back in a buffer
    assert "event: floor" in answer.text
