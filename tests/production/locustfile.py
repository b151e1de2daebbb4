"""One page under locust (headless): tests/production/throughput.py runs it once per page.

PAGE_PATH is the page; CERTIFICATE the stack's self-signed certificate; PAGE_COOKIE, when
set (name=value), a cookie sent with every request (a session cookie passes the page cache).
No wait between requests: each user asks again as soon as it has its answer, as `ab -c 8`
would.
"""

import os

from locust import HttpUser, constant, task


class Visitor(HttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        self.client.verify = os.environ["CERTIFICATE"]
        self.client.trust_env = False
        name, _, value = os.environ.get("PAGE_COOKIE", "").partition("=")
        if name:
            self.client.cookies.set(name, value)

    @task
    def page(self) -> None:
        self.client.get(os.environ["PAGE_PATH"], name="page")
