"""Query budgets for the pages people open all day (issue 5; bench/queues.py measures them on
national data). Each page makes a fixed number of queries, whatever the size of the case, the
officer's history or the queue: the count is asserted on a small case, then again after the
case, the officer and the force have grown.

The counts include the session and the signed-in user (2 queries).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from candour.audit.services import Actor
from candour.cases import services
from candour.cases.transitions import case_transition
from candour.people import services as people_services
from candour.testing.cast import Cast

pytestmark = pytest.mark.django_db

SETUP = Actor.system("test")

#: Most queries per page, the session and the signed-in user (2) and the header's count of
#: unread notifications (1) included: the budget the tests
#: hold each page to, and the counts bench/queues.py states. A page may make one fewer when a
#: list on it is empty (an empty page of results needs no query).
BUDGETS = {
    "home": 8,  # workload counts (2), oldest open cases, and the assessor's triage summary (2)
    "queue": 7,  # counts, the page of cases, lengthy counts, the oldest lengthy cases
    "overdue": 7,
    # need-to-know (one query: conflicts and access list), the case and what hangs off it,
    # subjects with histories, clocks, proceedings, evidence
    "case": 27,
    # need-to-know (one query: which of their cases the user may see), the officer, history,
    # list entries, and suspensions and convictions for roles that see them
    "officer": 9,
}
ROLES = ("assessor", "investigator", "decision_maker")


def _grow(cast: Cast) -> None:
    """More of everything the pages list: allegations and subjects (each with a history),
    timeline, requests, cases in the queue and the officer's history."""
    case = cast.case
    for n in range(3):
        officer = people_services.officer_create(
            force=cast.force, actor=SETUP, forenames=f"Extra{n}", surname="Officer", warrant_number=f"90000{n}",
            joined_on=date(2016, 1, 1))
        allegation = services.allegation_add(case=case, category="individual_behaviours",
                                             subcategory="impolite_language", summary=f"Extra {n}", actor=SETUP,
                                             standards=["authority_respect_courtesy"])
        services.subject_add(allegation=allegation, officer=officer, actor=SETUP)
        services.subject_add(allegation=allegation, officer=cast.officer, actor=SETUP)
        earlier = services.case_open(force=cast.force, case_type="complaint",
                                     received_on=date(2024, 1, 10 + n), actor=SETUP, summary=f"Earlier {n}")
        earlier_allegation = services.allegation_add(case=earlier, category="individual_behaviours",
                                                     subcategory="impolite_language", summary="Earlier",
                                                     actor=SETUP, standards=["authority_respect_courtesy"])
        past = services.subject_add(allegation=earlier_allegation, officer=officer, actor=SETUP)
        services.subject_outcome_record(subject=past, outcome="written_warning", outcome_on=date(2024, 6, 1),
                                        actor=SETUP)
    today = timezone.localdate()
    for n in range(5):
        extra = services.case_open(force=cast.force, case_type="complaint", received_on=today - timedelta(days=n * 20),
                                   actor=SETUP, summary=f"Queue {n}")
        case_transition(case=extra, transition="record", user=cast.appropriate_authority,
                                 expected_version=extra.version, today=extra.received_on)


@pytest.mark.parametrize("page", sorted(BUDGETS))
def test_page_queries_stay_within_budget_as_data_grows(cast: Cast, client: Client, django_assert_max_num_queries,
                                                       page: str) -> None:
    paths = {"home": reverse("web:home"), "queue": reverse("web:queue"),
             "overdue": reverse("web:queue") + "?due=overdue",
             "case": reverse("web:case_detail", args=[cast.case.reference]),
             "officer": reverse("web:officer_detail", args=[cast.officer.uuid])}
    counts: dict[tuple[str, bool], int] = {}
    for grown in (False, True):
        if grown:
            _grow(cast)
        for role in ROLES:
            client.force_login(cast.user(role))
            client.get(paths[page])  # the first request of a session: nothing cached yet
            with django_assert_max_num_queries(BUDGETS[page]) as captured:
                response = client.get(paths[page])
            assert response.status_code == 200
            counts[role, grown] = len(captured.captured_queries)
    # The count does not grow with the case, the history or the queue.
    assert all(counts[role, True] == counts[role, False] for role in ROLES), counts
