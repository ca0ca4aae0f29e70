"""Errors of the hub, each with a message a person can act on.

```
EdgeError
├── ConfigError            a bad configuration key or value (the key is named)
├── AudioError
│   ├── AudioFileError     missing, empty, corrupt or non-audio file
│   ├── NoSpeechError      the audio holds no speech (silence only, or too little to enroll)
│   └── AudioDeviceError   a capture device that does not exist or cannot be opened
├── ModelLoadError         a model from the bundle failed to load (wraps models.errors too)
└── EnrollmentError        a voiceprint that cannot be read or written
```
"""

from __future__ import annotations


class EdgeError(Exception):
    """Base class of every error the hub reports to a person."""


class ConfigError(EdgeError):
    """A configuration key or value is wrong."""


class AudioError(EdgeError):
    """Audio could not be read or captured."""


class AudioFileError(AudioError):
    """An audio file is missing, empty, corrupt or not audio."""


class NoSpeechError(AudioError):
    """The audio holds no speech, or too little for what was asked."""


class AudioDeviceError(AudioError):
    """A capture device does not exist or cannot be opened."""


class ModelLoadError(EdgeError):
    """A model could not be loaded from the bundle."""


class EnrollmentError(EdgeError):
    """A voiceprint could not be read or written."""
