"""The Showfloor cloud (ingest, store, web view): arrives with the cloud issue."""
