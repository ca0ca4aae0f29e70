"""The static files, served lean: stylesheets and scripts minified once at start, versioned URLs.

Every text file under `static/` is read when the app is made; `.css` is minified with
`rcssmin` and `.js` with `rjsmin` (comments and layout whitespace only: the sources stay the
readable ones in the repository). Pages link `static_url("style.css")`, which carries the
content's hash (`/static/style.css?v=0123456789`): a request with the current hash may be
cached for a year (`immutable`), any other (no hash, an old one, the service worker's shell
list) must be revalidated, answered `304` by its `ETag`. Compression is the app's gzip
middleware's, for these and for the pages alike.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

import rcssmin
import rjsmin
from starlette.datastructures import Headers, QueryParams
from starlette.responses import PlainTextResponse, Response
from starlette.types import Receive, Scope, Send

STATIC = Path(__file__).parent / "static"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
MEDIA_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".webmanifest": "application/manifest+json",
    ".png": "image/png",
}


@dataclass(frozen=True)
class Asset:
    """One static file as served: its bytes, type and content hash."""

    body: bytes
    media_type: str
    version: str

    @property
    def etag(self) -> str:
        """The strong validator of this content."""
        return f'"{self.version}"'


def minify(name: str, text: str) -> str:
    """The file's text without comments and layout whitespace (CSS and JavaScript only)."""
    if name.endswith(".css"):
        return str(rcssmin.cssmin(text))
    if name.endswith(".js"):
        return str(rjsmin.jsmin(text))
    return text


def load(root: Path = STATIC) -> dict[str, Asset]:
    """Every file under `root` by its path relative to it, text files minified."""
    assets = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        name = path.relative_to(root).as_posix()
        suffix = path.suffix
        media_type = MEDIA_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "text/plain"
        body = path.read_bytes()
        if suffix in {".css", ".js"}:
            body = minify(name, body.decode()).encode()
        version = hashlib.sha256(body).hexdigest()[:12]
        assets[name] = Asset(body, media_type, version)
    return assets


class StaticAssets:
    """ASGI app for `/static`: the loaded assets, with cache headers and `ETag` revalidation."""

    def __init__(self, assets: dict[str, Asset]) -> None:
        """Serve `assets` (from `load`)."""
        self.assets = assets

    def url(self, name: str) -> str:
        """The versioned URL of asset `name` (KeyError for a file that is not there)."""
        return f"/static/{name}?v={self.assets[name].version}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer GET and HEAD for a known asset; 404 or 405 otherwise."""
        if scope["method"] not in {"GET", "HEAD"}:
            await PlainTextResponse("Method Not Allowed", 405)(scope, receive, send)
            return
        name = str(scope["path"])[len(str(scope.get("root_path", ""))) :].lstrip("/")
        asset = self.assets.get(name.removeprefix("static/"))
        if asset is None:
            await PlainTextResponse("Not Found", 404)(scope, receive, send)
            return
        current = QueryParams(scope.get("query_string", b"")).get("v") == asset.version
        headers = {"etag": asset.etag, "cache-control": IMMUTABLE if current else REVALIDATE}
        if asset.etag in Headers(scope=scope).get("if-none-match", ""):
            await Response(status_code=304, headers=headers)(scope, receive, send)
            return
        body = b"" if scope["method"] == "HEAD" else asset.body
        response = Response(body, media_type=asset.media_type, headers=headers)
        if scope["method"] == "HEAD":
            response.headers["content-length"] = str(len(asset.body))
        await response(scope, receive, send)
