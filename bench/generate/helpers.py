"""Small pure helpers of the generator: CVR numbers, weighted choices, JSON."""

import bisect
import json
import random


def valid_cvr(rng: random.Random, taken: set[str]) -> str:
    from stdnum.dk import cvr

    while True:
        base = str(rng.randint(1_000_000, 9_999_999))
        for digit in "0123456789":
            candidate = base + digit
            if cvr.is_valid(candidate):
                if candidate not in taken:
                    taken.add(candidate)
                    return candidate
                break


def weighted(rng: random.Random, items, weights_cum):
    return items[bisect.bisect(weights_cum, rng.random() * weights_cum[-1])]


def cumulative(weights):
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def js(value) -> str:
    return json.dumps(value, ensure_ascii=False)
