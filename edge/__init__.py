"""The Showfloor hub: listens, senses presence, understands, coaches, reports.

Importing `edge` is light: heavy libraries (onnxruntime, CTranslate2, sounddevice) are imported
inside the adapters that use them.
"""

__version__ = "0.1.0"
