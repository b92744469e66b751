"""naba's exceptions: one hierarchy, translated to exit codes in one place (the CLI)."""


class NabaError(Exception):
    """Base class for every error naba raises on purpose."""

    exit_code = 1


class UsageError(NabaError):
    """The caller asked for something that cannot work (bad option, missing input)."""

    exit_code = 2


class InputError(NabaError):
    """One input item cannot be read; the run records it as rejected and goes on."""


class FetchError(InputError):
    """A URL could not be fetched (timeout, HTTP error, too large)."""


class StoreError(NabaError):
    """The store cannot be opened or written."""


class RulesError(NabaError):
    """A rules data file is malformed."""
