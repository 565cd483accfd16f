"""Web commands: ``zairyu serve``, ``zairyu users add|list|deactivate|activate|role|assign|unassign`` and
``zairyu purge``."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import typer

from zairyu.cli._app import app
from zairyu.cli.common import cli_actor, console, db_transaction
from zairyu.errors import InvalidInputError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from zairyu.cases.models import User

users_app = typer.Typer(help="Accounts of the web application.", no_args_is_help=True)
app.add_typer(users_app, name="users")

ROLES = "admin|caseworker|supporter|client"


_actor = cli_actor  # who the command line acts as: cli:<login>


@users_app.command("add")
def users_add(
    email: str = typer.Argument(..., help="The sign-in e-mail address"),
    role: str = typer.Option(..., "--role", help=ROLES),
    password: str = typer.Option(None, "--password", help="The password (prefer --password-stdin)"),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input"),
    name: str = typer.Option(None, "--name", help="Display name (default: the part before @)"),
    language: str = typer.Option("ja", "--lang", help="ja|en|ru|uk"),
    person: int = typer.Option(None, "--person", help="For a client: the id of their own person record"),
) -> None:
    """Create an account, or set the password of an existing one with the same role (idempotent)."""
    from zairyu.cases.services.accounts import add_or_update_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    if not password:
        raise InvalidInputError("give the password with --password-stdin (or --password)", field="--password")
    with db_transaction() as s:
        user, created = add_or_update_user(s, email, role=role, password=password, actor=_actor(),
                                           display_name=name, language=language, person_id=person)
        line = f"{'created' if created else 'password set for'} {user.email} ({user.role})"
    console.print(line)


@users_app.command("list")
def users_list() -> None:
    """Every account: e-mail, role, language, whether it can sign in."""
    from zairyu.cases.services.accounts import users_of

    with db_transaction() as s:
        for u in users_of(s, None):
            state = ("deactivated" if not u.active else "can sign in" if u.password_hash else "no password yet")
            typer.echo(f"{u.id}\t{u.email}\t{u.role}\t{u.language}\t{state}")


def _user(s: Session, email: str) -> User:
    from zairyu.cases.services.accounts import find_user
    from zairyu.cases.services.common import NotFoundError

    user = find_user(s, email)
    if user is None:
        raise NotFoundError(f"no account with e-mail {email.strip().lower()}", field="email")
    return user


@users_app.command("deactivate")
def users_deactivate(email: str = typer.Argument(..., help="The account's e-mail address")) -> None:
    """Deactivate an account: it cannot sign in, its sessions end and the feeds its user made are revoked."""
    from zairyu.cases.services.accounts import set_active

    with db_transaction() as s:
        user = _user(s, email)
        set_active(s, user, False, _actor())
    typer.echo(f"deactivated {email.strip().lower()}")


@users_app.command("activate")
def users_activate(email: str = typer.Argument(..., help="The account's e-mail address")) -> None:
    """Let a deactivated account sign in again (with its password; old sessions and feeds stay ended)."""
    from zairyu.cases.services.accounts import set_active

    with db_transaction() as s:
        set_active(s, _user(s, email), True, _actor())
    typer.echo(f"activated {email.strip().lower()}")


@users_app.command("role")
def users_role(
    email: str = typer.Argument(..., help="The account's e-mail address"),
    role: str = typer.Argument(..., help=ROLES),
    person: int = typer.Option(None, "--person", help="For the role client: the id of their own person record"),
) -> None:
    """Change an account's role (in force at its next request; the feeds its user made are revoked)."""
    from zairyu.cases.services.accounts import change_role

    with db_transaction() as s:
        change_role(s, _user(s, email), role, _actor(), person_id=person)
    typer.echo(f"{email.strip().lower()} is now {role}")


@users_app.command("assign")
def users_assign(
    email: str = typer.Argument(..., help="The supporter's e-mail address"),
    person: int = typer.Argument(..., help="The id of the person to assign to them"),
) -> None:
    """Assign a person to a supporter: the supporter sees that person (and only the people assigned)."""
    from zairyu.cases.services.accounts import assign_supporter

    with db_transaction() as s:
        assign_supporter(s, _user(s, email).id, person, _actor())
    typer.echo(f"person {person} assigned to {email.strip().lower()}")


@users_app.command("unassign")
def users_unassign(
    email: str = typer.Argument(..., help="The supporter's e-mail address"),
    person: int = typer.Argument(..., help="The id of the person assigned to them"),
) -> None:
    """End a supporter's assignment to a person (the feeds of that person they made are revoked)."""
    from zairyu.cases.services.accounts import end_assignment

    with db_transaction() as s:
        end_assignment(s, _user(s, email).id, person, _actor())
    typer.echo(f"ended the assignment of person {person} to {email.strip().lower()}")


@app.command("purge")
def purge(
    days: int = typer.Option(None, "--days", min=0,
                             help="Remove what was deleted more than this many days ago "
                                  "(default: ZAIRYU_RETENTION_DAYS, 30)"),
) -> None:
    """Remove for good the people and documents deleted longer ago than the retention period (with their
    stored files); each removal is recorded in the timeline. Expired sessions are removed too."""
    import time
    from datetime import timedelta

    from zairyu.cases import db
    from zairyu.cases.services.common import now
    from zairyu.cases.services.retention import purge_deleted, remove_expired_sessions, remove_files
    from zairyu.settings import get_settings

    settings = get_settings()
    keep = settings.retention_days if days is None else days
    engine = db.get_engine()
    db.ensure_schema(engine)
    with db.transaction(engine) as s:
        done = purge_deleted(s, now() - timedelta(days=keep), settings.uploads_path, _actor())
        remove_expired_sessions(s, time.time())
    with db.transaction(engine) as s:
        files = remove_files(s, done.paths, settings.uploads_path)
    typer.echo(f"purged {done.people} people and {done.documents} documents deleted more than {keep} days ago "
               f"({files} stored files removed)")


def _startup_counts(host: str) -> tuple[int, int]:
    """How many accounts can sign in, and how many people have deadlines another version computed. On an
    address beyond this machine, refuses while any account has the published demo password."""
    from zairyu.cases import services as sv
    from zairyu.cases.demo import published_password_accounts

    with db_transaction() as s:
        if not is_loopback(host):
            published = published_password_accounts(s)
            if published:
                raise InvalidInputError(
                    f"refusing to listen on {host}: {len(published)} account(s) have the published demo password "
                    f"({', '.join(published[:5])}{', …' if len(published) > 5 else ''}). Give each a new password "
                    "(`zairyu users add EMAIL --role ROLE --password-stdin`), or serve the demo on 127.0.0.1 only",
                    field="--host")
        return sv.count_users(s, with_password=True), len(sv.stale_people(s))


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any address


@app.command("serve")
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on"),
    port: int = typer.Option(8000, "--port", help="Port to listen on"),
    workers: int = typer.Option(1, "--workers", help="Worker processes"),
    on: str = typer.Option(None, "--on", help="Pretend today is this date YYYY-MM-DD (demos and tests)"),
) -> None:
    """Run the web application (pages at /, API at /api/v1, OpenAPI at /docs)."""
    import uvicorn

    from zairyu.cli.common import on_date

    if on is not None:
        os.environ["ZAIRYU_TODAY"] = on_date(on).isoformat()
    accounts, stale = _startup_counts(host)
    if accounts == 0:
        typer.echo("No accounts can sign in yet. Create one first, e.g.:\n"
                   "  zairyu users add you@example.org --role admin --password-stdin")
    if stale:
        typer.echo(f"Warning: the deadlines of {stale} people were computed by other law data or calendar rules "
                   "than this version of zairyu's: run `zairyu db upgrade` to recompute them.")
    typer.echo(f"zairyu: sign in at http://{host}:{port}/login  (API docs: http://{host}:{port}/docs)")
    # Forwarded headers (client address, scheme) are believed only from the configured proxies; with none
    # configured (the default) they are ignored, whoever sends them.
    from zairyu.settings import get_settings
    from zairyu.web.auth import parse_proxies

    proxies = [str(n) for n in parse_proxies(get_settings().trusted_proxies)]
    uvicorn.run("zairyu.web.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                log_level="warning", proxy_headers=bool(proxies), forwarded_allow_ips=proxies or None,
                http="zairyu.web.protocol:NoDelayHttpToolsProtocol", loop="uvloop")


DEMO_LOGINS = (("caseworker@demo.zairyu.example", "caseworker"), ("admin@demo.zairyu.example", "admin"),
               ("supporter@demo.zairyu.example", "supporter"), ("anna@demo.zairyu.example", "client"))


@users_app.command("demo-logins")
def users_demo_logins(
    password: str = typer.Option(None, "--password", help="Password for the demo accounts (default: the published "
                                 "demo password)"),
) -> None:
    """Give the demo office's accounts (made by `zairyu demo`) a password and print them: only in a database
    that `zairyu demo` made for the demo."""
    from sqlalchemy import select

    from zairyu.cases import models as m
    from zairyu.cases.demo import DEMO_OFFICE, DEMO_PASSWORD, is_demo_database
    from zairyu.cases.services.accounts import find_user, set_password
    from zairyu.cases.services.common import NotFoundError

    password = password or DEMO_PASSWORD
    with db_transaction() as s:
        org = s.scalar(select(m.Organisation).where(m.Organisation.name == DEMO_OFFICE))
        if org is None:
            raise NotFoundError("there is no demo office in this database: run `zairyu demo` first")
        if not is_demo_database(s):
            raise InvalidInputError("this database was not made for the demo by `zairyu demo`: its accounts keep "
                                    "their passwords (set one with `zairyu users add EMAIL --role ROLE "
                                    "--password-stdin`)", field="database")
        done = []
        for email, role in DEMO_LOGINS:
            user = find_user(s, email)
            if user is not None and user.organisation_id == org.id and user.role == role:
                set_password(s, user, password, _actor())
                done.append((email, role, user.language))
    for email, role, lang in done:
        typer.echo(f"{role:<11} {email:<34} password: {password}   (language {lang})")
