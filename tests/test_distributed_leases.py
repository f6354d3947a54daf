"""Leases on a real Redis: a popped request stays until acknowledged; an expired
lease goes back to the frontier with its priority; seen-and-push is one step."""

from __future__ import annotations

import time

import redis

from crawler.distributed.keys import RedisKeys
from crawler.distributed.leases import Leases


def test_pop_leases_ack_removes(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    leases = Leases(client, RedisKeys(), 60)
    assert leases.push_unseen("fp1", -20, b"article")
    assert leases.push_unseen("fp2", -10, b"list")
    assert not leases.push_unseen("fp1", -20, b"article again")  # seen: not queued
    popped = leases.pop()
    assert popped is not None and popped[1] == b"article"  # highest priority first
    assert leases.held() == 1 and client.zcard("fanwen:requests") == 1
    leases.ack([popped[0]])
    assert leases.held() == 0 and client.hlen("fanwen:lease:data") == 0
    client.close()


def test_expired_lease_goes_back_with_its_priority(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    leases = Leases(client, RedisKeys(), 1)
    leases.push_unseen("fp1", -20, b"article")
    leases.push_unseen("fp2", -10, b"list")
    first = leases.pop()
    assert first is not None
    assert leases.reap() == 0  # not expired yet
    time.sleep(2.1)
    assert leases.reap() == 1
    again = leases.pop()
    assert again is not None and again[1] == b"article" and again[0] != first[0]
    leases.ack([first[0]])  # the dead worker's late ack does not touch the new lease
    assert leases.held() == 1
    client.close()


def test_renew_keeps_a_working_lease(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    leases = Leases(client, RedisKeys(), 2)
    leases.push_unseen("fp1", -20, b"article")
    popped = leases.pop()
    assert popped is not None
    for _ in range(3):
        time.sleep(1.0)
        assert leases.renew([popped[0]]) == 1
        assert leases.reap() == 0
    client.close()
