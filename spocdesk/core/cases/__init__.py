"""Cases: create, log, escalate, resolve; the case list's SQL, SLA clocks and templates."""
