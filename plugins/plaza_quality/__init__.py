"""Quality gates over a built site folder, for the tests and for ``make weight``."""
