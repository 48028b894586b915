"""Data protection across the apps: the retention job, subject access and erasure
(docs/data-protection.md).

It sits above every app that holds personal data (the layers in docs/architecture.md) so that it
can read them all; it writes nothing itself: each record is changed by its own app's service.
"""
