"""Benchmark: the CPU one password check costs with each hasher, and the logins per second that allows."""

import os
import statistics
import time

from django.contrib.auth.hashers import Argon2PasswordHasher, PBKDF2PasswordHasher
from django.core.management.base import BaseCommand

from accounts.hashers import Argon2idHasher

PASSWORD = "HocTap@2026!"


class Command(BaseCommand):
    help = "Measure password checking: Argon2id (OWASP parameters, the product's) beside PBKDF2 and Argon2 defaults."

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=10)

    def handle(self, rounds, **options):
        cores = os.cpu_count() or 1
        per_second = f"logins/s on {cores} cores"
        self.stdout.write(f"{'hasher':<44} {'CPU ms/check':>12} {'wall ms':>8} {per_second:>20}")
        for label, hasher in (
            ("PBKDF2-SHA256, 1,000,000 iterations (before)", PBKDF2PasswordHasher()),
            ("Argon2id, Django's default m=100 MiB t=2 p=8", Argon2PasswordHasher()),
            ("Argon2id, OWASP m=19 MiB t=2 p=1 (product)", Argon2idHasher()),
        ):
            encoded = hasher.encode(PASSWORD, hasher.salt())
            cpu, wall = [], []
            for _ in range(rounds):
                started, started_cpu = time.perf_counter(), time.process_time()
                assert hasher.verify(PASSWORD, encoded)
                wall.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
            cpu_ms = statistics.median(cpu) * 1000
            self.stdout.write(
                f"{label:<44} {cpu_ms:>12.1f} {statistics.median(wall) * 1000:>8.1f} {cores * 1000 / cpu_ms:>20.0f}"
            )
