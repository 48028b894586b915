"""The hand-written migrations that move a model between apps keep every row."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("cases", "0007_merge_0006_open_case_indexes_0006_proceedings"), ("intake", "0003_update_on_case")]
AFTER = [("cases", "0008_complainant_update"), ("intake", "0004_complainant_update_moved")]


@pytest.mark.django_db(transaction=True)
def test_complainant_updates_move_from_intake_to_cases_with_their_rows() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Force = old.get_model("accounts", "Force")
    Case = old.get_model("cases", "Case")
    OldUpdate = old.get_model("intake", "ComplainantUpdate")
    force = Force.objects.create(code="MIG", name="Migration Constabulary")
    case = Case.objects.create(force=force, reference="MIG-2026-000001", case_type="complaint",
                               received_on=datetime(2026, 1, 5, tzinfo=UTC).date(), summary="s")
    OldUpdate.objects.create(case=case, sent_at=datetime(2026, 1, 6, tzinfo=UTC), code="", message="kept",
                             sent_by_name="PSD")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    NewUpdate = new.get_model("cases", "ComplainantUpdate")
    assert NewUpdate._meta.db_table == "cases_complainantupdate"
    assert list(NewUpdate.objects.values_list("case__reference", "message")) == [("MIG-2026-000001", "kept")]
    assert "intake_complainantupdate" not in connection.introspection.table_names()

    # and back again, so a rollback of the release keeps the rows too
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(BEFORE)
    assert "intake_complainantupdate" in connection.introspection.table_names()
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
