"""Building blocks with no business meaning."""

from __future__ import annotations

import uuid

from django.db import models


class BaseModel(models.Model):
    """A row with a public UUID (used in URLs, never the pk) and creation/update times."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
