"""The admin site is for administrators' own force's reference data, and every save is audited."""

from __future__ import annotations

import pytest
from django.test import Client

from candour.accounts.models import Unit
from candour.audit.models import AuditEvent
from candour.testing.cast import CAST_NAMES, Cast


@pytest.mark.django_db
@pytest.mark.parametrize("who", CAST_NAMES)
def test_only_administrators_reach_the_admin(cast: Cast, client: Client, who: str) -> None:
    user = cast.user(who)
    client.force_login(user)
    response = client.get("/admin/accounts/unit/")
    allowed = who in ("administrator", "other_force_user")
    assert (response.status_code == 200) is allowed, response.status_code


@pytest.mark.django_db
def test_admin_sees_and_edits_only_its_own_force(cast: Cast, client: Client) -> None:
    from candour.accounts import services
    from candour.audit.services import Actor

    bravo_unit = services.unit_create(force=cast.other_force, name="Bravo Unit", actor=Actor.system("t"))
    client.force_login(cast.admin)
    listing = client.get("/admin/accounts/unit/").content.decode()
    assert "North Borough" in listing and "Bravo Unit" not in listing
    assert client.get(f"/admin/accounts/unit/{bravo_unit.pk}/change/").status_code in (302, 404)
    response = client.post("/admin/accounts/unit/add/", {"name": "East Borough", "parent": ""})
    assert response.status_code == 302
    unit = Unit.objects.get(name="East Borough")
    assert unit.force == cast.force
    event = AuditEvent.objects.filter(action="unit_created", object_id=str(unit.uuid)).get()
    assert event.actor_id == cast.admin.pk and event.chain == "ALPHA"
