"""Build the model bundle: copy and export the pinned models, check them, write the manifest.

Only this package imports torch (and only while building). The entry point is `build_bundle`.
"""

from models.build.pipeline import BUILDERS, build_bundle

__all__ = ["BUILDERS", "build_bundle"]
