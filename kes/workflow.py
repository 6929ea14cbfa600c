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

Fewer statements for the same rows (viewflow is configured and subclassed, never changed):

- ``LeanStartHandle`` starts a process without locking it (no other transaction can see a
  process being created) and without a savepoint of its own, and writes the links between
  the tasks it creates (``Task.previous``) in one insert at its end.
- ``LeanSwitch`` and ``EachSplit`` write their gateway task once, done, instead of
  inserting it new and updating it done; ``EachSplit`` inserts its branch tasks (and
  their links) in one query whatever their number.
"""

import threading
from contextlib import contextmanager

from django.db import transaction
from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.activation import Activation
from viewflow.workflow.context import context
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.flow import Flow
from viewflow.workflow.nodes import Join, Split, Switch
from viewflow.workflow.nodes.split import SplitActivation
from viewflow.workflow.nodes.start import StartHandleActivation
from viewflow.workflow.nodes.switch import SwitchActivation
from viewflow.workflow.signals import flow_started, task_started
from viewflow.workflow.token import Token


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


# --- links between tasks, written together ------------------------------------------------

_links = threading.local()


@contextmanager
def _links_together(task_class):
    """Collect the ``previous`` links made inside and insert them in one query at the end."""
    if getattr(_links, "pending", None) is not None:
        yield
        return
    _links.pending = []
    try:
        yield
        pending = _links.pending
        if pending:
            through = task_class.previous.through
            through.objects.bulk_create(
                through(from_task_id=task.pk, to_task_id=previous.pk) for task, previous in pending
            )
    finally:
        _links.pending = None


def _link(task, previous) -> None:
    pending = getattr(_links, "pending", None)
    if pending is None:
        task.previous.add(previous)
    else:
        pending.append((task, previous))


class SavedOnCompletion(Activation):
    """An activation whose task (a gateway's: it completes in the same run) is inserted
    once, done, instead of inserted new and updated done. When a failure would be kept on
    the task (``propagate_exception`` off) it is written at creation, as viewflow does."""

    _previous_task = None

    def __eq__(self, other):
        return isinstance(other, Activation) and self.task is other.task

    def __hash__(self):
        # Viewflow keeps activations in sets; the task has no primary key until completed.
        return id(self.task)

    @classmethod
    def create(cls, flow_task, prev_activation, token, data=None, seed=None):
        if not context.propagate_exception:
            return super().create(flow_task, prev_activation, token, data=data, seed=seed)
        task = flow_task.flow_class.task_class(
            process=prev_activation.process, flow_task=flow_task, token=token
        )
        task.data = data if data is not None else {}
        task.seed = seed
        activation = cls(task)
        activation._previous_task = prev_activation.task
        return activation

    @Activation.status.super()
    def complete(self):
        super().complete.original()
        if self._previous_task is not None:
            _link(self.task, self._previous_task)
            self._previous_task = None


# --- start ---------------------------------------------------------------------------------


class LeanStartHandleActivation(StartHandleActivation):
    @Activation.status.super()
    def execute(self):
        task_started.send(sender=self.flow_class, process=self.process, task=self.task)
        # No savepoint inside the caller's transaction (a transaction when alone), and no
        # process lock: until this transaction commits no one else sees the process.
        with transaction.atomic(savepoint=False), _links_together(self.flow_class.task_class):
            self.process.save()
            self.complete()
            flow_started.send(sender=self.flow_class, process=self.process, task=self.task)
            self.activate_next()


class LeanStartHandle(flow.StartHandle):
    activation_class = LeanStartHandleActivation


# --- switch --------------------------------------------------------------------------------


class LeanSwitchActivation(SavedOnCompletion, SwitchActivation):
    @Activation.status.super()
    def activate(self):
        if not context.propagate_exception:
            # The failure is kept on the task: viewflow's own savepoint is needed.
            return super().activate.original()
        # A failure propagates and rolls back the whole transaction: no savepoint.
        for node, cond in self.flow_task._branches:
            if cond is None:
                self.next_task = node
            elif cond(self):
                self.next_task = node
                break
        if not self.next_task:
            raise FlowRuntimeError(f"No next task available for {self.flow_task.name}")


class LeanSwitch(Switch):
    activation_class = LeanSwitchActivation


# --- split with one branch per item --------------------------------------------------------


def _plain_node(node) -> bool:
    """A node whose tasks viewflow creates with the base ``Activation.create`` (save, link)
    and nothing else, so they may be inserted in bulk."""
    return (
        not isinstance(node, Join)
        and not node._boundary_events
        and node.activation_class.create.__func__ is Activation.create.__func__
    )


class EachSplitActivation(SavedOnCompletion, SplitActivation):
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

    @Activation.status.super()
    def create_next(self):
        """As viewflow's split (each branch a token under the split's, joins last), but
        the plain branch tasks go in one insert, with their links in one more."""
        token_source = Token.split_token_source(self.task.token, self.task.pk)
        ordered = [(n, d) for n, d in self.next_tasks if not isinstance(n, Join)] + [
            (n, d) for n, d in self.next_tasks if isinstance(n, Join)
        ]
        branches = [(node, data, next(token_source)) for node, data in ordered]
        task_class = self.flow_class.task_class
        plain = [
            task_class(
                process=self.process,
                flow_task=node,
                flow_task_type=node.task_type,
                token=token,
                data=data if data is not None else {},
            )
            for node, data, token in branches
            if _plain_node(node)
        ]
        if plain:
            task_class._default_manager.bulk_create(plain)
            with _links_together(task_class):
                for task in plain:
                    _link(task, self.task)
        created = iter(plain)
        for node, data, token in branches:
            if _plain_node(node):
                yield node.activation_class(next(created))
            else:
                yield node._create(prev_activation=self, token=token, data=data)


class EachSplit(Split):
    activation_class = EachSplitActivation

    def Each(self, node, items, case=None):
        """One ``node`` per item of ``items(activation)`` (a list of JSON-able dicts)."""
        self._activate_next.append((node, case, items))
        return self


__all__ = ["EachSplit", "LeanStartHandle", "LeanSwitch", "LockedFlow", "this"]
