# Two commands: `make run` and `make test`. Everything else is a step they use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
FLASK := $(BIN)/flask --app app
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2

.PHONY: install run serve migrate test lint format messages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(FLASK) db upgrade

## run: set everything up and serve on http://127.0.0.1:8000
run: migrate
	$(FLASK) rivers import  # before content sync: case exercises compute their answers from it
	$(FLASK) content sync --skip-invalid
	$(FLASK) demo load-if-empty
	@echo "Water Academy on http://$(HOST):$(PORT)/ (demo accounts: see README.md)"
	$(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - 'app:create_app()'

## test: the whole suite (DATABASE_URL=postgresql://... runs it on PostgreSQL)
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## messages: merge new UI strings into the ru/kk catalogues (AREA=courses for a feature's own catalogue)
messages: install
	$(FLASK) i18n update $(AREA)

clean:
	rm -rf $(VENV) instance
