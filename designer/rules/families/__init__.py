"""Rule families, one module each; importing this package registers every rule.

A family module that is not written yet is skipped, so the engine works while rules land.
"""

import importlib

FAMILIES = (
    "topology",
    "addressing",
    "routing",
    "security",
    "compute_storage",
    "load_balancing",
    "databases",
    "s3_glacier",
    "dns_cdn",
    "connectivity",
    "quotas",
)

for _name in FAMILIES:
    try:
        importlib.import_module(f"designer.rules.families.{_name}")
    except ModuleNotFoundError as _exc:
        if _exc.name != f"designer.rules.families.{_name}":
            raise
