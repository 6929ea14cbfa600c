"""The base class every case flow extends.

Parallel department tasks end in a Join; two tasks completed at the same moment must not
both create it, so flows lock the process row (``SELECT … FOR UPDATE``) while they move.
"""

from viewflow.workflow.flow import Flow
from viewflow.workflow.lock import select_for_update_lock


class LockedFlow(Flow):
    lock_impl = select_for_update_lock
