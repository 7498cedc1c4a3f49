"""Help for the people who write the plan: editor schemas, `new`, `init`."""
