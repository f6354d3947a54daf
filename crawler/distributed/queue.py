"""scrapy-redis's priority queue, with leases instead of a destructive pop."""

from __future__ import annotations

from typing import Any

from scrapy import Request, Spider
from scrapy_redis.queue import PriorityQueue

from crawler.distributed.keys import keys_from_settings
from crawler.distributed.leases import Leases


class LeasedPriorityQueue(PriorityQueue):
    """The frontier ZSET of scrapy-redis (score ``-priority``, pickled request dicts);
    ``pop_leased`` leases what scrapy-redis's ``pop`` deletes (:mod:`.leases`)."""

    def __init__(self, server: Any, spider: Spider, key: str, serializer: Any = None) -> None:
        keys = keys_from_settings(spider.settings)
        super().__init__(server, spider, keys.frontier, serializer)
        self.leases = Leases(server, keys, spider.settings.getint("FANWEN_LEASE_SECONDS"))

    def pop(self, timeout: int = 0) -> Request | None:
        raise NotImplementedError("a destructive pop loses the request when its worker dies; "
                                  "use pop_leased()")

    def pop_leased(self) -> tuple[bytes, Request] | None:
        popped = self.leases.pop()
        if popped is None:
            return None
        lease_id, data = popped
        return lease_id, self._decode_request(data)

    def push_unseen(self, request: Request, fingerprint: str) -> bool:
        """Mark seen and push in one atomic step; False when it was seen before."""
        return self.leases.push_unseen(fingerprint, -request.priority,
                                       self._encode_request(request))
