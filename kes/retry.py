"""When the outbox tries a failed delivery again (pure; no ORM).

Rule: after the n-th failed attempt the next one waits ``BASE_DELAY × 2^(n-1)`` seconds,
at most ``MAX_DELAY``; after ``MAX_ATTEMPTS`` failures the row is given up (an operator
looks at ``last_error`` and may set it pending again). With the defaults the waits are
30 s, 1, 2, 4, 8, 16, 32 min and then hourly: a broker or mail server that is away for
ten minutes costs at most one extra wait, and a row is tried for well over half a day
(the sum of the waits before the last attempt) before it is given up.
"""

BASE_DELAY = 30
MAX_DELAY = 60 * 60
MAX_ATTEMPTS = 20


def retry_delay(attempts: int) -> int:
    """Seconds to wait after ``attempts`` failed attempts (``attempts`` ≥ 1)."""
    if attempts < 1:
        return 0
    # Capping the exponent first keeps a huge count from building a huge integer.
    return min(BASE_DELAY * 2 ** min(attempts - 1, 32), MAX_DELAY)


def gives_up(attempts: int) -> bool:
    """True when ``attempts`` failures are enough: no further attempt is scheduled."""
    return attempts >= MAX_ATTEMPTS


def total_patience() -> int:
    """Seconds from the first failure to the last attempt."""
    return sum(retry_delay(n) for n in range(1, MAX_ATTEMPTS))
