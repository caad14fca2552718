"""Creating users: one path for every role, so every user passes the same checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from gql.domain import audit, identifiers, system_properties
from gql.domain.problems import Problems
from gql.domain.security import check_password, hash_password, normalize_password
from gql.domain.validation import clean_text, e164_phone, email_address, optional_text
from gql.domain.viewer import Viewer
from models.enums import Role
from models.identity import User

MAX_PERSON_NAME = 100
MAX_USERNAME = 254


@dataclass(slots=True)
class NewUser:
    role: Role
    username: str
    password: str
    partner_id: int | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    mobile_phone: str | None = None
    contact_email: str | None = None
    # The partner or customer name: the password estimator treats it as guessable.
    company: str | None = None


async def validate(new: NewUser, problems: Problems, *path: str) -> None:
    """Checks and normalizes `new` in place, adding every problem found under `path`."""
    _check_username(new, problems, *path)
    check_details(new, problems, *path)
    await check_new_password(problems, new, new.password, *path)


def _check_username(new: NewUser, problems: Problems, *path: str) -> None:
    """A unique name (gql.domain.identifiers): NFKC first, then the address rules."""
    username = identifiers.normalize(new.username)
    if not username:
        problems.add("REQUIRED", "Enter a username in user@domain.com format.", *path, "username")
        return
    normalized = email_address(username)
    if normalized is None:
        problems.add(
            "INVALID", "The username must be in user@domain.com format.", *path, "username"
        )
        return
    if identifiers.check(problems, normalized, *path, "username", max_length=MAX_USERNAME):
        new.username = normalized


def username_key(username: str) -> str:
    """The key a username is stored and found under: that of its normalised address
    (so `Admin@Bücher.example` and `admin@xn--bcher-kva.example` are one user), or of
    the text as given when it is no address at all."""
    text = identifiers.normalize(username)
    return identifiers.identifier_key(email_address(text) or text)


def check_details(new: Any, problems: Problems, *path: str) -> None:
    """Names, phones (to E.164) and the contact address of `new`, checked and
    normalized in place."""
    for attr, key in (("first_name", "firstName"), ("last_name", "lastName")):
        value = optional_text(problems, getattr(new, attr), *path, key, max_length=MAX_PERSON_NAME)
        setattr(new, attr, value)
    for attr, key in (("phone", "phone"), ("mobile_phone", "mobilePhone")):
        raw = clean_text(getattr(new, attr))
        if raw is not None:
            number = e164_phone(raw)
            if number is None:
                problems.add(
                    "INVALID",
                    "Enter an international number with its country code, e.g. +14155550123.",
                    *path,
                    key,
                )
            raw = number
        setattr(new, attr, raw)
    contact = clean_text(new.contact_email)
    if contact is not None:
        normalized = email_address(contact)
        if normalized is None:
            problems.add("INVALID", "Enter an e-mail address.", *path, "contactEmail")
        contact = normalized
    new.contact_email = contact


async def check_new_password(problems: Problems, user: Any, password: str, *path: str) -> None:
    """The password policy, with the user's names and company as guessable words."""
    company = getattr(user, "company", None)
    problem = await check_password(
        password,
        username=user.username,
        user_inputs=tuple(x for x in (user.first_name, user.last_name, company) if x),
        min_length=await system_properties.password_min_length(),
    )
    if problem is not None:
        problems.add(problem.code, problem.message, *path, "password")


def check_confirmation(problems: Problems, password: str, confirmation: str, *path: str) -> None:
    """PASSWORD_MISMATCH, for the forms that ask for the password twice (compared as
    they are hashed: NFKC-normalised)."""
    if normalize_password(confirmation) != normalize_password(password):
        problems.add("PASSWORD_MISMATCH", "The passwords do not match.", *path, "confirmPassword")


async def insert(
    new: NewUser, password_hash: str, conn: BaseDBAsyncClient, *, customer_id: int | None = None
) -> User:
    """The user's row, inside the caller's transaction (validated details, hashed password)."""
    return await User.create(
        role=new.role,
        partner_id=new.partner_id,
        customer_id=customer_id,
        username=new.username,
        username_key=username_key(new.username),
        password_hash=password_hash,
        first_name=new.first_name,
        last_name=new.last_name,
        phone=new.phone,
        mobile_phone=new.mobile_phone,
        contact_email=new.contact_email,
        using_db=conn,
    )


async def register(
    new: NewUser,
    actor: Viewer | None,
    problems: Problems,
    *path: str,
    customer_id: int | None = None,
) -> User | None:
    """Checks `new` (adding every problem under `path`) and, when nothing is wrong,
    writes the user and its audit event in one transaction; a taken username becomes a
    DUPLICATE problem (the database decides, so concurrent creates are safe)."""
    await validate(new, problems, *path)
    if problems:
        return None
    password_hash = await hash_password(new.password)
    try:
        async with in_transaction() as conn:
            user = await insert(new, password_hash, conn, customer_id=customer_id)
            await audit.record(
                actor,
                "user.create",
                "User",
                user.id,
                partner_id=new.partner_id,
                customer_id=customer_id,
                changes={"role": new.role.value, "username": new.username},
                using_db=conn,
            )
    except IntegrityError:
        problems.add("DUPLICATE", "This username is taken.", *path, "username")
        return None
    return user
