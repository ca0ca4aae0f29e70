"""Model artifacts for the hub: build a bundle once (with torch), load it anywhere (without).

`models.manifest` and `models.bundle` are light (pydantic and hashlib only) and are what the hub
imports. `models.build` needs torch and the source packages; only `showfloor-models build`
imports it.
"""
