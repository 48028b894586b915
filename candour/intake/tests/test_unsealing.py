"""A sealed reporter is opened only by the custodian's private key, after a request with its
reason and a second person's approval, each audited; keys can be rotated."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from candour.audit.models import AuditEvent
from candour.audit.services import audit_verify_chain
from candour.intake import services
from candour.intake.models import Report, UnsealRequest
from candour.intake.sealing import development_keypair, generate_keypair, sealed_key_id, unseal
from candour.intake.unsealing import sealed_identities_reseal, unseal_approve, unseal_open, unseal_request
from candour.intake.validation import ReportInput
from candour.testing.cast import PASSWORD, Cast

pytestmark = pytest.mark.django_db


def _sealed(cast: Cast, key: str = "seal-1") -> Report:
    reporter = cast.user("no_role")
    return services.report_submit(
        force=cast.force, channel="internal", actor=services.Actor.of(reporter), submission_key=key,
        reporter=reporter, seal_reporter=True, data=ReportInput(kind="colleague", what_happened="Concern")).report


def _dev_private() -> str:
    return development_keypair(settings.SECRET_KEY)[0]


def test_the_web_side_holds_no_key_that_opens_a_sealed_identity(cast: Cast) -> None:
    report = _sealed(cast)
    assert report.reporter_sealed.startswith("v2.1.")
    assert not hasattr(settings, "CANDOUR_SEALING_KEY")  # the old symmetric key is gone
    with pytest.raises(TypeError):
        unseal(report.reporter_sealed)  # type: ignore[call-arg]  # no private key: nothing to open with


def test_request_approve_open_each_audited_and_by_two_people(cast: Cast) -> None:
    report = _sealed(cast)
    asker, approver = cast.user("counter_corruption"), cast.admin
    request = unseal_request(report=report, user=asker, reason="Court order 2026/114 requires it")
    with pytest.raises(ValidationError, match="Only an approved request"):
        unseal_open(request=request, private_key=_dev_private(), custodian="J Custodian")
    with pytest.raises(PermissionDenied, match="second person"):
        unseal_approve(request=request, user=asker)
    unseal_approve(request=request, user=approver)
    identity = unseal_open(request=request, private_key=_dev_private(), custodian="J Custodian")
    assert identity["username"] == cast.user("no_role").get_username()
    with pytest.raises(ValidationError, match="opened already"):
        unseal_open(request=request, private_key=_dev_private(), custodian="J Custodian")
    actions = list(AuditEvent.objects.filter(object_type="unseal_request").values_list("action", flat=True))
    assert actions == ["unseal_requested", "unseal_approved", "identity_unsealed"]
    assert audit_verify_chain(cast.force.code).first_break is None


@pytest.mark.parametrize("who", ["investigator", "assessor", "vetting_officer", "no_role", "other_force_user"])
def test_nobody_else_may_ask_or_approve(cast: Cast, who: str) -> None:
    report = _sealed(cast)
    with pytest.raises(PermissionDenied):
        unseal_request(report=report, user=cast.user(who), reason="Curious")
    request = unseal_request(report=report, user=cast.user("counter_corruption"), reason="Court order")
    with pytest.raises(PermissionDenied):
        unseal_approve(request=request, user=cast.user(who))
    assert UnsealRequest.objects.get(pk=request.pk).status == UnsealRequest.Status.REQUESTED


def test_a_request_needs_its_reason_and_a_sealed_report(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="Enter the reason"):
        unseal_request(report=_sealed(cast), user=cast.user("counter_corruption"), reason="  ")
    assert not UnsealRequest.objects.exists()


def test_the_wrong_private_key_opens_nothing_and_changes_nothing(cast: Cast) -> None:
    request = unseal_request(report=_sealed(cast), user=cast.user("counter_corruption"), reason="Court order")
    unseal_approve(request=request, user=cast.admin)
    with pytest.raises(ValidationError, match="cannot be opened"):
        unseal_open(request=request, private_key=generate_keypair()[0], custodian="J Custodian")
    assert UnsealRequest.objects.get(pk=request.pk).status == UnsealRequest.Status.APPROVED


def test_rotation_seals_every_identity_again_under_the_new_pair(cast: Cast) -> None:
    reports = [_sealed(cast, f"seal-{i}") for i in range(3)]
    new_private, new_public = generate_keypair()
    assert sealed_identities_reseal(old_private_key=_dev_private(), new_public_key=new_public, new_key_id="2",
                                    custodian="J Custodian") == 3
    assert sealed_identities_reseal(old_private_key=_dev_private(), new_public_key=new_public, new_key_id="2",
                                    custodian="J Custodian") == 0  # a rotation cut short runs again safely
    for report in reports:
        report.refresh_from_db()
        assert sealed_key_id(report.reporter_sealed) == "2"
        assert unseal(report.reporter_sealed, private_key=new_private)["username"] == "no_role"
    assert AuditEvent.objects.filter(action="sealed_identities_resealed").count() == 1


def test_the_command_line_procedure(cast: Cast, tmp_path: Path) -> None:
    report = _sealed(cast)
    password = tmp_path / "password"
    password.write_text(PASSWORD)
    call_command("unseal", "request", report.reference, "--user", "counter_corruption",
                 "--password-file", str(password), "--reason", "Court order 2026/114")
    request = UnsealRequest.objects.get()
    with pytest.raises(CommandError, match="second person"):
        call_command("unseal", "approve", str(request.uuid), "--user", "counter_corruption",
                     "--password-file", str(password))
    call_command("unseal", "approve", str(request.uuid), "--user", "administrator", "--password-file", str(password))
    key = tmp_path / "custodian.key"
    key.write_text(_dev_private())
    out = StringIO()
    call_command("unseal", "open", str(request.uuid), "--private-key", str(key), "--custodian", "J Custodian",
                 stdout=out)
    assert '"username": "no_role"' in out.getvalue()
    wrong = tmp_path / "wrong"
    wrong.write_text("not the password")
    with pytest.raises(CommandError, match="Wrong user name or password"):
        call_command("unseal", "request", report.reference, "--user", "counter_corruption",
                     "--password-file", str(wrong), "--reason", "x")


def test_keygen_writes_a_private_key_only_its_owner_can_read(tmp_path: Path) -> None:
    out = StringIO()
    call_command("unseal", "keygen", "--out", str(tmp_path / "k"), stdout=out)
    assert (tmp_path / "k").stat().st_mode & 0o777 == 0o600
    assert "CANDOUR_SEALING_PUBLIC_KEY=" in out.getvalue()
    with pytest.raises(CommandError, match="exists"):
        call_command("unseal", "keygen", "--out", str(tmp_path / "k"))
