"""``candour synth``: load deterministic synthetic forces.

Examples::

    candour synth --demo
    candour synth --force MET --officers 34000 --years 5 --seed 1
    candour synth --national --years 10 --seed 1
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from candour.synth.forces import DEMO_FORCE, ForceSpec, force_spec, national_forces
from candour.synth.services import LoadResult, SynthError, synth_load


class Command(BaseCommand):
    help = ("Load deterministic synthetic forces (officers, staff, cases, allegations, "
            "outcomes) calibrated to published national figures.")

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--demo", action="store_true",
                           help=f"One small force, {DEMO_FORCE.code} {DEMO_FORCE.name} "
                                f"({DEMO_FORCE.officers} officers, 3 years unless --years)")
        which.add_argument("--force", metavar="CODE",
                           help="One force by code (real or synthetic code, or a new one)")
        which.add_argument("--national", action="store_true",
                           help="All 43 forces (real names and sizes when the workforce data "
                                "is present, synthetic ones otherwise)")
        parser.add_argument("--officers", type=int, help="Serving officers (default: workforce "
                                                         "figures, or the built-in size)")
        parser.add_argument("--name", help="Force name (with --force)")
        parser.add_argument("--years", type=int, help="Years of cases (default 3 for --demo, "
                                                      "else 5)")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1)")
        parser.add_argument("--no-clocks", action="store_true",
                            help="Do not compute the open cases' cached clocks after the load (about 90 ms "
                                 "a case: run `candour casework clocks` later instead)")
        parser.add_argument("--end-date", type=date.fromisoformat,
                            help="Last day of generated data, YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        end_date: date = options["end_date"] or timezone.localdate()
        years: int = options["years"] or (3 if options["demo"] else 5)
        specs: list[ForceSpec]
        if options["demo"]:
            specs = [force_spec(base_dir=settings.BASE_DIR, code=DEMO_FORCE.code,
                                officers=options["officers"], name=options["name"])]
        elif options["force"]:
            specs = [force_spec(base_dir=settings.BASE_DIR, code=options["force"],
                                officers=options["officers"], name=options["name"])]
        else:
            if options["officers"] or options["name"]:
                raise CommandError("--officers and --name apply to one force, not --national")
            specs = national_forces(settings.BASE_DIR)
        seed: int = options["seed"]

        def report(result: LoadResult) -> None:
            rows = result.rows
            self.stdout.write(
                f"{result.code} {result.name}: {rows['officer']:,} officers, "
                f"{rows['staff']:,} staff, {rows['case']:,} cases, "
                f"{rows['allegation']:,} allegations, {rows['subject']:,} subjects, "
                f"{rows['timeline']:,} timeline events; {result.total_rows:,} rows in "
                f"{result.seconds:.1f} s ({result.total_rows / max(result.seconds, 1e-9):,.0f}"
                " rows/s)")

        try:
            summary = synth_load(specs=specs, seed=seed, years=years, end_date=end_date,
                                 on_force=report, clocks=not options["no_clocks"])
        except SynthError as exc:
            raise CommandError(str(exc)) from exc
        if summary.bulk:
            self.stdout.write(f"Bulk mode (empty tables, one transaction): indexes rebuilt and "
                              f"keys validated in {summary.index_seconds:.1f} s")
        self.stdout.write(f"Planner statistics refreshed in {summary.statistics_seconds:.1f} s")
        if options["no_clocks"]:
            self.stdout.write("Clocks not computed (--no-clocks): run `candour casework clocks` before use")
        else:
            self.stdout.write(f"Clocks computed for {summary.open_cases:,} open case(s) in "
                              f"{summary.clock_seconds:.1f} s")
        self.stdout.write(self.style.SUCCESS(
            f"Loaded {len(specs)} force(s), {years} year(s) to {end_date}, seed {seed}: "
            f"{summary.total_rows:,} rows in {summary.seconds:.1f} s "
            f"({summary.total_rows / max(summary.seconds, 1e-9):,.0f} rows/s)"))
