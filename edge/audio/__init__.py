"""Audio sources of the hub: files and microphones as streams of 16 kHz mono frames.

```
frames       Frame, Framer, SAMPLE_RATE, to_pcm16: the unit every source yields
decode       load_audio / iter_audio: WAV, FLAC, MP3, OGG to 16 kHz mono float32
file_source  FileSource: a recording replayed as frames, fast or paced like a microphone
devices      list_input_devices / find_input_device: PortAudio capture devices
mic_source   MicSource: live capture through sounddevice, resampled to 16 kHz
```

Import the modules directly: this package imports nothing, so `import edge` stays light.
"""
