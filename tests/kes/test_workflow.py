from viewflow.workflow.lock import select_for_update_lock

from kes.workflow import LockedFlow


def test_project_flows_lock_the_process_row():
    assert LockedFlow.lock_impl is select_for_update_lock
