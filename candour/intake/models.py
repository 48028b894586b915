"""Reports as they arrive: from the public portal, the hotline, and officers and staff.

A :class:`Report` is what someone told us, kept exactly as submitted. Triage turns it into a
case (or links it to one); the report itself is never edited afterwards, only its triage
fields are set, once, by ``candour.intake.services.report_triage``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from candour.accounts.models import Force
from candour.common.models import BaseModel
from candour.intake.sniff import BY_CONTENT_TYPE


class Channel(models.TextChoices):
    PORTAL = "portal", _("Public online form")
    HOTLINE = "hotline", _("Hotline call")
    INTERNAL = "internal", _("Internal report")


class ReportKind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint about the police")
    CONDUCT = "conduct", _("Report of an officer's or staff member's conduct")
    COLLEAGUE = "colleague", _("Report about a colleague")
    SELF_REPORT = "self_report", _("Self-report")


class Relationship(models.TextChoices):
    """How the person reporting relates to what happened (PRA 2002 s.12: who may complain)."""

    HAPPENED_TO_ME = "happened_to_me", _("It happened to me")
    AFFECTED = "affected", _("I was affected by it")
    WITNESS = "witness", _("I saw or heard it happen")
    ON_BEHALF = "on_behalf", _("I am reporting for someone else, with their permission")
    OTHER = "other", _("Other")


class SelfReportMatter(models.TextChoices):
    """What an officer or staff member must report about themselves (Standards: duty to report)."""

    CHARGE = "charge", _("Charged with an offence")
    CAUTION = "caution", _("Cautioned")
    CONVICTION = "conviction", _("Convicted of an offence")
    PENALTY_NOTICE = "penalty_notice", _("Given a penalty notice")
    COURT_CONDITION = "court_condition", _("Made subject to a court order or bail condition")
    NOTIFIABLE_ASSOCIATION = "notifiable_association", _("A notifiable association")


class ReportStatus(models.TextChoices):
    NEW = "new", _("Waiting for triage")
    LOGGED = "logged", _("Logged as a case")
    LINKED = "linked", _("Linked to an existing case")
    NO_FURTHER_ACTION = "no_further_action", _("Not a complaint or conduct matter")


OPEN_STATUSES = (ReportStatus.NEW,)


class Report(BaseModel):
    """One report as received. Only triage fields change after submission."""

    @property
    def audit_id(self) -> str:
        """The audit trail names a report by its reference."""
        return self.reference

    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="reports")
    reference = models.CharField(max_length=24, unique=True)
    channel = models.CharField(max_length=12, choices=Channel.choices)
    kind = models.CharField(max_length=16, choices=ReportKind.choices)
    language = models.CharField(max_length=5, default="en")
    received_at = models.DateTimeField()
    # Idempotency: the form's one-off submission key, so a double submit saves one report.
    submission_key = models.CharField(max_length=64, unique=True)

    what_happened = models.TextField()
    incident_on = models.DateField(null=True, blank=True)
    incident_location = models.CharField(max_length=200, blank=True)
    person_name = models.CharField(max_length=150, blank=True)
    person_number = models.CharField(max_length=20, blank=True,
                                     help_text="Collar, warrant or staff number, as given")
    person_description = models.TextField(blank=True)
    relationship = models.CharField(max_length=20, choices=Relationship.choices, blank=True)

    # Self-reports: what the reporter is telling us about themselves.
    matter = models.CharField(max_length=24, choices=SelfReportMatter.choices, blank=True)
    matter_on = models.DateField(null=True, blank=True)

    # Contact details of a member of the public; all blank when the report is anonymous.
    anonymous = models.BooleanField(default=False)
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(max_length=254, blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)

    # Internal reporters: named (a user link) or anonymous (identity sealed: encrypted with
    # the sealing public key and shown to no role).
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="reports_made")
    reporter_sealed = models.TextField(blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="reports_entered",
                                   help_text="Call handler who took a hotline call")

    # The complainant's tracking link: only a hash of its secret is kept.
    tracking_hash = models.CharField(max_length=64, blank=True, db_index=True)
    # Keyed hash of the client address, for abuse investigation; never the address itself.
    client_hash = models.CharField(max_length=64, blank=True)

    # Triage: set once, by report_triage.
    status = models.CharField(max_length=20, choices=ReportStatus.choices,
                              default=ReportStatus.NEW)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="reports")
    triaged_at = models.DateTimeField(null=True, blank=True)
    triaged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    triage_note = models.TextField(blank=True)
    triage_facts = models.JSONField(default=dict, blank=True,
                                    help_text="The facts the rules were asked at triage")
    contacted_on = models.DateField(null=True, blank=True,
                                    help_text="Day the complainant was first contacted")
    version = models.PositiveIntegerField(default=1)
    # Set when the retention schedule or an erasure request replaced its personal data
    # (candour.privacy; docs/data-protection.md): dates, codes and outcomes stay.
    anonymised_on = models.DateField(null=True, blank=True)
    # Set when the sealed identity was erased under the retention schedule (it can no longer
    # be opened by anyone).
    identity_erased_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["received_at", "id"]
        indexes = [
            models.Index(fields=["force", "status", "received_at"]),
            models.Index(fields=["force", "incident_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anonymous=False)
                | models.Q(contact_name="", contact_email="", contact_phone=""),
                name="report_anonymous_has_no_contact"),
            models.CheckConstraint(
                condition=models.Q(status="new") | models.Q(triaged_at__isnull=False),
                name="report_triaged_has_time"),
            models.CheckConstraint(
                condition=~models.Q(status__in=["logged", "linked"]) | models.Q(case__isnull=False),
                name="report_logged_has_case"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_sealed(self) -> bool:
        return bool(self.reporter_sealed)

    @property
    def withdrawal_requested(self) -> bool:
        """Whether the person who reported has asked, on the tracking page, to withdraw."""
        return self.follow_ups.filter(kind="withdrawal").exists()


class EvidenceFile(BaseModel):
    """A file sent with a report, stored outside the web root under a random name."""

    audit_parent = "report"
    audit_type = "evidence"

    class Scan(models.TextChoices):
        NOT_SCANNED = "not_scanned", _("Not scanned")
        CLEAN = "clean", _("No threat found")
        INFECTED = "infected", _("Threat found: withheld")

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="evidence")
    original_name = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=64, unique=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    scan = models.CharField(max_length=12, choices=Scan.choices, default=Scan.NOT_SCANNED)
    scan_detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["report", "id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def download_name(self) -> str:
        """The name a download is saved under: the report's reference, this file's number and
        the extension of the type its content was found to be. Never the uploader's own name,
        which could end ``.hta`` or ``.html`` on a file that is also a valid JPEG."""
        extension = BY_CONTENT_TYPE[self.content_type].extension if self.content_type in BY_CONTENT_TYPE else "bin"
        return f"{self.report.reference}-evidence-{self.pk}.{extension}"


class RateLimitBucket(models.Model):
    """Submissions counted per client per window, shared by every worker through the database."""

    key = models.CharField(max_length=100)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="rate_bucket_unique")]
        indexes = [models.Index(fields=["window_start"])]

    def __str__(self) -> str:
        return f"{self.key}@{self.window_start}: {self.count}"


class TrackingCode(models.Model):
    """A one-time code sent by email so a complainant can open their report's tracking page."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return f"code for {self.report_id}"


class ReviewRequest(BaseModel):
    """A complainant's application for a review, made from their tracking page."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="review_requests")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="review_requests")
    received_on = models.DateField()
    reasons = models.TextField()
    review_body = models.CharField(max_length=24, blank=True)

    def __str__(self) -> str:
        return f"review of {self.case_id}"


class UnsealRequest(BaseModel):
    """A request to open one sealed reporter's identity: who asked and why, who approved it (a
    second person), when it was opened. Opened once, by the custodian's private key, through
    ``candour unseal`` (candour.intake.unsealing); every step is audited."""

    audit_parent = "report"
    audit_type = "unseal_request"

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        APPROVED = "approved", "Approved"
        OPENED = "opened", "Opened"

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="unseal_requests")
    requested_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    approved_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+", null=True,
                                    blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.CheckConstraint(
            condition=models.Q(approved_by__isnull=True) | ~models.Q(approved_by=models.F("requested_by")),
            name="unseal_approver_is_another_person")]

    def __str__(self) -> str:
        return f"unseal {self.report_id} ({self.status})"



class TrackingLink(models.Model):
    """A further tracking link for a report, made when an emailed code proved who is asking.

    The first link (``Report.tracking_hash``) keeps working: asking for a code never revokes a
    link the complainant may still have. Only a hash of the secret is kept."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    link_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"tracking link for {self.report_id}"


class FollowUp(models.Model):
    """Something the person who reported sent from their tracking page after the report:
    more information, or a request to withdraw. Kept as sent; staff see it with the report
    (and on the case's timeline once there is a case)."""

    class Kind(models.TextChoices):
        INFORMATION = "information", _("More information")
        WITHDRAWAL = "withdrawal", _("Request to withdraw")

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="follow_ups")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    received_at = models.DateTimeField()
    text = models.TextField(blank=True)
    # A withdrawal is signed (C&M Regs reg 38): the name the complainant typed, if they gave one.
    signed_name = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["received_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} for {self.report_id}"
