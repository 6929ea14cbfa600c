"""A test deliverer for the outbox: records what it delivered, fails when told to."""

from kes.outbox import deliverer

TEST_KIND = "tests.echo"
delivered: list[str] = []
failures: list[Exception] = []


@deliverer(TEST_KIND)
def deliver_echo(notification) -> None:
    if failures:
        raise failures.pop(0)
    delivered.append(notification.key)
