"""Workforce integrity registers: barred and advisory list entries (Police Act 1996 Part 4A;
Police Barred List and Police Advisory List Regulations 2017), suspension and restricted-duties
episodes (Conduct Regs reg 11), convictions, cautions and other notifiable matters, and vetting
(clearances, aftercare, reviews and 2025 withdrawal assessments; see docs/vetting.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from candour.common.models import BaseModel
from candour.domain.vetting import (
    REVIEW_OUTCOME_LABELS,
    TRIGGER_LABELS,
    AssessmentFacts,
    Level,
    ReviewOutcome,
    Trigger,
)
from candour.people.models import Officer, StaffMember


class ListEntry(BaseModel):
    """A person the force reports to the College of Policing for the barred or advisory list."""

    class Kind(models.TextChoices):
        BARRED = "barred", "Police Barred List"
        ADVISORY = "advisory", "Police Advisory List"

    class Basis(models.TextChoices):
        CONDUCT = "conduct", "Conduct"
        GROSS_MISCONDUCT = "gross_misconduct", "Gross misconduct"
        GROSS_INCOMPETENCE = "gross_incompetence", "Gross incompetence"
        LEFT_DURING_INVESTIGATION = "left_during_investigation", "Left during investigation"

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
    basis = models.CharField(max_length=30, choices=Basis.choices, blank=True, default="")
    removed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        ordering = ["-event_on", "id"]
        constraints = [models.UniqueConstraint(fields=["officer", "kind", "case"], name="list_entry_once_per_case")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.officer_id}"

    @property
    def basis_label(self) -> str:
        """Why the person is on the list, in the College's terms: the recorded basis, or, for
        entries made before it was recorded, read from the rules' reasons."""
        if self.basis:
            return self.Basis(self.basis).label
        if self.kind == self.Kind.ADVISORY:
            return self.Basis.LEFT_DURING_INVESTIGATION.label
        text = self.reasons.lower()
        if "gross incompetence" in text or "performance" in text:
            return self.Basis.GROSS_INCOMPETENCE.label
        return self.Basis.GROSS_MISCONDUCT.label if "gross misconduct" in text else self.Basis.CONDUCT.label


class SuspensionEpisode(BaseModel):
    """One spell of suspension or restricted duties for an officer (Conduct Regs reg 11).

    Redeployment (restricted duties) is the statutory alternative considered first; suspension
    needs both reg 11 conditions recorded. ``confirmation_due_on`` and ``next_review_on`` are
    caches of clocks computed from the facts (the start, the notification, the last review) by
    :mod:`candour.domain.integrity`; the services rewrite them on every change."""

    audit_type = "suspension"

    class Kind(models.TextChoices):
        SUSPENSION = "suspension", "Suspension"
        RESTRICTED_DUTIES = "restricted_duties", "Restricted duties"

    class Ground(models.TextChoices):
        NONE = "", "Not applicable"
        INVESTIGATION_PREJUDICE = "investigation_prejudice", "Investigation may be prejudiced"
        PUBLIC_INTEREST = "public_interest", "Public interest"

    class Notified(models.TextChoices):
        WRITTEN = "written", "In writing, with reasons"
        ORAL = "oral", "Orally"

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="suspensions")
    officer = models.ForeignKey("people.Officer", on_delete=models.PROTECT, related_name="suspensions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="suspensions")
    started_on = models.DateField()
    redeployment_considered = models.BooleanField(default=False)
    redeployment_not_appropriate_because = models.TextField(blank=True, default="")
    ground = models.CharField(max_length=30, choices=Ground.choices, blank=True, default="")
    reasons = models.TextField(help_text="Why the officer is suspended or on restricted duties")
    notified = models.CharField(max_length=10, choices=Notified.choices, default=Notified.WRITTEN)
    confirmation_due_on = models.DateField(null=True, blank=True)
    confirmed_in_writing_on = models.DateField(null=True, blank=True)
    next_review_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True, default="")
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        ordering = ["-started_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["officer"], condition=models.Q(ended_on__isnull=True),
                                    name="one_open_suspension_per_officer"),
            models.CheckConstraint(condition=models.Q(ended_on__isnull=True)
                                   | models.Q(ended_on__gte=models.F("started_on")),
                                   name="suspension_ends_after_start"),
        ]
        indexes = [models.Index(fields=["force", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.started_on}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class SuspensionReview(BaseModel):
    """A periodic review of the episode, with its reasons (regulations.md §6: record reasons at
    each review)."""

    episode = models.ForeignKey(SuspensionEpisode, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField()
    reasons = models.TextField()
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["reviewed_on", "id"]


class SuspensionRepresentation(BaseModel):
    """Representations against the suspension by the officer or their police friend (reg 11(7))."""

    class MadeBy(models.TextChoices):
        OFFICER = "officer", "The officer"
        POLICE_FRIEND = "police_friend", "The officer's police friend"

    episode = models.ForeignKey(SuspensionEpisode, on_delete=models.PROTECT, related_name="representations")
    received_on = models.DateField()
    made_by = models.CharField(max_length=20, choices=MadeBy.choices)
    summary = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["received_on", "id"]


class Conviction(BaseModel):
    """A conviction, caution, penalty notice or court condition of an officer (regulations.md §9).

    ``while_serving`` and ``age_at_offence`` are derived from the officer's record when saved;
    ``policy`` and ``policy_reasons`` are the rules' answer on the day it was recorded."""

    class Disposal(models.TextChoices):
        CONVICTION = "conviction", "Conviction"
        CAUTION = "caution", "Caution"
        PENALTY_NOTICE = "penalty_notice", "Penalty notice"
        COURT_CONDITION = "court_condition", "Court condition (bail or other)"
        OTHER = "other", "Other action"

    class OffenceClass(models.TextChoices):
        INDICTABLE_ONLY = "indictable_only", "Indictable only"
        EITHER_WAY = "either_way", "Either way"
        SUMMARY = "summary", "Summary only"
        UNKNOWN = "unknown", "Not known"

    class Classification(models.TextChoices):
        SERIOUS_TRAFFIC = "serious_traffic", "Serious traffic"
        DISHONESTY = "dishonesty", "Dishonesty"
        VIOLENCE = "violence", "Violence"
        SEXUAL = "sexual", "Sexual"
        DRUGS = "drugs", "Drugs"
        PUBLIC_ORDER = "public_order", "Public order"
        CRIMINAL_DAMAGE = "criminal_damage", "Criminal damage"
        OTHER = "other", "Other"

    class Policy(models.TextChoices):
        DEEMED_GROSS_MISCONDUCT = "deemed_gross_misconduct", "Deemed gross misconduct"
        PRESUMPTION_OF_REFUSAL = "presumption_of_refusal", "Presumption of refusal (vetting)"
        TRIVIAL = "trivial", "Trivial"
        CONSIDER = "consider", "Consider on the facts"

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="convictions")
    officer = models.ForeignKey("people.Officer", on_delete=models.PROTECT, related_name="convictions")
    offence = models.CharField(max_length=300)
    offence_on = models.DateField()
    offence_class = models.CharField(max_length=20, choices=OffenceClass.choices, default=OffenceClass.UNKNOWN)
    disposal = models.CharField(max_length=20, choices=Disposal.choices)
    disposal_on = models.DateField(help_text="Day of the conviction, caution, notice or condition")
    court = models.CharField(max_length=200, blank=True, default="")
    sentence = models.CharField(max_length=300, blank=True, default="")
    classification = models.CharField(max_length=20, choices=Classification.choices)
    suggested_classification = models.CharField(max_length=20, choices=Classification.choices)
    while_serving = models.BooleanField(default=False)
    age_at_offence = models.PositiveSmallIntegerField(null=True, blank=True)
    policy = models.CharField(max_length=30, choices=Policy.choices, default=Policy.CONSIDER)
    policy_reasons = models.TextField(blank=True, default="")
    vetting_review_needed = models.BooleanField(default=False)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="convictions")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        ordering = ["-disposal_on", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(disposal_on__gte=models.F("offence_on")),
                                              name="conviction_disposal_after_offence")]
        indexes = [models.Index(fields=["force", "classification"])]

    def __str__(self) -> str:
        return f"{self.get_disposal_display()}: {self.offence}"


# -- vetting (regulations.md §7.1, §7.2; candour.domain.vetting) ------------------------------

LEVEL_CHOICES = [(level.value, level.label) for level in Level]
TRIGGER_CHOICES = [(t.value, TRIGGER_LABELS[t]) for t in Trigger]
REVIEW_OUTCOME_CHOICES = [(o.value, REVIEW_OUTCOME_LABELS[o]) for o in ReviewOutcome]


class VettingPerson(models.Model):
    """An officer or a member of staff: exactly one of the two."""

    officer = models.ForeignKey("people.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    staff_member = models.ForeignKey("people.StaffMember", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")

    class Meta:
        abstract = True

    @property
    def person(self) -> Officer | StaffMember:
        found = self.officer or self.staff_member
        assert found is not None
        return found


class VettingClearance(VettingPerson, BaseModel):
    """One clearance held (or refused) by an officer or staff member."""

    class Decision(models.TextChoices):
        GRANTED = "granted", "Granted"
        GRANTED_WITH_CONDITIONS = "granted_with_conditions", "Granted with conditions"
        DECLINED = "declined", "Declined"

    class Status(models.TextChoices):
        VALID = "valid", "Valid"
        UNDER_WITHDRAWAL_ASSESSMENT = "under_withdrawal_assessment", "Under withdrawal assessment"
        WITHDRAWN = "withdrawn", "Withdrawn"
        EXPIRED = "expired", "Expired"
        LAPSED_ON_LEAVING = "lapsed_on_leaving", "Lapsed on leaving"
        DECLINED = "declined", "Declined"

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="vetting_clearances")
    officer = models.ForeignKey("people.Officer", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="vetting_clearances")
    staff_member = models.ForeignKey("people.StaffMember", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="vetting_clearances")
    level = models.CharField(max_length=8, choices=LEVEL_CHOICES)
    decision = models.CharField(max_length=24, choices=Decision.choices, default=Decision.GRANTED)
    granted_on = models.DateField()
    renewal_due_on = models.DateField(help_text="Cached from the renewal rule for the level")
    renewal_reason = models.TextField(blank=True, default="")
    status = models.CharField(max_length=32, choices=Status.choices, default=Status.VALID)
    conditions = models.TextField(blank=True, default="")
    rationale = models.TextField(blank=True, default="",
                                 help_text="Full rationale: required when granted with conditions, withdrawn "
                                           "or declined (Vetting Code of Practice 2023)")
    last_review_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    # Set when the retention schedule or an erasure request replaced its personal data
    # (candour.privacy; docs/data-protection.md): dates, codes and outcomes stay.
    anonymised_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["renewal_due_on", "id"]
        constraints = [models.CheckConstraint(
            condition=(models.Q(officer__isnull=False, staff_member__isnull=True)
                       | models.Q(officer__isnull=True, staff_member__isnull=False)),
            name="vetting_clearance_one_person")]
        indexes = [models.Index(fields=["force", "status", "renewal_due_on"])]

    def __str__(self) -> str:
        return f"{self.level} {self.person.full_name}"


class VettingAftercare(BaseModel):
    """Aftercare on a clearance: the annual integrity review, or a notified change (reg 5)."""

    class Kind(models.TextChoices):
        ANNUAL_REVIEW = "annual_review", "Annual integrity review"
        CHANGE_OF_CIRCUMSTANCES = "change_of_circumstances", "Notified change of circumstances"

    clearance = models.ForeignKey(VettingClearance, on_delete=models.PROTECT, related_name="aftercare")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    occurred_on = models.DateField()
    notes = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["-occurred_on", "-id"]


class VettingReview(VettingPerson, BaseModel):
    """A review of someone's vetting, opened by an event (trigger) and closed with an outcome."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DECIDED = "decided", "Decided"

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="vetting_reviews")
    officer = models.ForeignKey("people.Officer", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="vetting_reviews")
    staff_member = models.ForeignKey("people.StaffMember", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="vetting_reviews")
    clearance = models.ForeignKey(VettingClearance, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="reviews")
    trigger = models.CharField(max_length=32, choices=TRIGGER_CHOICES)
    reason = models.TextField()
    basis = models.TextField(blank=True, default="")
    opened_on = models.DateField()
    opened_by_name = models.CharField(max_length=150)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="vetting_reviews")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField(max_length=32, choices=REVIEW_OUTCOME_CHOICES, blank=True, default="")
    outcome_rationale = models.TextField(blank=True, default="")
    conditions = models.TextField(blank=True, default="")
    decided_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-opened_on", "-id"]
        constraints = [models.CheckConstraint(
            condition=(models.Q(officer__isnull=False, staff_member__isnull=True)
                       | models.Q(officer__isnull=True, staff_member__isnull=False)),
            name="vetting_review_one_person")]

    def __str__(self) -> str:
        return f"{self.get_trigger_display()} review: {self.person.full_name}"


class WithdrawalAssessment(BaseModel):
    """A withdrawal assessment under Part 3 of the Police (Vetting) Regulations 2025."""

    class Decision(models.TextChoices):
        NONE = "", "Not decided"
        MAINTAIN = "maintain", "Maintain the clearance"
        WITHDRAW = "withdraw", "Withdraw the clearance"

    class AppealResult(models.TextChoices):
        NONE = "", "No result"
        UPHELD = "upheld", "Dismissed (withdrawal upheld)"
        ALLOWED = "allowed", "Allowed (withdrawal overturned)"

    force = models.ForeignKey("accounts.Force", on_delete=models.PROTECT, related_name="withdrawal_assessments")
    clearance = models.ForeignKey(VettingClearance, on_delete=models.PROTECT, related_name="withdrawal_assessments")
    review = models.ForeignKey(VettingReview, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="withdrawal_assessments")
    started_on = models.DateField()
    reason = models.TextField()
    notice_on = models.DateField(null=True, blank=True)
    representations_due_on = models.DateField(null=True, blank=True)
    representations_on = models.DateField(null=True, blank=True)
    representations_summary = models.TextField(blank=True, default="")
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True, default="")
    decision_rationale = models.TextField(blank=True, default="")
    decided_on = models.DateField(null=True, blank=True)
    dismissed_on = models.DateField(null=True, blank=True)
    appeal_lodged_on = models.DateField(null=True, blank=True)
    appeal_result = models.CharField(max_length=10, choices=AppealResult.choices, blank=True, default="")
    appeal_result_on = models.DateField(null=True, blank=True)
    pat_lodged_on = models.DateField(null=True, blank=True)
    pat_result = models.CharField(max_length=10, choices=AppealResult.choices, blank=True, default="")
    pat_result_on = models.DateField(null=True, blank=True)
    list_entry = models.ForeignKey(ListEntry, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_on", "-id"]

    def facts(self) -> AssessmentFacts:
        return AssessmentFacts(
            started_on=self.started_on, notice_on=self.notice_on, representations_on=self.representations_on,
            decision=self.decision, decided_on=self.decided_on, dismissed_on=self.dismissed_on,
            appeal_lodged_on=self.appeal_lodged_on, appeal_result=self.appeal_result,
            appeal_result_on=self.appeal_result_on, pat_lodged_on=self.pat_lodged_on, pat_result=self.pat_result,
            pat_result_on=self.pat_result_on)
