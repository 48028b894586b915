"""The people Candour is about: officers, police staff and members of the public.

Protected characteristics live in their own table so that the stricter access rule for
them is one check on one model, not a field list to remember on every page.
"""

from __future__ import annotations

from django.db import models

from candour.accounts.models import Force, Unit
from candour.common.models import BaseModel


class Rank(models.TextChoices):
    CONSTABLE = "constable", "Constable"
    SERGEANT = "sergeant", "Sergeant"
    INSPECTOR = "inspector", "Inspector"
    CHIEF_INSPECTOR = "chief_inspector", "Chief Inspector"
    SUPERINTENDENT = "superintendent", "Superintendent"
    CHIEF_SUPERINTENDENT = "chief_superintendent", "Chief Superintendent"
    COMMANDER = "commander", "Commander"
    ASSISTANT_CHIEF_CONSTABLE = "assistant_chief_constable", "Assistant Chief Constable"
    DEPUTY_ASSISTANT_COMMISSIONER = "deputy_assistant_commissioner", "Deputy Assistant Commissioner"
    DEPUTY_CHIEF_CONSTABLE = "deputy_chief_constable", "Deputy Chief Constable"
    ASSISTANT_COMMISSIONER = "assistant_commissioner", "Assistant Commissioner"
    CHIEF_CONSTABLE = "chief_constable", "Chief Constable"
    DEPUTY_COMMISSIONER = "deputy_commissioner", "Deputy Commissioner"
    COMMISSIONER = "commissioner", "Commissioner"


class ServiceStatus(models.TextChoices):
    SERVING = "serving", "Serving"
    SUSPENDED = "suspended", "Suspended"
    RESIGNED = "resigned", "Resigned"
    RETIRED = "retired", "Retired"
    DISMISSED = "dismissed", "Dismissed"


class OfficerKind(models.TextChoices):
    OFFICER = "officer", "Police officer"
    SPECIAL_CONSTABLE = "special_constable", "Special constable"


class StaffKind(models.TextChoices):
    STAFF = "staff", "Police staff"
    VOLUNTEER = "volunteer", "Police support volunteer"


class WorkforceRecord(BaseModel):
    """What officers and staff have in common."""

    force = models.ForeignKey(Force, on_delete=models.PROTECT)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True)
    forenames = models.CharField(max_length=100)
    surname = models.CharField(max_length=100, db_index=True)
    date_of_birth = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=ServiceStatus.choices,
                              default=ServiceStatus.SERVING)
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def full_name(self) -> str:
        return f"{self.forenames} {self.surname}"


class Officer(WorkforceRecord):
    """A police officer or special constable: subject to the Conduct Regulations."""

    kind = models.CharField(max_length=20, choices=OfficerKind.choices, default=OfficerKind.OFFICER)
    warrant_number = models.CharField(max_length=20)
    collar_number = models.CharField(max_length=12, blank=True)
    rank = models.CharField(max_length=32, choices=Rank.choices, default=Rank.CONSTABLE)
    line_manager = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="reports",
                                     help_text="The officer's supervisor: the chain of command runs upward from here")

    class Meta:
        ordering = ["surname", "forenames"]
        constraints = [
            models.UniqueConstraint(fields=["force", "warrant_number"],
                                    name="officer_warrant_unique_in_force"),
            models.CheckConstraint(condition=models.Q(left_on__isnull=True)
                                   | models.Q(left_on__gte=models.F("joined_on")),
                                   name="officer_left_after_joined"),
        ]
        indexes = [models.Index(fields=["force", "collar_number"])]

    def __str__(self) -> str:
        return f"{self.get_rank_display()} {self.full_name} ({self.warrant_number})"


class StaffMember(WorkforceRecord):
    """A member of police staff or a designated volunteer."""

    kind = models.CharField(max_length=20, choices=StaffKind.choices, default=StaffKind.STAFF)
    staff_number = models.CharField(max_length=20)
    grade = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["surname", "forenames"]
        constraints = [
            models.UniqueConstraint(fields=["force", "staff_number"],
                                    name="staff_number_unique_in_force"),
            models.CheckConstraint(condition=models.Q(left_on__isnull=True)
                                   | models.Q(left_on__gte=models.F("joined_on")),
                                   name="staff_left_after_joined"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.staff_number})"


class ProtectedCharacteristics(BaseModel):
    """Equality-monitoring data for one officer or staff member, under stricter access."""

    officer = models.OneToOneField(Officer, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="protected_characteristics")
    staff_member = models.OneToOneField(StaffMember, null=True, blank=True,
                                        on_delete=models.CASCADE,
                                        related_name="protected_characteristics")
    sex = models.CharField(max_length=32, blank=True)
    ethnicity = models.CharField(max_length=64, blank=True)
    religion_or_belief = models.CharField(max_length=64, blank=True)
    sexual_orientation = models.CharField(max_length=64, blank=True)
    disability = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name_plural = "protected characteristics"
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(officer__isnull=False, staff_member__isnull=True)
                           | models.Q(officer__isnull=True, staff_member__isnull=False)),
                name="protected_characteristics_one_person",
            ),
        ]


class MemberOfPublic(BaseModel):
    """A complainant or other member of the public; every contact field is optional."""

    force = models.ForeignKey(Force, on_delete=models.PROTECT)
    full_name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    # Set when the retention schedule or an erasure request replaced its personal data
    # (candour.privacy; docs/data-protection.md): dates, codes and outcomes stay.
    anonymised_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "members of the public"

    def __str__(self) -> str:
        return self.full_name or "Anonymous"
