"""One module per ``plaza`` subcommand. A module here defines ``NAME`` (what is typed
after ``plaza``), ``SUMMARY`` (one line for ``plaza --help``), ``ORDER`` (its place in
that list) and ``main(argv, prog)``, which returns the exit status. Adding a module is
all it takes to add a subcommand."""
