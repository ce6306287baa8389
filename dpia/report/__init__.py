"""The Word report."""
