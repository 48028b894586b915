"""Cases, allegations, subjects and case timelines.

The state column is written only by ``candour.cases.services`` through the lifecycle table in
``candour.domain.lifecycle``. ``version`` increases on every change so stale edits are refused.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from candour.accounts.models import Force
from candour.common.models import BaseModel
from candour.domain.lifecycle import CaseState, CaseType
from candour.domain.proceedings import APPEAL_GROUNDS, CAPACITY_LABELS, PANEL_ROLE_LABELS
from candour.people.models import MemberOfPublic, Officer, StaffMember

CASE_TYPE_CHOICES = [(t.value, t.label) for t in CaseType]
CASE_STATE_CHOICES = [(s.value, s.label) for s in CaseState]
OPEN_STATES = [s.value for s in CaseState if s.is_open]


class Severity(models.TextChoices):
    NOT_ASSESSED = "", "Not assessed"
    NONE = "none", "No misconduct"
    PRI = "pri", "Practice requiring improvement"
    MISCONDUCT = "misconduct", "Misconduct"
    GROSS_MISCONDUCT = "gross_misconduct", "Gross misconduct"


class Outcome(models.TextChoices):
    NONE = "", "No outcome yet"
    SERVICE_ACCEPTABLE = "service_acceptable", "Service provided was acceptable"
    SERVICE_NOT_ACCEPTABLE = "service_not_acceptable", "Service provided was not acceptable"
    UNABLE_TO_DETERMINE = "unable_to_determine", "Unable to determine"
    NO_FURTHER_ACTION = "no_further_action", "No further action"
    NO_CASE_TO_ANSWER = "no_case_to_answer", "No case to answer"
    RPRP = "rprp", "Reflective practice review process"
    NOT_PROVEN = "not_proven", "Not proven"
    MANAGEMENT_ADVICE = "management_advice", "Management advice"
    WRITTEN_WARNING = "written_warning", "Written warning"
    FINAL_WRITTEN_WARNING = "final_written_warning", "Final written warning"
    REDUCTION_IN_RANK = "reduction_in_rank", "Reduction in rank"
    DISMISSAL_WITHOUT_NOTICE = "dismissal_without_notice", "Dismissal without notice"
    WOULD_HAVE_BEEN_DISMISSED = "would_have_been_dismissed", "Would have been dismissed"


WARNING_OUTCOMES = (Outcome.WRITTEN_WARNING, Outcome.FINAL_WRITTEN_WARNING)


class ReferenceSequence(models.Model):
    """The last case number issued for one force in one year (locked when incremented)."""

    force = models.ForeignKey(Force, on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["force", "year"], name="reference_sequence_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.force_id}/{self.year}: {self.last_number}"


class Case(BaseModel):
    """One complaint, conduct matter, DSI matter or integrity report."""

    @property
    def audit_id(self) -> str:
        """The audit trail names a case by its reference."""
        return self.reference

    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="cases")
    reference = models.CharField(max_length=24, unique=True)
    case_type = models.CharField(max_length=20, choices=CASE_TYPE_CHOICES)
    state = models.CharField(max_length=24, choices=CASE_STATE_CHOICES,
                             default=CaseState.LOGGED.value)
    received_on = models.DateField(
        help_text="Day the complaint was made or the matter came to the appropriate "
                  "authority's attention: it decides which rules apply")
    incident_on = models.DateField(null=True, blank=True)
    incident_location = models.CharField(max_length=200, blank=True)
    summary = models.TextField()
    complainant = models.ForeignKey(MemberOfPublic, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="cases")
    closed_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    # What the rules are asked about this matter (the rules-contract vocabulary: conduct,
    # discrimination, contact_resulted_in, complainant_wants_recording ...), set at triage.
    facts = models.JSONField(default=dict, blank=True, null=True)
    repeat_without_fresh_evidence = models.BooleanField(null=True, blank=True)
    iopc_mode = models.CharField(max_length=12, blank=True, default="",
                                 choices=[("local", "Local"), ("directed", "Directed"),
                                          ("independent", "Independent")])
    investigator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="investigations")
    investigator_appointed_on = models.DateField(null=True, blank=True)
    terms_of_reference = models.TextField(blank=True, default="")
    proceedings_forum = models.CharField(max_length=24, blank=True, default="")
    proceedings_outcome_on = models.DateField(null=True, blank=True,
                                              help_text="Day the outcome of proceedings was notified")
    outcome_notified_on = models.DateField(null=True, blank=True,
                                           help_text="Day the complainant was told the outcome")
    # A cache of the nearest clock that needs action (candour.domain.clocks.next_due), kept by
    # the services and rebuilt by `candour casework clocks`; never counted down.
    next_due_on = models.DateField(null=True, blank=True)
    # The first contact with the complainant about how the complaint is handled (PRA Sch 3
    # para 2(6)), when made after triage; a contact made at triage stays on the report.
    complainant_contacted_on = models.DateField(null=True, blank=True)
    # The name of that clock, for queues ("Officer's response to the Regulation 17 notice: ...").
    next_due_what = models.CharField(max_length=200, blank=True, default="", db_default="")
    # Need-to-know (docs/security.md): marked a counter-corruption case, or restricted by the
    # appropriate authority; then only the people on its access list (CaseAccess) see it. A case
    # whose subject uses the service is restricted too, without a mark (cases.selectors).
    restriction = models.CharField(max_length=20, blank=True, default="", db_default="",
                                   choices=[("", "Not marked"), ("counter_corruption", "Counter-corruption case"),
                                            ("marked", "Marked restricted")])
    handling_outcome = models.CharField(
        max_length=24, blank=True, default="",
        choices=[("", "Not recorded"), ("service_acceptable", "The service provided was acceptable"),
                 ("service_not_acceptable", "The service provided was not acceptable"),
                 ("unable_to_determine", "Not possible to determine whether the service was acceptable")])
    # Set when the retention schedule or an erasure request replaced its personal data
    # (candour.privacy; docs/data-protection.md): dates, codes and outcomes stay.
    anonymised_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state__in=["closed", "withdrawn"]) | models.Q(closed_on__isnull=False),
                name="case_closed_has_date"),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True) | models.Q(closed_on__gte=models.F("received_on")),
                name="case_closed_after_received"),
        ]
        indexes = [
            models.Index(fields=["force", "state"]),
            models.Index(fields=["force", "-received_on"]),
            models.Index(fields=["force", "next_due_on"]),
            models.Index(fields=["investigator", "next_due_on"]),
            # Open cases are a few per cent of a force's cases after ten years: the queues, the
            # home page and the lengthy-investigations list read them through these.
            models.Index(fields=["force", "received_on", "id"], condition=models.Q(state__in=OPEN_STATES),
                         name="case_open_by_received"),
            models.Index(fields=["force", "next_due_on", "received_on", "id"],
                         condition=models.Q(state__in=OPEN_STATES), name="case_open_by_next_due"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def state_enum(self) -> CaseState:
        return CaseState(self.state)

    @property
    def case_type_enum(self) -> CaseType:
        return CaseType(self.case_type)


class Allegation(BaseModel):
    """One allegation within a case: what is said to have happened, classified."""

    audit_parent = "case"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="allegations")
    number = models.PositiveSmallIntegerField()
    category = models.CharField(max_length=40)
    subcategory = models.CharField(max_length=60, blank=True)
    discrimination = models.JSONField(default=list, blank=True,
                                      help_text="Protected characteristics the allegation involves")
    standards = models.JSONField(default=list, blank=True,
                                 help_text="Standards of Professional Behaviour said to be breached")
    summary = models.TextField()
    severity = models.CharField(max_length=20, choices=Severity.choices, blank=True, default="")

    class Meta:
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="allegation_number_unique"),
        ]
        indexes = [models.Index(fields=["category"])]

    def __str__(self) -> str:
        return f"{self.case.reference}/{self.number}"


class Subject(BaseModel):
    """The link between an allegation and the officer or staff member it is about.

    The outcome is per subject: two officers on one allegation can end differently.
    """

    audit_parent = "allegation"

    allegation = models.ForeignKey(Allegation, on_delete=models.CASCADE, related_name="subjects")
    officer = models.ForeignKey(Officer, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="subjects")
    staff_member = models.ForeignKey(StaffMember, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="subjects")
    outcome = models.CharField(max_length=32, choices=Outcome.choices, blank=True, default="")
    outcome_on = models.DateField(null=True, blank=True,
                                  help_text="Day the outcome was notified to the subject")
    severity = models.CharField(max_length=20, choices=Severity.choices, blank=True, default="")
    severity_assessed_on = models.DateField(null=True, blank=True)
    case_to_answer = models.CharField(max_length=20, blank=True, default="",
                                      choices=[("", "Not decided"), ("none", "No case to answer"),
                                               ("misconduct", "Misconduct"),
                                               ("gross_misconduct", "Gross misconduct")])
    finding = models.CharField(max_length=20, blank=True, default="",
                               choices=[("", "No finding"), ("neither", "Neither misconduct nor gross misconduct"),
                                        ("misconduct", "Misconduct"), ("gross_misconduct", "Gross misconduct")])
    special_conditions_met = models.BooleanField(default=False)
    # Why each decision was made, in the decider's words (kept with the decision and audited).
    severity_reasons = models.TextField(blank=True, default="", db_default="")
    case_to_answer_reasons = models.TextField(blank=True, default="", db_default="")
    outcome_reasons = models.TextField(blank=True, default="", db_default="")
    exceptional_circumstances = models.TextField(
        blank=True, default="", help_text="Why a lesser outcome than dismissal follows a gross misconduct finding")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(officer__isnull=False, staff_member__isnull=True)
                           | models.Q(officer__isnull=True, staff_member__isnull=False)),
                name="subject_one_person"),
            models.CheckConstraint(
                condition=models.Q(outcome="") | models.Q(outcome_on__isnull=False),
                name="subject_outcome_has_date"),
        ]

    def __str__(self) -> str:
        return f"{self.allegation_id}: {self.officer_id or self.staff_member_id}"

    @property
    def person(self) -> Officer | StaffMember:
        person = self.officer or self.staff_member
        assert person is not None
        return person


class TimelineEvent(models.Model):
    """A caseworker-facing entry on the case timeline (the audit trail is kept separately)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline")
    occurred_at = models.DateTimeField()
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    actor_name = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["case", "-occurred_at"])]

    def __str__(self) -> str:
        return self.title


class Reg17Notice(BaseModel):
    """A Regulation 17 notice served on a subject (C&M Regs reg 17 or Conduct Regs reg 17).

    The regime is stored with the notice, not just the number: the two regulations differ.
    The response clock runs from the deemed service date (by email from 28 May 2025).
    """

    class Regime(models.TextChoices):
        COMPLAINTS = "complaints", "Complaints and Misconduct Regulations 2020, reg 17"
        CONDUCT = "conduct", "Conduct Regulations 2020, reg 17"

    class Method(models.TextChoices):
        HAND = "hand", "By hand"
        POST = "post", "By post"
        EMAIL = "email", "By email"

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="notices")
    regime = models.CharField(max_length=12, choices=Regime.choices)
    severity = models.CharField(max_length=20, choices=Severity.choices)
    served_on = models.DateField()
    method = models.CharField(max_length=8, choices=Method.choices)
    deemed_served_on = models.DateField()
    response_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["subject", "served_on"]

    def __str__(self) -> str:
        return f"Reg 17 notice to {self.subject_id} on {self.served_on}"


class Referral(BaseModel):
    """A referral to the IOPC, its heads and the IOPC's decision."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    referred_on = models.DateField()
    heads = models.JSONField(default=list, blank=True)
    voluntary = models.BooleanField(default=False)
    decision = models.CharField(max_length=20, blank=True,
                                choices=[("local", "Local investigation"), ("directed", "Directed investigation"),
                                         ("independent", "Independent investigation"),
                                         ("refer_back", "Referred back"), ("no_investigation", "No investigation")])
    decided_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["case", "referred_on"]

    def __str__(self) -> str:
        return f"referral of {self.case_id} on {self.referred_on}"


class CooperationRequest(BaseModel):
    """A request to a subject officer, a witness officer or an outside body, and its answer, so
    delays and non-co-operation show on the case and in the figures."""

    audit_parent = "case"
    audit_type = "request"

    class Kind(models.TextChoices):
        STATEMENT = "statement", "Statement"
        INTERVIEW = "interview", "Interview"
        DOCUMENTS = "documents", "Documents"
        FOOTAGE = "footage", "Footage"

    class Recipient(models.TextChoices):
        SUBJECT = "subject", "Subject officer"
        WITNESS = "witness", "Witness officer"
        OUTSIDE = "outside", "Outside body"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="requests")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    recipient_type = models.CharField(max_length=10, choices=Recipient.choices)
    recipient = models.CharField(max_length=200)
    asked_on = models.DateField()
    due_on = models.DateField()
    answered_on = models.DateField(null=True, blank=True)
    declined = models.BooleanField(default=False)

    class Meta:
        ordering = ["case", "due_on"]
        indexes = [models.Index(fields=["due_on"], condition=models.Q(answered_on__isnull=True),
                                name="request_open_due")]
        constraints = [models.CheckConstraint(condition=models.Q(due_on__gte=models.F("asked_on")),
                                              name="request_due_after_asked")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.recipient}"


class Reopening(BaseModel):
    """Why a closed case was reopened and who authorised it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reopenings")
    reopened_on = models.DateField()
    reason = models.TextField()
    authorised_by = models.CharField(max_length=150)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"reopening of {self.case_id} on {self.reopened_on}"


class Interview(BaseModel):
    """An interview of a subject officer (Conduct Regs reg 20): agreed, or specified by the
    investigator, with the officer's right to propose an alternative within 5 working days."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="interviews")
    scheduled_for = models.DateTimeField()
    agreed = models.BooleanField(default=False, help_text="Agreed with the officer (otherwise specified)")
    place = models.CharField(max_length=200, default="")
    alternative_for = models.DateTimeField(null=True, blank=True,
                                           help_text="The officer's proposed alternative, if any")
    held_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["subject", "scheduled_for"]

    def __str__(self) -> str:
        return f"interview of {self.subject_id} at {self.scheduled_for}"


# -- proceedings (Conduct Regs Parts 4 and 5), appeals, reviews, CPS -------------------------


FORUM_CHOICES = [("misconduct_meeting", "Misconduct meeting"), ("misconduct_hearing", "Misconduct hearing"),
                 ("accelerated_hearing", "Accelerated misconduct hearing")]


class ProceedingsNotice(BaseModel):
    """One subject's proceedings from the notice onwards: the notice of referral (reg 30) or the
    accelerated hearing notice (reg 51(1)), the officer's response and witnesses (reg 31), the
    witness decision, the documents to the chair (reg 32), the pre-hearing (reg 33) and the date
    of the meeting or hearing. The clocks come from these dates (candour.domain.clocks)."""

    subject = models.OneToOneField(Subject, on_delete=models.CASCADE, related_name="proceedings")
    forum = models.CharField(max_length=24, choices=FORUM_CHOICES)
    notice_on = models.DateField(help_text="Day the notice and documents were given to the officer")
    response_due_on = models.DateField(null=True, blank=True,
                                       help_text="The response day as extended for exceptional circumstances")
    response_on = models.DateField(null=True, blank=True)
    accepts = models.CharField(max_length=12, blank=True, default="",
                               choices=[("", "Not stated"), ("accepts", "Accepts the allegations"),
                                        ("disputes", "Disputes the allegations"),
                                        ("in_part", "Accepts some, disputes others")])
    witnesses_proposed = models.TextField(blank=True, default="")
    witness_lists_on = models.DateField(null=True, blank=True)
    witnesses_decision = models.TextField(blank=True, default="",
                                          help_text="Which witnesses the person conducting or chairing allows")
    witnesses_decided_on = models.DateField(null=True, blank=True)
    papers_to_chair_on = models.DateField(null=True, blank=True)
    pre_hearing_on = models.DateField(null=True, blank=True)
    hearing_on = models.DateField(null=True, blank=True)
    reduced_by_agreement = models.BooleanField(default=False, help_text="A period shortened by agreement "
                                               "(Conduct Regs reg 22 or 48)")
    extended = models.BooleanField(default=False, help_text="The latest day extended (reg 34(2))")

    def __str__(self) -> str:
        return f"proceedings for {self.subject_id}"


class PanelMember(BaseModel):
    """Who sits at the case's meeting or hearing, in what role (checked against the rules)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="panel")
    role = models.CharField(max_length=24)
    name = models.CharField(max_length=150)
    capacity = models.CharField(max_length=40, blank=True, default="")

    class Meta:
        ordering = ["case", "id"]

    def __str__(self) -> str:
        return f"{self.role}: {self.name}"

    @property
    def role_label(self) -> str:
        label = PANEL_ROLE_LABELS.get(self.role, self.role)  # type: ignore[call-overload]
        return f"{label}: {CAPACITY_LABELS[self.capacity].lower()}" if self.capacity in CAPACITY_LABELS else label


class Appeal(BaseModel):
    """An officer's appeal: to the appeal meeting (reg 45) or the Police Appeals Tribunal."""

    class Kind(models.TextChoices):
        MEETING = "meeting_appeal", "Appeal meeting (Conduct Regs reg 45)"
        PAT = "pat", "Police Appeals Tribunal"

    class Result(models.TextChoices):
        PENDING = "", "Not decided"
        DISMISSED = "dismissed", "Dismissed"
        OUTCOME_SUBSTITUTED = "outcome_substituted", "Allowed: outcome substituted"
        FINDING_QUASHED = "finding_quashed", "Allowed: finding quashed"
        REMITTED = "remitted", "Allowed: remitted to be heard again"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="appeals")
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="appeals")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    lodged_on = models.DateField()
    due_on = models.DateField(help_text="Last day to lodge, from the rules")
    deadline_confirmed = models.BooleanField(default=True)
    extended = models.BooleanField(default=False)
    grounds = models.JSONField(default=list, blank=True)
    grounds_detail = models.TextField(blank=True, default="")
    hearing_on = models.DateField(null=True, blank=True)
    result = models.CharField(max_length=20, blank=True, default="", choices=Result.choices)
    substituted_outcome = models.CharField(max_length=32, blank=True, default="")
    decided_on = models.DateField(null=True, blank=True)
    original_finding = models.CharField(max_length=20, blank=True, default="")
    original_outcome = models.CharField(max_length=32, blank=True, default="")

    class Meta:
        ordering = ["case", "lodged_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.subject_id}"

    @property
    def grounds_labels(self) -> list[str]:
        return [APPEAL_GROUNDS.get(g, g) for g in self.grounds]

    @property
    def substituted_label(self) -> str:
        return dict(Outcome.choices).get(self.substituted_outcome, self.substituted_outcome)


class Review(BaseModel):
    """A complainant's application for a review and the review body's decision."""

    class Outcome(models.TextChoices):
        PENDING = "", "Not decided"
        REASONABLE = "reasonable", "The outcome was reasonable and proportionate"
        NOT_REASONABLE = "not_reasonable", "The outcome was not reasonable and proportionate"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reviews")
    received_on = models.DateField()
    sent_to_wrong_body_on = models.DateField(null=True, blank=True)
    review_body = models.CharField(max_length=24, blank=True, default="")
    review_body_reasons = models.TextField(blank=True, default="")
    due_on = models.DateField()
    valid = models.BooleanField(default=True)
    validity_reasons = models.TextField(blank=True, default="")
    outcome = models.CharField(max_length=16, blank=True, default="", choices=Outcome.choices)
    recommendations = models.TextField(blank=True, default="")
    reinvestigation = models.BooleanField(default=False)
    decided_on = models.DateField(null=True, blank=True)
    decision_reasons = models.TextField(blank=True, default="", db_default="")

    class Meta:
        ordering = ["case", "received_on", "id"]

    def __str__(self) -> str:
        return f"review of {self.case_id} received {self.received_on}"


class CpsReferral(BaseModel):
    """A referral to the Crown Prosecution Service and its charging decision."""

    class Decision(models.TextChoices):
        PENDING = "", "Awaiting decision"
        CHARGE = "charge", "Charge"
        NO_FURTHER_ACTION = "no_further_action", "No further action"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="cps_referrals")
    referred_on = models.DateField()
    decision = models.CharField(max_length=20, blank=True, default="", choices=Decision.choices)
    decided_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["case", "referred_on", "id"]

    def __str__(self) -> str:
        return f"CPS referral of {self.case_id} on {self.referred_on}"


class CriminalPause(BaseModel):
    """A pause of the case for criminal proceedings (Conduct Regs reg 10(3)), from and to."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="pauses")
    paused_from = models.DateField()
    paused_to = models.DateField(null=True, blank=True)
    reason = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["case", "paused_from", "id"]

    def __str__(self) -> str:
        return f"pause of {self.case_id} from {self.paused_from}"


class ComplainantUpdate(models.Model):
    """An update given to the person who reported, shown on their tracking page: before triage
    about their report, after it about the case (C&M Regs reg 34: the complainant is kept
    informed at least every 4 weeks, a clock this record restarts)."""

    report = models.ForeignKey("intake.Report", on_delete=models.CASCADE, related_name="updates", null=True,
                               blank=True)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="complainant_updates",
                             null=True, blank=True)
    sent_at = models.DateTimeField()
    # A standard update is stored by code and shown in the reader's language; ``message``
    # keeps its English text (and holds the whole text of a free-written update).
    code = models.CharField(max_length=32, blank=True)
    message = models.TextField()
    sent_by_name = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["sent_at", "id"]
        constraints = [models.CheckConstraint(
            condition=models.Q(report__isnull=False) | models.Q(case__isnull=False), name="update_has_report_or_case")]

    def __str__(self) -> str:
        return f"{self.report_id or self.case_id} @ {self.sent_at:%Y-%m-%d}"


class CaseAccess(BaseModel):
    """One person named on a case's access list: they may see the case while it is restricted.
    Revoking keeps the row (who had access, and when, stays answerable)."""

    audit_parent = "case"
    audit_type = "case_access"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="access_list")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_access")
    reason = models.TextField()
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    granted_at = models.DateTimeField()
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case", "granted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "user"], condition=models.Q(revoked_at__isnull=True),
                                    name="case_access_one_live_entry"),
        ]
        indexes = [models.Index(fields=["user", "case"], condition=models.Q(revoked_at__isnull=True),
                                name="case_access_live_by_user")]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.case_id}"


class CaseWitness(BaseModel):
    """An officer recorded as a witness in a case: if they use the service, they never see it."""

    audit_parent = "case"
    audit_type = "witness"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="witnesses")
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="witnessed")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["case", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "officer"], name="case_witness_once")]

    def __str__(self) -> str:
        return f"{self.officer_id} witness in {self.case_id}"
