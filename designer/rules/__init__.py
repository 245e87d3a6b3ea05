"""The validator: `validate(design) -> list[Finding]`; rules are pure functions registered by
decorator, one module per family under `designer.rules.families`, checked incrementally by
`Validator` after each edit."""

from designer.rules.engine import Validator, validate
from designer.rules.finding import SEVERITIES, Finding, Fix, Issue, Source
from designer.rules.registry import RULES, Rule, rule

__all__ = ["RULES", "SEVERITIES", "Finding", "Fix", "Issue", "Rule", "Source", "Validator", "rule", "validate"]
