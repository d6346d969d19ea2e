from django.test import TestCase


def committed(call, *args, **kwargs):
    """Call a service and run what it left for the commit (the fan-out task: immediate in tests)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return call(*args, **kwargs)
