"""``zairyu reminders send``: each user's daily e-mail digest of their agenda (run it daily from cron or a
systemd timer; see docs/cases.md)."""

from __future__ import annotations

import typer

from zairyu.cli._app import app
from zairyu.cli.common import cli_actor, console, db_transaction, on_date

reminders_app = typer.Typer(help="E-mail reminders: each user's daily digest of their agenda.",
                            no_args_is_help=True)
app.add_typer(reminders_app, name="reminders")


@reminders_app.command("send")
def send_cmd(
    on: str = typer.Option(None, "--on", help="The agenda date YYYY-MM-DD (default: today)"),
    days: int = typer.Option(14, "--days", help="How many days ahead each digest looks (besides what is overdue)"),
    user: list[str] = typer.Option(None, "--user", help="Only this account's digest (repeatable)"),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the digests; send nothing, record nothing"),
    again: bool = typer.Option(False, "--again", help="Send even to users who already had today's digest"),
) -> None:
    """Send each active user the digest of the agenda they may see, once a day, in their language."""
    from zairyu.cases.services.reminders import send_digests
    from zairyu.settings import get_settings

    d = on_date(on)
    with db_transaction() as s:
        sent, failed = send_digests(s, cli_actor(), d, get_settings(), days=days, users=user or None,
                                    dry_run=dry_run, again=again)
        for dg in sent:
            if dry_run:
                console.print(f"To: {dg.to}\nSubject: {dg.subject}\n\n{dg.body}", markup=False, highlight=False)
            else:
                console.print(f"sent to {dg.to}: {dg.lines} line(s), {dg.overdue} overdue", markup=False)
        for dg, why in failed:
            console.print(f"not sent to {dg.to}: {why}", markup=False, style="red")
        if not sent and not failed:
            console.print("no digest to send (nothing due, or already sent today)")
    if failed:
        raise typer.Exit(1)
