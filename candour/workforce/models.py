"""Workforce integrity registers. So far: barred and advisory list entries (Police Act 1996
Part 4A; Police Barred List and Police Advisory List Regulations 2017)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from candour.common.models import BaseModel


class ListEntry(BaseModel):
    """A person the force reports to the College of Policing for the barred or advisory list."""

    class Kind(models.TextChoices):
        BARRED = "barred", "Police Barred List"
        ADVISORY = "advisory", "Police Advisory List"

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="list_entries")
    officer = models.ForeignKey("people.Officer", on_delete=models.PROTECT, related_name="list_entries")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="list_entries")
    event_on = models.DateField(help_text="Day of the dismissal, finding, resignation or retirement")
    report_due_on = models.DateField(help_text="Last day to report to the College (5 working days beginning "
                                               "with the event)")
    reported_on = models.DateField(null=True, blank=True)
    review_from = models.DateField(null=True, blank=True, help_text="First day a review may be asked for")
    reasons = models.TextField(help_text="The rules' reasons and citations for the entry")
    removed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        ordering = ["-event_on", "id"]
        constraints = [models.UniqueConstraint(fields=["officer", "kind", "case"], name="list_entry_once_per_case")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.officer_id}"
