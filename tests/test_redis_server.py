"""The test Redis is a real server: Lua and streams work, and it is gone after the test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import redis

from tests.redis_server import RedisServer


def test_a_real_server_runs_lua_and_streams(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    assert client.eval("return redis.call('INCR', KEYS[1])", 1, "n") == 1
    client.xadd("s", {"k": "v"})
    client.xgroup_create("s", "g", id="0")
    answer: Any = client.xreadgroup("g", "c", {"s": ">"})
    assert answer[0][1][0][1] == {b"k": b"v"}
    client.close()


def test_the_server_stops(tmp_path: Path) -> None:
    with RedisServer(tmp_path) as server:
        client = redis.Redis.from_url(server.url)
        assert client.ping()
        client.close()
    assert server.process is not None and server.process.poll() is not None
