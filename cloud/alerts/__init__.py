"""Manager alerts as the cloud words them, for the pages and the push notifications."""
