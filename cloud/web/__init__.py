"""The FastAPI application: pages (Jinja2), server-side SVG charts, CSV export, JSON API."""
