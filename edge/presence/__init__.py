"""Presence from BLE beacons: frames, scanning, zones, visits and floor traffic.

Data flow: `scanner` (bleak advertisements) → `decode` (beacon frames) → `registry` (badge,
customer tag or anonymous device) → `zones` (smoothed RSSI per hub, calibrated distance,
hysteresis, several hubs merged) → `floor` (enter/exit/dwell, waiting, greeted, engaged) and
`traffic` (per-zone counts with no identifiers) → an `edge.events.EventSink`.
"""
