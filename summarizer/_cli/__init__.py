"""The ``summarize`` command and its subcommands: thin adapters over the library."""
