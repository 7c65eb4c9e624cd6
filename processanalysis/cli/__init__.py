"""Command line: argument parsing, calls into the library, formatting — no logic of its own."""
