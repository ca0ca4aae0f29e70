"""Subcommands of `showfloor-cloud`, one module each."""
