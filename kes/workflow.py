"""What every case flow builds on.

- ``LockedFlow``: parallel department tasks end in a Join; two tasks completed at the same
  moment must not both create it, so flows lock the process row (``SELECT … FOR UPDATE``)
  while they move. The lock waits for the row (``ProcessRowLock``) instead of viewflow's
  ``select_for_update_lock``, which asks with NOWAIT and retries: inside a caller's
  transaction the first refused NOWAIT aborts that whole transaction on PostgreSQL, so a
  retry can never succeed. Our services take the lock first thing in their transaction,
  one process per transaction, so waiting cannot deadlock.
- ``EachSplit``: a parallel split with one branch per item (the open-source viewflow has
  no ``data_source``): ``EachSplit().Each(this.task, items=this.items_of)`` creates one
  ``task`` per item returned by ``items_of(activation)``, with the item as ``task.data``.
"""

from contextlib import contextmanager

from django.db import transaction
from viewflow import this
from viewflow.workflow.activation import Activation
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.flow import Flow
from viewflow.workflow.nodes import Split
from viewflow.workflow.nodes.split import SplitActivation


class ProcessRowLock:
    """Lock a flow's process row until the transaction ends, waiting for it if needed."""

    @contextmanager
    def __call__(self, flow_class, process_pk):
        with transaction.atomic():
            manager = flow_class.process_class._default_manager
            manager.select_for_update().filter(pk=process_pk).exists()
            yield


process_row_lock = ProcessRowLock()


class LockedFlow(Flow):
    lock_impl = process_row_lock


class EachSplitActivation(SplitActivation):
    @Activation.status.super()
    def activate(self):
        for node, cond, items in self.flow_task._branches:
            if cond and not cond(self):
                continue
            if items is None:
                self.next_tasks.append((node, None))
            else:
                self.next_tasks.extend((node, dict(item)) for item in items(self))
        if not self.next_tasks:
            raise FlowRuntimeError(f"No next task available for {self.flow_task.name}")


class EachSplit(Split):
    activation_class = EachSplitActivation

    def Each(self, node, items, case=None):
        """One ``node`` per item of ``items(activation)`` (a list of JSON-able dicts)."""
        self._activate_next.append((node, case, items))
        return self


__all__ = ["EachSplit", "LockedFlow", "this"]
