import pytest

from kes.retry import MAX_ATTEMPTS, gives_up, retry_delay, total_patience


@pytest.mark.parametrize(
    ("attempts", "seconds"),
    [
        (0, 0),
        (1, 30),
        (2, 60),
        (3, 120),
        (4, 240),
        (5, 480),
        (6, 960),
        (7, 1920),
        (8, 3600),  # 3840 capped at an hour
        (19, 3600),
        (10**9, 3600),  # a huge count does not build a huge number
    ],
)
def test_retry_delay_doubles_from_30_seconds_up_to_an_hour(attempts, seconds):
    assert retry_delay(attempts) == seconds


@pytest.mark.parametrize(
    ("attempts", "given_up"),
    [(1, False), (MAX_ATTEMPTS - 1, False), (MAX_ATTEMPTS, True), (MAX_ATTEMPTS + 5, True)],
)
def test_a_row_is_given_up_after_the_last_attempt(attempts, given_up):
    assert gives_up(attempts) is given_up


def test_the_retries_outlast_an_outage_of_ten_minutes_many_times_over():
    assert total_patience() > 10 * 60 * 40
    # The first attempts after a ten-minute outage come within minutes, not hours.
    assert sum(retry_delay(n) for n in range(1, 6)) > 10 * 60
