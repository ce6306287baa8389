"""Faults injected while dpia writes a file: a disk that fills up, an interrupt."""

from __future__ import annotations

import os

from dpia import fsutil


class FullDisk:
    """A file handle stand-in whose writes fail after some bytes, as on a full disk."""

    def __init__(self, real, fail_after: int, error: BaseException):
        self.real, self.left, self.error = real, fail_after, error

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()

    def write(self, data):
        if len(data) > self.left:
            self.real.write(data[: self.left])  # a partial write really reaches the disk
            raise self.error
        self.left -= len(data)
        return self.real.write(data)


def fail_writes(monkeypatch, error: BaseException, fail_after: int = 1000) -> None:
    """Make dpia's file writes (``fsutil``) raise ``error`` after ``fail_after`` bytes."""
    real_fdopen = os.fdopen
    monkeypatch.setattr(fsutil.os, "fdopen",
                        lambda *a, **k: FullDisk(real_fdopen(*a, **k), fail_after, error))
