"""The `showfloor-edge` command line: one module per subcommand."""
