"""A customer's company details (Customer Information on the New Customer page):
checked, normalized, and tested for uniqueness, the same way on create and update.

The company name and the account number are unique names (gql.domain.identifiers):
NFKC-normalised, compared by their keys, refused when they mix look-alike scripts."""

from __future__ import annotations

from dataclasses import dataclass

from gql.domain.identifiers import identifier, identifier_key
from gql.domain.problems import Problems
from gql.domain.validation import country_code, domain_name, optional_text
from models.customer import Customer as CustomerRow
from models.identity import User as UserRow

MAX_COMPANY = 200
MAX_ACCOUNT = 64
_ADDRESS_LIMITS = {
    "street_address": ("streetAddress", 200),
    "city": ("city", 100),
    "state": ("state", 100),
    "postal_code": ("postalCode", 20),
}


@dataclass
class Address:
    """A postal address; every part optional."""

    street_address: str | None = None
    city: str | None = None
    state: str | None = None
    country: str | None = None
    postal_code: str | None = None


@dataclass
class CompanyDetails:
    name: str
    domain: str
    account_number: str
    address: Address | None

    def address_fields(self) -> dict[str, str | None]:
        a = self.address or Address()
        return {
            "street_address": a.street_address,
            "city": a.city,
            "state": a.state,
            "country": a.country,
            "postal_code": a.postal_code,
        }


def check_company(problems: Problems, details: CompanyDetails) -> CompanyDetails:
    """The details trimmed and normalized, adding every problem found."""
    name = identifier(
        problems, details.name, "the company name", "companyName", max_length=MAX_COMPANY
    )
    account = identifier(
        problems,
        details.account_number,
        "an account number",
        "accountNumber",
        max_length=MAX_ACCOUNT,
    )
    return CompanyDetails(
        name=name or "",
        domain=_domain(problems, details.domain),
        account_number=account or "",
        address=_address(problems, details.address),
    )


def _domain(problems: Problems, value: str) -> str:
    value = value.strip()
    if not value:
        problems.add("REQUIRED", "Enter the company's domain name.", "domain")
        return value
    normalized = domain_name(value)
    if normalized is None:
        problems.add("INVALID", 'Enter a domain name such as "acme.example".', "domain")
    return normalized or value


def _address(problems: Problems, given: Address | None) -> Address | None:
    if given is None:
        return None
    parts = {
        attr: optional_text(problems, getattr(given, attr), "address", key, max_length=limit)
        for attr, (key, limit) in _ADDRESS_LIMITS.items()
    }
    country = optional_text(problems, given.country, "address", "country")
    if country is not None:
        code = country_code(country)
        if code is None:
            problems.add(
                "INVALID",
                'Use an ISO 3166-1 alpha-2 country code, e.g. "DE".',
                "address",
                "country",
            )
        country = code or country
    return Address(**parts, country=country)


async def duplicates(
    problems: Problems,
    partner_id: int,
    company: CompanyDetails,
    username: str | None,
    *,
    exclude_customer: int | None = None,
) -> None:
    """DUPLICATE for each unique value already taken. The database's unique indexes
    still decide races; this reports every taken value at once, validateOnly included."""
    others = CustomerRow.all()
    if exclude_customer is not None:
        others = others.exclude(id=exclude_customer)
    if (
        company.account_number
        and not problems.about("accountNumber")
        and await others.filter(account_number_key=identifier_key(company.account_number)).exists()
    ):
        problems.add("DUPLICATE", "This account number is taken.", "accountNumber")
    if (
        company.name
        and not problems.about("companyName")
        and await others.filter(
            partner_id=partner_id, company_name_key=identifier_key(company.name)
        ).exists()
    ):
        problems.add("DUPLICATE", "You already have a customer of this name.", "companyName")
    if (
        username
        and not problems.about("admin", "username")
        and await UserRow.filter(username_key=identifier_key(username)).exists()
    ):
        problems.add("DUPLICATE", "This username is taken.", "admin", "username")
