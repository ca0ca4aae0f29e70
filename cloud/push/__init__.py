"""Manager alerts as Web Push notifications.

```
keys     the cloud's VAPID key pair (RFC 8292), made once at install, kept like other secrets
webpush  one notification: aes128gcm encryption (RFC 8291) and the VAPID JWT, sent with httpx
alerts   which alerts go to which subscriptions, once each, from the ingest process
```
"""
