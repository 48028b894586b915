"""The match-review queue: a ``candour screen`` candidates file imported as a run, one row per
candidate pair for a vetting or counter-corruption officer to confirm or reject."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from candour.common.models import BaseModel


class ScreeningRun(BaseModel):
    """One imported candidates file."""

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="screening_runs")
    name = models.CharField(max_length=200, help_text="What was screened against, e.g. the extract's name")
    source_file = models.CharField(max_length=300)
    threshold = models.FloatField(help_text="Lowest match probability imported")
    rows_read = models.PositiveIntegerField(default=0)
    candidates_imported = models.PositiveIntegerField(default=0)
    imported_by_name = models.CharField(max_length=150)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class ScreeningCandidate(BaseModel):
    """A pair of records the engine thinks may be the same person, and the reviewer's decision."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        CONFIRMED = "confirmed", "Confirmed match"
        REJECTED = "rejected", "Rejected"

    class Route(models.TextChoices):
        NONE = "", "None"
        VETTING_REVIEW = "vetting_review", "Open a vetting review"
        CONDUCT = "conduct", "Refer for conduct assessment"

    run = models.ForeignKey(ScreeningRun, on_delete=models.PROTECT, related_name="candidates")
    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="screening_candidates")
    workforce_id = models.CharField(max_length=100)
    extract_id = models.CharField(max_length=100)
    match_probability = models.FloatField()
    match_weight = models.FloatField()
    prior_weight = models.FloatField(default=0.0)
    explanation = models.TextField(blank=True, default="")
    parts = models.JSONField(default=list, help_text="Per comparison: comparison, level, weight, both values")
    workforce_record = models.JSONField(default=dict)
    extract_record = models.JSONField(default=dict)
    officer = models.ForeignKey("people.Officer", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="screening_candidates")
    staff_member = models.ForeignKey("people.StaffMember", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="screening_candidates")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decision_reason = models.TextField(blank=True, default="")
    decided_by_name = models.CharField(max_length=150, blank=True, default="")
    decided_at = models.DateTimeField(null=True, blank=True)
    route = models.CharField(max_length=16, choices=Route.choices, blank=True, default="")
    review = models.ForeignKey("workforce.VettingReview", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    report = models.ForeignKey("intake.Report", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # Set when the retention schedule or an erasure request replaced its personal data
    # (candour.privacy; docs/data-protection.md): dates, codes and outcomes stay.
    anonymised_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-match_probability", "id"]
        constraints = [models.UniqueConstraint(fields=["run", "workforce_id", "extract_id"],
                                               name="screening_candidate_once_per_run")]
        indexes = [models.Index(fields=["force", "status", "-match_probability"])]

    def __str__(self) -> str:
        return f"{self.workforce_id} ~ {self.extract_id}"

    @property
    def person(self) -> object | None:
        return self.officer or self.staff_member
