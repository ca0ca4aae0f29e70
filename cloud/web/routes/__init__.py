"""Route modules: health, auth, pages, admin (hubs, commands), JSON API."""
