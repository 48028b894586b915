"""The match-review queue: importing a candidates file (from the real engine and a tiny CSV),
deciding candidates with a reason through the existing doors, and the audit of every view."""

from __future__ import annotations

import math
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from candour.audit.models import AuditEvent
from candour.intake.models import Report
from candour.screening.models import ScreeningCandidate, ScreeningRun
from candour.screening.services import screening_candidate_decide, screening_run_import
from candour.screening.tests.conftest import Screened
from candour.testing.cast import CANDIDATES_CSV, Cast
from candour.workforce.models import VettingReview

pytestmark = pytest.mark.django_db


def _csv(tmp_path: Path, text: str = CANDIDATES_CSV) -> Path:
    path = tmp_path / "candidates.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_of_the_engines_parquet(cast: Cast, screened: Screened) -> None:
    table = pq.read_table(screened.out).to_pylist()
    expected = [r for r in table if r["match_probability"] >= 0.9]
    run = screening_run_import(force=cast.force, path=screened.out, name="Synthetic intelligence",
                               user=cast.user("counter_corruption"), threshold=0.9)
    assert run.rows_read == len(table) and run.candidates_imported == len(expected) > 0
    best = run.candidates.order_by("-match_probability").first()
    assert best is not None and best.explanation.startswith("Match weight")
    assert [p["comparison"] for p in best.parts] == ["forename", "surname", "date_of_birth", "address", "town"]
    # The parts add up: prior plus every comparison's weight is the match weight.
    assert math.isclose(best.prior_weight + sum(p["weight"] for p in best.parts), best.match_weight, abs_tol=1e-6)
    assert best.workforce_record["surname"] and best.extract_record["surname"]
    event = AuditEvent.objects.filter(action="screening_run_imported").order_by("-id").first()
    assert event is not None and event.after and event.after["candidates"] == len(expected)


def test_csv_import_links_the_workforce_record_and_keeps_only_above_threshold(cast: Cast, tmp_path: Path) -> None:
    run = screening_run_import(force=cast.force, path=_csv(tmp_path), name="Tiny", user=cast.user("vetting_officer"))
    candidate = run.candidates.get()
    assert candidate.extract_id == "INT-77" and candidate.officer == cast.officer
    assert candidate.parts[2] == {"comparison": "date_of_birth", "level": "Day and month swapped", "weight": 3.0,
                                  "workforce_value": "1980-02-03", "extract_value": "1980-03-02"}
    low = screening_run_import(force=cast.force, path=_csv(tmp_path), name="Low", threshold=0.1,
                               user=cast.user("vetting_officer"))
    assert low.candidates.count() == 2


@pytest.mark.parametrize(("text", "message"), [
    ("workforce_id,extract_id\n1,2\n", "missing column(s) match_probability, match_weight"),
    ("workforce_id,extract_id,match_probability,match_weight\n1,2,high,3\n", "row 2"),
    ("workforce_id,extract_id,match_probability,match_weight\n,2,0.9,3\n", "row 2"),
])
def test_bad_files_import_nothing(cast: Cast, tmp_path: Path, text: str, message: str) -> None:
    before = (ScreeningRun.objects.count(), ScreeningCandidate.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError, match=r"candidates\.csv"):
        try:
            screening_run_import(force=cast.force, path=_csv(tmp_path, text), name="Bad",
                                 user=cast.user("vetting_officer"))
        except ValidationError as error:
            assert message in " ".join(error.messages)
            raise
    with pytest.raises(ValidationError, match="parquet or .csv"):
        screening_run_import(force=cast.force, path=tmp_path / "x.json", name="Bad", user=cast.user("vetting_officer"))
    assert (ScreeningRun.objects.count(), ScreeningCandidate.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize("who", ["assessor", "analyst", "other_force_user"])
def test_only_vetting_and_counter_corruption_of_the_force_import(cast: Cast, tmp_path: Path, who: str) -> None:
    with pytest.raises(PermissionDenied):
        screening_run_import(force=cast.force, path=_csv(tmp_path), name="x", user=cast.user(who))


def test_the_import_command(cast: Cast, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    from candour import cli

    routed: list[list[str]] = []
    monkeypatch.setattr("django.core.management.execute_from_command_line", routed.append)
    assert cli.main(["screen", "import", "x.csv", "--force", "ALPHA"]) == 0
    assert routed == [["candour", "screening", "import", "x.csv", "--force", "ALPHA"]]
    call_command("screening", "import", str(_csv(tmp_path)), "--force", "ALPHA", "--user", "counter_corruption",
                 "--name", "From the command")
    assert '"candidates": 1' in capsys.readouterr().out
    assert ScreeningRun.objects.filter(name="From the command").exists()
    with pytest.raises(CommandError, match="missing column"):
        call_command("screening", "import", str(_csv(tmp_path, "a,b\n1,2\n")), "--force", "ALPHA",
                     "--user", "counter_corruption")
    with pytest.raises(CommandError, match="Only a vetting"):
        call_command("screening", "import", str(_csv(tmp_path)), "--force", "ALPHA", "--user", "assessor")
    with pytest.raises(CommandError, match="no force"):
        call_command("screening", "import", str(_csv(tmp_path)), "--force", "NOPE", "--user", "assessor")


def test_reject_needs_a_reason_and_changes_nothing_without(cast: Cast) -> None:
    before = AuditEvent.objects.count()
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as caught:
            screening_candidate_decide(candidate=cast.candidate, decision="reject", reason=reason,
                                       user=cast.user("counter_corruption"))
        assert "reason" in caught.value.message_dict
    cast.candidate.refresh_from_db()
    assert cast.candidate.status == "pending" and AuditEvent.objects.count() == before
    decided = screening_candidate_decide(candidate=cast.candidate, decision="reject", reason="Different people",
                                         user=cast.user("counter_corruption"))
    assert decided.status == "rejected" and decided.decision_reason == "Different people"
    with pytest.raises(ValidationError, match="already rejected"):
        screening_candidate_decide(candidate=decided, decision="confirm", reason="x", route="conduct",
                                   user=cast.user("counter_corruption"))


def test_confirm_opens_a_vetting_review(cast: Cast) -> None:
    decided = screening_candidate_decide(candidate=cast.candidate, decision="confirm", route="vetting_review",
                                         reason="Same date of birth once day and month are swapped",
                                         user=cast.user("vetting_officer"))
    assert decided.review_id is not None
    review = VettingReview.objects.get(pk=decided.review_id)
    assert review.trigger == "screening_match" and review.officer == cast.officer
    assert "INT-77" in review.reason and "Same date of birth" in review.reason
    event = AuditEvent.objects.filter(action="screening_candidate_decided").order_by("-id").first()
    assert event is not None and event.after and event.after["review"] == str(review.uuid)


def test_confirm_refers_for_conduct_assessment_through_intake(cast: Cast) -> None:
    decided = screening_candidate_decide(candidate=cast.candidate, decision="confirm", route="conduct",
                                         reason="Match confirmed against the PNC record",
                                         user=cast.user("counter_corruption"))
    assert decided.report_id is not None
    report = Report.objects.get(pk=decided.report_id)
    assert report.channel == "internal" and report.kind == "colleague" and report.status == "new"
    assert report.person_number == "100001"
    assert AuditEvent.objects.filter(action="report_submitted", object_id=report.reference).exists()


def test_confirm_needs_a_route(cast: Cast) -> None:
    with pytest.raises(ValidationError) as caught:
        screening_candidate_decide(candidate=cast.candidate, decision="confirm", reason="Same person",
                                   user=cast.user("vetting_officer"))
    assert "route" in caught.value.message_dict
    assert ScreeningCandidate.objects.get(pk=cast.candidate.pk).status == "pending"


def test_queue_and_candidate_views_are_audited(cast: Cast, client: Client) -> None:
    client.force_login(cast.user("counter_corruption"))
    before = AuditEvent.objects.filter(action="screening_viewed").count()
    page = client.get(reverse("web:screening_queue")).content.decode()
    assert "INT-77" in page and "97%" in page
    page = client.get(reverse("web:screening_candidate", args=[cast.candidate.uuid])).content.decode()
    assert "Day and month swapped" in page and "1980-03-02" in page and "Ada Testperson" in page
    views = AuditEvent.objects.filter(action="screening_viewed").order_by("id")
    assert views.count() == before + 2
    assert views.last().object_id == str(cast.candidate.uuid)  # type: ignore[union-attr]


def test_rejecting_without_a_reason_shows_the_error_summary(cast: Cast, client: Client) -> None:
    client.force_login(cast.user("vetting_officer"))
    response = client.post(reverse("web:screening_candidate", args=[cast.candidate.uuid]), {"decision": "reject"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "Enter the reason for your decision" in page
    assert 'href="#id_reason"' in page
    assert ScreeningCandidate.objects.get(pk=cast.candidate.pk).status == "pending"
    response = client.post(reverse("web:screening_candidate", args=[cast.candidate.uuid]),
                           {"decision": "reject", "reason": "Different middle initial and town"})
    assert response.status_code == 302
    assert ScreeningCandidate.objects.get(pk=cast.candidate.pk).status == "rejected"


def test_queue_is_paginated_highest_first(cast: Cast, client: Client, tmp_path: Path) -> None:
    header = CANDIDATES_CSV.splitlines()[0]
    rows = [f"W{i},X{i},{0.5 + i / 100:.2f},{i},-12,,,,,,,,,,,,," for i in range(40)]
    screening_run_import(force=cast.force, path=_csv(tmp_path, "\n".join([header, *rows]) + "\n"), name="Many",
                         user=cast.user("vetting_officer"))
    client.force_login(cast.user("vetting_officer"))
    first = client.get(reverse("web:screening_queue"))
    candidates = list(first.context["page"].object_list)
    assert len(candidates) == 25 and candidates[0].match_probability == 0.97
    assert [c.match_probability for c in candidates] == sorted((c.match_probability for c in candidates), reverse=True)
    second = client.get(reverse("web:screening_queue") + "?page=2")
    assert len(second.context["page"].object_list) == 16


def test_home_page_shows_the_queue_to_the_screening_roles(cast: Cast, client: Client) -> None:
    for who, shown in (("counter_corruption", True), ("vetting_officer", True), ("assessor", False)):
        client.force_login(cast.user(who))
        page = client.get(reverse("web:home")).content.decode()
        assert ("1 match to review" in page) is shown, who
