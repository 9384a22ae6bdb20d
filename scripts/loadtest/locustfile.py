"""Load test: visitors of the public pages and logged-in members and auditors in the
workspace. Run through `make loadtest` (gunicorn + PostgreSQL), see docs/reliability.md.

Logins use the demo accounts without a second factor (member, auditor, settlement officer):
coordinators and operators need one-time codes, which a load test cannot type.
"""

import os
import random
import re

from locust import HttpUser, between, task

FORUM = os.environ.get("LOADTEST_FORUM", "koszegi-jarasi-kerekasztal")
PASSWORD = os.environ.get("LOADTEST_PASSWORD", "kerekasztal-demo")
LOGINS = ["ellenor@example.org", "tag@example.org", "hep@example.org"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Visitor(HttpUser):
    """An anonymous visitor reading the public site."""

    weight = 3
    wait_time = between(1, 4)

    @task(5)
    def front_page(self):
        self.client.get("/", name="/ (front page)")

    @task(5)
    def forum_page(self):
        self.client.get(f"/f/{FORUM}/", name="/f/<forum>/ (public)")

    @task(1)
    def about(self):
        self.client.get(random.choice(["/about/data/", "/about/privacy/"]), name="/about/*")


class WorkspaceUser(HttpUser):
    """A logged-in auditor, member or settlement officer working in the workspace."""

    weight = 2
    wait_time = between(2, 6)

    def on_start(self):
        page = self.client.get("/accounts/login/", name="/accounts/login/")
        token = CSRF.search(page.text).group(1)
        response = self.client.post(
            "/accounts/login/", name="/accounts/login/ (POST)",
            data={"username": random.choice(LOGINS), "password": PASSWORD,
                  "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/accounts/login/"},
        )
        if "/accounts/login/" in response.url:
            response.failure("login failed")

    @task(4)
    def workspace(self):
        self.client.get(f"/f/{FORUM}/manage/", name="/f/<forum>/manage/")

    @task(4)
    def members(self):
        self.client.get(f"/f/{FORUM}/manage/members/", name="/f/<forum>/manage/members/")

    @task(2)
    def members_export(self):
        self.client.get(f"/f/{FORUM}/manage/members/export.xlsx",
                        name="/f/<forum>/manage/members/export.xlsx")

    @task(2)
    def directory(self):
        with self.client.get(f"/f/{FORUM}/manage/directory/organisations/",
                             name="/f/<forum>/manage/directory/organisations/",
                             catch_response=True) as response:
            if response.status_code == 403:  # members do not see the directory
                response.success()

    @task(2)
    def activity(self):
        with self.client.get(f"/f/{FORUM}/manage/activity/", name="/f/<forum>/manage/activity/",
                             catch_response=True) as response:
            if response.status_code == 403:  # only coordinators and auditors
                response.success()

    @task(1)
    def account(self):
        self.client.get("/accounts/", name="/accounts/")
