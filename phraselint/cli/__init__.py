"""The command line: a thin shell over the library. `options.py` declares every `check` option
once; `launch.main` is the entry point (an ordinary `check` without importing click), and
`app.py` the click application with every command."""
