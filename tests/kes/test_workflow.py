from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.flows import CaseFlow
from cases.models import CaseProcess
from kes.workflow import LockedFlow, process_row_lock


def test_project_flows_lock_the_process_row():
    assert LockedFlow.lock_impl is process_row_lock
    assert CaseFlow.lock_impl is process_row_lock


def test_the_lock_selects_the_process_row_for_update(db):
    process = CaseProcess.objects.create(flow_class=CaseFlow)
    with CaptureQueriesContext(connection) as captured, CaseFlow.lock(process.pk):
        pass
    selects = [q["sql"] for q in captured if "viewflow_process" in q["sql"]]
    assert len(selects) == 1
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in selects[0]
        assert "NOWAIT" not in selects[0]
