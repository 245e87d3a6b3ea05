"""The validator: validate(design) -> findings; rules as pure functions, one module per family."""
