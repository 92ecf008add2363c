# Quickstart targets: each creates its own .venv and installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WORKFLOWS := $(wildcard .github/workflows/*.yml docs/workflows/*.yml)

.PHONY: demo test lint lock templates schemas clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,html]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/demo.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/check-jsonschema --builtin-schema vendor.github-actions action.yml
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows $(WORKFLOWS)
	$(BIN)/actionlint $(WORKFLOWS)
	$(BIN)/zizmor --offline --config zizmor.yml --min-severity medium --no-progress action.yml $(WORKFLOWS)
	$(BIN)/hadolint Dockerfile

test: lint
	$(BIN)/python -m pytest

# The image installs exactly these pins, each checked against its hashes. Regenerate after changing
# the dependencies or the build backend in pyproject.toml: `make lock`. cryptography is left out of the
# image: PyGithub needs it (through PyJWT) only to sign GitHub App tokens, and perf-action authenticates
# with the job's token; it is the largest package by far, so every pull of the image is smaller.
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --universal \
		--python-version 3.11 --custom-compile-command 'make lock' --no-emit-package cryptography \
		-o requirements.lock
	$(BIN)/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")' \
		| $(BIN)/uv pip compile - --quiet --generate-hashes --universal \
		--python-version 3.11 --custom-compile-command 'make lock' -o requirements-build.lock

# The built-in templates ship precompiled (perfaction/render/precompiled.py). Regenerate after editing
# templates/*.j2 or upgrading jinja2; tests/test_render.py fails until then.
templates: $(STAMP)
	$(BIN)/python -c 'from perfaction.render import precompile_templates; precompile_templates()'

# perf-action's schemas ship compiled to Python checks (schemas/compiled). Regenerate after editing
# schemas/*.json or perfaction/schemacheck.py; tests/test_schemacheck.py fails until then.
schemas: $(STAMP)
	$(BIN)/python -c 'from perfaction.validation import precompile_schemas; precompile_schemas(__import__("pathlib").Path("schemas/compiled"))'

clean:
	rm -rf $(VENV) build dist *.egg-info
