"""Events services, one module per job: people, events, registration, attendance, imports, duplicates,
exports and certificates. Views import the module they need (``from app.events.services import people``)."""
