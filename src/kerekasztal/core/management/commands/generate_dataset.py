"""`kerekasztal generate-dataset --scale 1 --seed 1`: the synthetic national dataset."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from tqdm import tqdm

from kerekasztal.core.datasets import synthetic


class Command(BaseCommand):
    help = "Determinisztikus, szintetikus országos adatkészlet a teljesítménymérésekhez."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0,
                            help="1 = 200 fórum, 20 000 szervezet, 60 000 személy, ...")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--forums", type=int, default=None,
                            help="A fórumok száma (alapértelmezés: 200 × scale).")
        parser.add_argument("--replace", action="store_true",
                            help="A korábban generált fórumok törlése előbb.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, scale, seed, forums, replace, no_progress, **options):
        if scale <= 0:
            raise CommandError("A --scale értéke legyen pozitív.")
        if replace:
            removed = synthetic.remove_generated()
            self.stdout.write(f"{removed} korábban generált fórum törölve.")
        bar = tqdm(unit=" rekord", disable=no_progress, file=self.stderr._out)
        counts: dict[str, int] = {}

        def progress(label: str, n: int) -> None:
            counts[str(label)] = counts.get(str(label), 0) + n
            bar.set_postfix_str(str(label))
            bar.update(n)

        started = time.monotonic()
        try:
            synthetic.generate(scale=scale, seed=seed, forums=forums, progress=progress)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            bar.close()
        # Bulk inserts leave the planner's statistics behind until autovacuum runs: measure
        # on what a running installation has.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        for label, n in counts.items():
            self.stdout.write(f"{label}: {n}")
        self.stdout.write(f"Kész {time.monotonic() - started:.1f} s alatt.")
