"""Attacks a running demo server's login from outside, as issue 11 did, and prints what
happened. Start the server with PORTAL_TRUSTED_PROXIES=127.0.0.1 (the script sends
X-Forwarded-For to act as many clients), seeded with `portal seed-demo`:

    .venv/bin/python bench/login_attack.py http://127.0.0.1:8123

1. 49 wrong passwords and the right one at once for the operator: was a token issued,
   and how many argon2 verifications ran (/metrics, portal_password_verifications_total)?
2. 30 existing and 30 unknown usernames, one wrong password each, interleaved (which
   goes first alternates): the answers, and the median time of each kind; then a few
   quick attempts at one of each.
3. The demo's first account number in fullwidth and with a Cyrillic letter.
4. A 200-character password: created, and logged in with.
5. 400 concurrent logins at 400 usernames from 400 addresses (every one verified)
   while another process polls /healthz: its median, p95 and slowest answer.
"""

from __future__ import annotations

import asyncio
import re
import secrets
import statistics
import sys
import time

import httpx

from gql.demo.data import DEMO_PASSWORD, OPERATOR

LOGIN = """mutation($input: LoginInput!) { login(input: $input) {
  token errors { code message retryAfter } } }"""
CREATE_OPERATOR_USER = """mutation($input: CreateOperatorUserInput!) {
  createOperatorUser(input: $input) { user { username } errors { code field message } } }"""
CREATE_CUSTOMER = """mutation($input: CreatePartnerCustomerInput!) {
  createPartnerCustomer(input: $input) { customer { accountNumber } errors { code field message } } }"""
ME = "{ me { username } }"
_CHECKS = re.compile(r"^portal_password_verifications_total (\S+)$", re.MULTILINE)


class Api:
    def __init__(self, http: httpx.AsyncClient, base: str) -> None:
        self.http, self.base = http, base

    async def gql(self, query: str, variables=None, token=None, client="198.51.100.1") -> dict:
        headers = {"X-Forwarded-For": client}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        response = await self.http.post(
            f"{self.base}/graphql",
            json={"query": query, "variables": variables or {}},
            headers=headers,
        )
        return response.json()

    async def login(self, username: str, password: str, client: str) -> tuple[dict, float]:
        started = time.perf_counter()
        body = await self.gql(
            LOGIN, {"input": {"username": username, "password": password}}, client=client
        )
        return body["data"]["login"], (time.perf_counter() - started) * 1000

    async def checks(self) -> float:
        text = (await self.http.get(f"{self.base}/metrics")).text
        return sum(float(v) for v in _CHECKS.findall(text))


def _answer(payload: dict) -> str:
    if payload["token"]:
        return "token"
    error = payload["errors"][0]
    return f"{error['code']} retryAfter={error['retryAfter']} ({error['message']})"


async def identifiers(api: Api, operator: str, partner: str) -> None:
    body = await api.gql("{ customers(first: 1) { nodes { accountNumber } } }", token=partner)
    taken = body["data"]["customers"]["nodes"][0]["accountNumber"]
    fullwidth = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in taken)
    cyrillic = taken.replace("A", "\u0410", 1) if "A" in taken else "\u0410" + taken
    print(f"3. account numbers (demo's first customer has {taken!r})")
    for label, value in (("fullwidth", fullwidth), ("Cyrillic A", cyrillic)):
        given = {
            "companyName": f"Spoof {label}",
            "domain": "spoof.example",
            "accountNumber": value,
            "admin": {
                "username": f"spoof{len(label)}@spoof.example",
                "password": DEMO_PASSWORD + "-x",
                "confirmPassword": DEMO_PASSWORD + "-x",
            },
        }
        payload = (await api.gql(CREATE_CUSTOMER, {"input": given}, token=partner))["data"][
            "createPartnerCustomer"
        ]
        print(f"   {label} {value!r}: customer={payload['customer']} errors={payload['errors']}")


async def long_password(api: Api, operator: str) -> None:
    password = secrets.token_urlsafe(160)[:200]
    made = await api.gql(
        CREATE_OPERATOR_USER,
        {
            "input": {
                "role": "OPERATOR_SUPPORT",
                "username": "long@orchestrator.example",
                "password": password,
            }
        },
        token=operator,
    )
    payload, _ = await api.login("long@orchestrator.example", password, "198.51.100.2")
    print(
        f"4. a {len(password)}-character password: created errors={made['data']['createOperatorUser']['errors']}, login -> {_answer(payload)}"
    )


async def timings(api: Api, operator: str) -> None:
    existing = [f"timing{n}@orchestrator.example" for n in range(30)]
    for username in existing:
        await api.gql(
            CREATE_OPERATOR_USER,
            {
                "input": {
                    "role": "OPERATOR_SUPPORT",
                    "username": username,
                    "password": DEMO_PASSWORD + f"-{username}",
                }
            },
            token=operator,
        )
    known, unknown, answers = [], [], set()
    for n, username in enumerate(existing):  # each from its own client address
        pair = [
            ("existing", username, known),
            ("unknown", f"ghost{n}@orchestrator.example", unknown),
        ]
        for kind, name, times in pair if n % 2 else pair[::-1]:  # alternate which goes first
            payload, ms = await api.login(name, "not-the-password-at-all", f"203.0.113.{n + 1}")
            times.append(ms)
            answers.add((kind, _answer(payload)))
    print("2. one wrong password for each of 30 existing and 30 unknown usernames")
    for kind, answer in sorted(answers):
        print(f"   {kind}: {answer}")
    print(
        f"   median: existing {statistics.median(known):.1f} ms, unknown {statistics.median(unknown):.1f} ms"
    )
    print(
        f"   mean:   existing {statistics.mean(known):.1f} ms, unknown {statistics.mean(unknown):.1f} ms"
    )
    for username in ("timing0@orchestrator.example", "ghost0@orchestrator.example"):
        seq = [
            _answer((await api.login(username, "another-wrong-password", "192.0.2.9"))[0])
            for _ in range(4)
        ]
        print(f"   four quick attempts at {username}: {[s.split(' (')[0] for s in seq]}")


async def burst(api: Api, operator: str) -> None:
    before = await api.checks()
    guesses = [f"wrong-guess-{n}-lantern" for n in range(49)] + [DEMO_PASSWORD]
    results = await asyncio.gather(*(api.login(OPERATOR, g, "192.0.2.50") for g in guesses))
    after = await api.checks()
    tokens = sum(1 for payload, _ in results if payload["token"])
    codes: dict[str, int] = {}
    for payload, _ in results:
        key = "token" if payload["token"] else payload["errors"][0]["code"]
        codes[key] = codes.get(key, 0) + 1
    print("1. 49 wrong passwords and the right one at once, for the operator")
    print(
        f"   tokens issued: {tokens}; answers: {codes}; argon2 verifications: {after - before:.0f}"
    )
    right = results[-1][0]
    print(f"   the right password's answer: {_answer(right)}")
    me = await api.gql(ME, token=operator)
    print(f"   the operator's earlier session still works: me = {me['data']['me']}")


# A separate process polls /healthz (so that the client's own event loop, busy with
# the flood, does not delay the probe) until its standard input closes.
PROBE = """
import select, statistics, sys, time, httpx
times = []
with httpx.Client(timeout=60) as http:
    while not select.select([sys.stdin], [], [], 0.05)[0]:
        started = time.perf_counter()
        http.get(sys.argv[1] + "/healthz")
        times.append((time.perf_counter() - started) * 1000)
times.sort()
print(f"{len(times)} polls, median {statistics.median(times):.1f} ms, "
      f"p95 {times[int(len(times) * 0.95)]:.1f} ms, slowest {times[-1]:.1f} ms")
"""


async def flood(api: Api) -> None:
    before = await api.checks()
    probe = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        PROBE,
        api.base,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    started = time.perf_counter()
    await asyncio.gather(
        *(
            api.login(
                f"flood{n}@orchestrator.example",
                "not-the-password-at-all",
                f"10.9.{n // 250}.{n % 250 + 1}",
            )
            for n in range(400)
        )
    )
    elapsed = time.perf_counter() - started
    out, _ = await probe.communicate(b"stop\n")
    after = await api.checks()
    print(
        f"5. 400 concurrent logins at 400 usernames: {elapsed:.1f} s, {after - before:.0f} verifications"
    )
    print(f"   /healthz meanwhile (another process): {out.decode().strip()}")


async def main(base: str) -> None:
    async with httpx.AsyncClient(timeout=120, limits=httpx.Limits(max_connections=100)) as http:
        api = Api(http, base)
        operator = (await api.login(OPERATOR, DEMO_PASSWORD, "198.51.100.1"))[0]["token"]
        partner = (await api.login("admin@acme-msp.example", DEMO_PASSWORD, "198.51.100.1"))[0][
            "token"
        ]
        await burst(api, operator)
        await timings(api, operator)
        await identifiers(api, operator, partner)
        await long_password(api, operator)
        await flood(api)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8123"))
